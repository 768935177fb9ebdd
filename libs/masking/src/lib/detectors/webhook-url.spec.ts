import type { Detector } from '../detector';
import { webhookUrlDetector } from './webhook-url';

function findings(detector: Detector, text: string): string[] {
  const spans: string[] = [];
  detector.find(text, (type, start, end) => spans.push(`${type}:${text.slice(start, end)}`));
  return spans;
}

const found = (text: string): string[] => findings(webhookUrlDetector, text);

describe('webhook URL detector', () => {
  it.each([
    [
      'a Slack webhook',
      'posting to https://hooks.slack.com/services/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 status=200',
      'T0VEIAKOE/BEDFCYGCD1C/USIok3SETyIgMEBUsfZNVZFG',
    ],
    [
      'a Slack workflow trigger',
      'https://hooks.slack.com/triggers/T5KPRX2YM/ALVMP7JP5U6/1261449104/f52e7313',
      'T5KPRX2YM/ALVMP7JP5U6/1261449104/f52e7313',
    ],
    [
      'a quoted Slack webhook',
      '"url":"https://hooks.slack.com/services/TX5SHWDPT/BL51PWK6G77/WDQMNMIsjL97"',
      'TX5SHWDPT/BL51PWK6G77/WDQMNMIsjL97',
    ],
    [
      'an encoded Slack webhook',
      'GET /notify?webhook=https%3A%2F%2Fhooks.slack.com%2Fservices%2FT04ABCDE1%2FB06FGHIJK2%2F2PCi2lI9 HTTP/1.1',
      'T04ABCDE1%2FB06FGHIJK2%2F2PCi2lI9',
    ],
    [
      'a Discord webhook',
      'https://discord.com/api/webhooks/4871080083871968619/-l7YEnbESa8IvEJOqFjcAMJj',
      '4871080083871968619/-l7YEnbESa8IvEJOqFjcAMJj',
    ],
    [
      'a discordapp.com webhook',
      'https://discordapp.com/api/webhooks/1430092889555161672/NO_sr9aKbvoJyU',
      '1430092889555161672/NO_sr9aKbvoJyU',
    ],
    [
      'a Teams webhook',
      'https://example.webhook.office.com/webhookb2/acce3763-6e97@0262acc1/IncomingWebhook/2d2b06ef/e5ed821c/V2Tn5G',
      'acce3763-6e97@0262acc1/IncomingWebhook/2d2b06ef/e5ed821c/V2Tn5G',
    ],
    [
      'a Zapier catch hook',
      'https://hooks.zapier.com/hooks/catch/5189559/yiwipps/ → 200',
      '5189559/yiwipps/',
    ],
    [
      'a Mattermost hook',
      'https://chat.example.com/hooks/3ycm49p91upu99c80s4draoqog → 200',
      '3ycm49p91upu99c80s4draoqog',
    ],
  ])('masks %s', (_name, text, expected) =>
    expect(found(text)).toEqual([`WEBHOOK_URL:${expected}`]),
  );

  it.each([
    ['the Slack API host', 'POST https://slack.com/api/chat.postMessage 200'],
    ['a Slack route without a path', 'see https://hooks.slack.com/services/ for setup'],
    ['a Discord API call that is no webhook', 'GET https://discord.com/api/v10/users/@me'],
    ['a hooks path of another shape', 'GET https://git.example.com/hooks/pre-receive'],
    ['an Office 365 page', 'https://outlook.office.com/mail/inbox'],
  ])('leaves %s alone', (_name, text) => expect(found(text)).toEqual([]));
});
