import { SensitiveKeys } from '../sensitive-keys';
import { TriggerScanner } from '../trigger-scan';
import { Trigger } from '../triggers';

const CONTEXT_BITS =
  Trigger.QUERY_PARAM |
  Trigger.MARKUP |
  Trigger.COMMAND |
  Trigger.URL |
  Trigger.KEYWORD_VALUE |
  Trigger.DIGIT_GROUPS;

const scanner = new TriggerScanner(new SensitiveKeys());
const bitsOf = (text: string): number => scanner.scan(text) & CONTEXT_BITS;

describe('context triggers', () => {
  it.each([
    ['a query parameter', 'GET /maps?key=abc', Trigger.QUERY_PARAM],
    ['a second query parameter', 'a=1&token=x', Trigger.QUERY_PARAM],
    ['a query parameter after a number', 'From=%2B447700900733&To=%2B44', Trigger.QUERY_PARAM],
    ['a markup element', '<password>x</password>', Trigger.MARKUP],
    ['a command-line flag', 'mysql -u root -pS3cret', Trigger.COMMAND],
    ['a protocol command', 'a001 LOGIN user pw', Trigger.COMMAND],
    ['a URL', 'https://hooks.slack.com/services/T0', Trigger.URL],
    ['an encoded URL', 'webhook=https%3A%2F%2Fhooks', Trigger.URL],
    ['a keyword before a number', 'IMSI 310150123456789', Trigger.KEYWORD_VALUE],
    ['a keyword before a lettered id', 'DNI 12345678Z', Trigger.KEYWORD_VALUE],
    ['a card with dots', 'card=4000.0566.5566.5556', Trigger.DIGIT_GROUPS],
    ['a card with double spaces', 'pan=4242  4242  4242  4242', Trigger.DIGIT_GROUPS],
    ['a national phone', 'call 415 555 0132 now', Trigger.DIGIT_GROUPS],
  ])('reports %s', (_name, text, bit) => expect(bitsOf(text) & bit).toBe(bit));

  it.each([
    ['plain prose', 'user logged in after 3 attempts'],
    ['a timestamp', '2024-05-02 10:13:02.118 INFO started'],
    ['a slash date', '2024/05/02 10:23:06 ok'],
    ['a dash between words', 'well-known answer'],
    ['a comparison', 'if a < 3 then'],
    ['an uppercase word that is no command', 'PASSED AUTHORIZED LOGINS'],
    ['digits inside a hex id', 'trace=76da578f291ac69d692f2ab98aec001e'],
  ])('reports nothing for %s', (_name, text) => expect(bitsOf(text)).toBe(0));
});
