import { PERSONAL_DATA_DETECTORS, secretDetectors } from './builtin-detectors';
import { MASK_TYPES } from './mask-types';
import { placeholderPattern, TextMasker } from './mask-text';
import { placeholder } from './rendering/renderer';
import { SensitiveKeys } from './sensitive-keys';
import { TriggerScanner } from './trigger-scan';
import { ALL_TRIGGERS, Trigger } from './triggers';

const keys = new SensitiveKeys();
const scanner = new TriggerScanner(keys);
const engine = new TextMasker(
  [...secretDetectors(keys), ...PERSONAL_DATA_DETECTORS],
  new Set(MASK_TYPES),
  scanner,
  placeholderPattern(MASK_TYPES),
  placeholder,
);

/**
 * Texts from a seeded generator that the engine masks differently with the pre-scan's bits than
 * with every detector run: each is a finding the pre-scan would hide.
 */
function gatedUngatedDifferences(
  seed: number,
  iterations: number,
  makeText: (random: () => number) => string,
): string[] {
  let state = seed;
  const random = (): number => (state = (state * 48271) % 2147483647) / 2147483647;
  const differences: string[] = [];
  for (let i = 0; i < iterations; i++) {
    const text = makeText(random);
    const gated = engine.find(text, scanner.scan(text));
    const ungated = engine.find(text, ALL_TRIGGERS);
    if (JSON.stringify(gated) !== JSON.stringify(ungated)) differences.push(text);
  }
  return differences;
}

/** 1 to `most` fragments, picked at random and joined. */
const joinedFragments =
  (fragments: readonly string[], most: number) =>
  (random: () => number): string => {
    let text = '';
    const count = 1 + Math.floor(random() * most);
    for (let j = 0; j < count; j++) text += fragments[Math.floor(random() * fragments.length)];
    return text;
  };

describe('TriggerScanner', () => {
  it.each([
    '2024-05-01T12:34:56.789Z INFO [api] GET /v1/orders/833101 304 184ms req=550e8400-e29b-41d4-a716-446655440000',
    'time=2024-05-01T12:34:56Z level=debug attempt=2 backoff=250ms order_id=ORD-2024-000123 status=503',
    '{"ts":1714567890123,"level":"info","durationMs":12,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}',
    'May  1 12:34:56 node-7 kubelet[1532]: I0501 12:34:56.789012 1532 pod_workers.go:1298] synced',
    '"GET /static/app.js HTTP/1.1" 200 1532 0.012 version=2.14.1 build=1.30.9-rc.1',
  ])('sees nothing worth a closer look in %p', (line) => {
    expect(scanner.scan(line)).toBe(0);
  });

  it.each([
    ['an at sign', 'mail a@b.example', Trigger.AT_SIGN],
    ['an at sign after a NUL character', 'mail\u0000 a@b.example', Trigger.AT_SIGN],
    ['a long digit run', 'pan 4111 1111 1111 1111', Trigger.NUMBER_RUN],
    ['a dotted quad', 'ip 10.0.0.1', Trigger.NUMBER_RUN],
    ['an international prefix', 'tel +44 20', Trigger.PHONE_PREFIX],
    ['an area code in parens', 'tel (415) 555', Trigger.PHONE_PREFIX],
    ['a 00 prefix', 'tel 0049 (30)', Trigger.PHONE_PREFIX],
    ['an IBAN country code', 'DE89 3704', Trigger.IBAN_PREFIX],
    ['a compressed IPv6 address', 'fe80::1', Trigger.HEX_COLONS],
    ['a full IPv6 address', '2001:db8:0:0:0:0:0:1', Trigger.HEX_COLONS],
    ['a JWT header', 'eyJhbGci', Trigger.JWT_HEADER],
    ['an auth scheme', 'authorization: Bearer x', Trigger.AUTH_SCHEME],
    ['an AWS key id', 'AKIAIOSFODNN7EXAMPLE', Trigger.AWS_KEY_PREFIX],
    ['a GitHub token prefix', 'ghp_abc', Trigger.VENDOR_TOKEN_PREFIX],
    ['a Slack token prefix', 'xoxb-1', Trigger.VENDOR_TOKEN_PREFIX],
    ['a Stripe key prefix', 'sk_live_1', Trigger.VENDOR_TOKEN_PREFIX],
    ['a PEM header', '-----BEGIN PRIVATE KEY-----', Trigger.PEM_HEADER],
    ['a sensitive key', '"Password" : "x"', Trigger.SENSITIVE_KEY],
    ['a sensitive CLI flag', 'mysql --password x', Trigger.SENSITIVE_KEY],
    ['a sensitive XML element', '<api_key>x', Trigger.SENSITIVE_KEY],
    ['a keyword ending in a digit, dashed to its value', 'cvv2-123', Trigger.KEYWORD_VALUE],
    ['a keyword ending in a digit, spaced from its value', 'CVC2 1234', Trigger.KEYWORD_VALUE],
    ['a dotted national id with a short first group', 'dni: 12.345.678-Z', Trigger.KEYWORD_VALUE],
    ['a Belgian national number', 'national id 85.07.30-033.61', Trigger.KEYWORD_VALUE],
    ['a dashed tax id with a short first group', 'tin: 12-34-56789', Trigger.KEYWORD_VALUE],
    ['a grouped NINO without its letters', 'nino: 12 34 56', Trigger.KEYWORD_VALUE],
    ['a passport number opening with two digits', 'passport no 12ab34567', Trigger.KEYWORD_VALUE],
  ])('flags %s', (_name, text, bit) => {
    expect(scanner.scan(text) & bit).toBe(bit);
  });

  it('never hides a finding: gated and ungated masking agree on near-miss fuzz', () => {
    const fragments = [
      '4111',
      '1111',
      '5555',
      '4444',
      '0132',
      '555',
      '415',
      '(415)',
      '+44',
      '+1',
      '00',
      '0049',
      '0',
      '06',
      '12',
      '123',
      '45',
      '6789',
      '2024',
      '05',
      '01',
      '10.0.0.1',
      '999',
      ' ',
      ' ',
      '-',
      '.',
      ':',
      '::',
      'fe80',
      'db8',
      'DE89',
      '3704',
      'GB82',
      'WEST',
      'eyJhbGciOiJ9',
      'eyJzdWIi',
      'a@',
      '@',
      'example.com',
      'jane',
      'password',
      'Token',
      'api_key',
      '=',
      '":"',
      '"',
      "'",
      '--',
      'Bearer ',
      'Basic ',
      'dXNlcjpwYXNz',
      'AKIA',
      'IOSFODNN7EXAMPLE',
      'ghp_',
      'xoxb-',
      'sk_live_',
      'a1B2c3D4e5F6g7H8',
      '-----BEGIN PRIVATE KEY-----',
      'v',
      'ORD',
      '%eth0',
      'ffff',
      '192.0.2.1',
      '1.2',
      '%40',
      "'",
      'IDENTIFIED BY ',
      'PASSWORD ',
      '_',
      '/',
      'T',
      'x',
      '<',
      '>',
      '(',
      ')',
      '\n',
    ];
    expect(gatedUngatedDifferences(174221, 40_000, joinedFragments(fragments, 14))).toEqual([]);
  });

  // The table gates (three-character key endings, `name`/`key` fields, keyword endings and
  // linking verbs, plain digit runs, the groups of a lower-case IBAN) sit right where these
  // fragments meet: keys and their near misses before every separator and digit run, keywords
  // ending in a digit (`cvv2-123`) and values whose first group is short (`dni: 12.345.678`).
  it('never hides a finding: gated and ungated masking agree around the table gates', () => {
    const fragments = [
      'pass',
      'db_pass',
      'passwd',
      'Token',
      'secret',
      'api-key',
      'apikey',
      'sessid',
      'authorization',
      'phone',
      'tls',
      'shard',
      'region',
      'traceId',
      'bytes',
      'name',
      'name=',
      '"name":"',
      'Key',
      'key: ',
      'value',
      ' value=',
      'ssn',
      'SSN',
      'imei',
      'nino',
      'tax_id',
      'code',
      'pin',
      ' is ',
      ' was ',
      ' are ',
      'this',
      '=',
      ':',
      ': ',
      '"',
      "'",
      ' ',
      '+',
      '-',
      '_',
      '.',
      '123',
      '4567',
      '0049',
      '12345678',
      '123456789',
      '4111111111111111',
      'gb82',
      'GB82',
      'west',
      'WEST',
      '1234',
      'ff48',
      'Q',
      'QQ',
      'cvv2',
      'CVC2',
      '00dea9',
      'dni',
      '12.',
      '34-',
      '/56',
    ];
    expect(gatedUngatedDifferences(90210, 40_000, joinedFragments(fragments, 10))).toEqual([]);
  });

  it('never hides a finding: gated and ungated masking agree on random character soup', () => {
    const alphabet = '0123456789012345 .-:+()@=_"aAbBcdeEfJKSIxyz';
    const soup = (random: () => number): string => {
      let text = '';
      const length = 5 + Math.floor(random() * 40);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      return text;
    };
    expect(gatedUngatedDifferences(1441, 20_000, soup)).toEqual([]);
  });
});
