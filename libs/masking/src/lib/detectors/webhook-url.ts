import { regexDetector, trailingGroup } from '../detector';
import { Trigger } from '../triggers';

// `/`, or `%2F` inside an encoded URL.
const SLASH = '(?:/|%2[Ff])';
const ROUTES = [
  `hooks\\.slack\\.com${SLASH}(?:services|workflows|triggers)`,
  `(?:ptb\\.|canary\\.)?discord(?:app)?\\.com${SLASH}api${SLASH}(?:v\\d{1,2}${SLASH})?webhooks`,
  `[A-Za-z0-9-]{1,63}\\.webhook\\.office\\.com${SLASH}webhookb2`,
  `outlook\\.office(?:365)?\\.com${SLASH}webhook`,
  `hooks\\.zapier\\.com${SLASH}hooks${SLASH}catch`,
  `maker\\.ifttt\\.com${SLASH}trigger`,
  `chat\\.googleapis\\.com${SLASH}v1${SLASH}spaces`,
].join('|');

/**
 * The secret part of an incoming-webhook URL (whoever holds it can post): the path after the
 * route of Slack, Discord, Microsoft Teams/Office 365, Zapier, IFTTT and Google Chat, and a
 * Mattermost-style `/hooks/<26 characters>`. The host and route stay readable.
 */
export const webhookUrlDetector = regexDetector({
  type: 'WEBHOOK_URL',
  trigger: Trigger.URL,
  pattern: new RegExp(
    `(?:(?:${ROUTES})${SLASH}([A-Za-z0-9_@.~%/?=&-]{8,600}?)|${SLASH}hooks${SLASH}([a-z0-9]{26}))(?=$|[\\s"'\`<>),;\\]}\\\\])`,
    'g',
  ),
  refine: (_text, match) => trailingGroup(match, match[1] === undefined ? 2 : 1),
});
