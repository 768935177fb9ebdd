import { createMasker } from './create-masker';
import type { Detector } from './detector';
import { TextMasker, placeholderPattern } from './mask-text';
import { placeholder } from './rendering/renderer';
import { SensitiveKeys } from './sensitive-keys';
import { TriggerScanner } from './trigger-scan';
import { Trigger } from './triggers';

const masker = createMasker();
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const mask = (text: string): string => masker.maskText(text).value;

describe('maskText', () => {
  it('returns the same string instance and empty counts when nothing is found', () => {
    const line = '2024-05-01T12:00:00.000Z INFO [api] GET /v1/orders/42 200 12ms req=7f3c2a91';
    const result = masker.maskText(line);
    expect(result.value).toBe(line);
    expect(result.counts).toEqual({});
  });

  it('replaces findings with typed placeholders and counts them', () => {
    const result = masker.maskText('user=jane@example.com ip=203.0.113.9 cc=jane@example.org');
    expect(result.value).toBe('user=[EMAIL] ip=[IPV4] cc=[EMAIL]');
    expect(result.counts).toEqual({ EMAIL: 2, IPV4: 1 });
  });

  it.each([3, 16, 17, 40])(
    'keeps the text around %i findings of three detectors in order (sorted in place or natively)',
    (count) => {
      // Each detector finds its own in turn, so the findings arrive out of order.
      const parts = Array.from(
        { length: count },
        (_, i) => [`u${i}@example.com`, `10.0.${i % 250}.1`, `+44 20 7946 ${1000 + i}`][i % 3],
      );
      const expected = Array.from(
        { length: count },
        (_, i) => ['[EMAIL]', '[IPV4]', '[PHONE]'][i % 3],
      );
      expect(mask(parts.map((part, i) => `#${i} ${part};`).join(' '))).toBe(
        expected.map((marker, i) => `#${i} ${marker};`).join(' '),
      );
    },
  );

  it('accumulates into a caller-supplied counts object', () => {
    const counts = {};
    masker.maskText('a@example.com', counts);
    const result = masker.maskText('b@example.com 10.0.0.1', counts);
    expect(result.counts).toBe(counts);
    expect(counts).toEqual({ EMAIL: 2, IPV4: 1 });
  });

  it.each([
    [
      'keeps the scheme of a bearer header',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
      'Authorization: Bearer [BEARER_TOKEN]',
    ],
    [
      'prefers the specific token over the generic secret',
      'access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln',
      'access_token=[JWT]',
    ],
    [
      'prefers the assignment over the address inside it',
      'password=jane@example.com',
      'password=[PASSWORD]',
    ],
    [
      'keeps the user and host of a URL with a password',
      'postgres://app:s3cret@db.example.com/app',
      'postgres://app:[PASSWORD]@db.example.com/app',
    ],
  ])('%s', (_name, text, expected) => expect(mask(text)).toBe(expected));

  it('masks a whole block under a sensitive key even when a token inside is recognised', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln';
    expect(mask(`"credentials":{"token":"${jwt}","pin":"1234"},"ok":true`)).toBe(
      '"credentials":[SECRET],"ok":true',
    );
    expect(mask(`Cookie: jwt=${jwt}; csrf=abc123`)).toBe('Cookie: [SECRET]');
  });

  it('is idempotent: masking masked text changes nothing', () => {
    const once = mask(
      'jane@example.com +44 20 7946 0958 password=x token=[SECRET] Bearer abc.def-123',
    );
    expect(mask(once)).toBe(once);
  });

  it('does not treat bracketed log levels or unknown names as placeholders', () => {
    expect(mask('[INFO] [AKIAIOSFODNN7EXAMPLE]')).toBe('[INFO] [[AWS_ACCESS_KEY]]');
  });

  it('masks uppercase and IDN addresses without breaking surrogate pairs', () => {
    const text = '👩‍💻 JANE@EXAMPLE.COM 🎉 jürgen@müller.example 😀';
    const masked = mask(text);
    expect(masked).toBe('👩‍💻 [EMAIL] 🎉 [EMAIL] 😀');
    expect(masked).not.toMatch(LONE_SURROGATE);
  });

  it('never throws and never leaves a lone surrogate it did not receive', () => {
    const alphabet = [
      'a',
      '@',
      '.',
      '1',
      ' ',
      '-',
      ':',
      '=',
      '\uD83D',
      '\uDE00',
      '😀',
      'é',
      '+',
      '(',
      '"',
    ];
    let seed = 7;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const length = Math.floor(random() * 60);
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      const masked = mask(text);
      if (!LONE_SURROGATE.test(text)) expect(masked).not.toMatch(LONE_SURROGATE);
    }
  });

  it('masks everything rather than leaking if a detector ever throws', () => {
    const broken: Detector = {
      types: ['BROKEN'],
      trigger: Trigger.ALWAYS,
      find() {
        throw new Error('bug');
      },
    };
    const engine = new TextMasker(
      [broken],
      new Set(['BROKEN']),
      new TriggerScanner(new SensitiveKeys()),
      placeholderPattern(['BROKEN']),
      placeholder,
    );
    const counts = {};
    expect(engine.mask('jane@example.com', counts)).toBe('[UNMASKABLE]');
    expect(counts).toEqual({ UNMASKABLE: 1 });
  });
});

describe('maskText on disguised text', () => {
  it.each([
    ['a fullwidth at sign', 'from=jane.doe＠example.com x', 'from=[EMAIL] x'],
    ['a zero-width space in a domain', 'email=maria@exam\u200Bple.org x', 'email=[EMAIL] x'],
    ['a zero-width joiner in a key', 'pass\u200Dword=Hidden1 x', 'password=[PASSWORD] x'],
    ['a Cyrillic letter in a key', 'p\u0430ssword=Cyr1llic x', 'p\u0430ssword=[PASSWORD] x'],
    ['a fullwidth equals sign', 'password＝Sakura2024! x', 'password＝[PASSWORD] x'],
    ['a percent-encoded email', '?email=jane.doe%40example.com', '?email=[EMAIL]'],
    ['a double-encoded email', '%3Femail%3Djohn%2540example.net', '%3Femail%3D[EMAIL]'],
    [
      'an encoded assignment',
      'body="password%3DEnc0ded%26user"',
      'body="password%3D[PASSWORD]%26user"',
    ],
    ['an HTML entity', 'contact support&#64;example.com', 'contact [EMAIL]'],
  ])('masks %s', (_name, text, expected) => expect(mask(text)).toBe(expected));

  it('keeps compatibility characters it found nothing in, such as the micro sign', () => {
    const line = 'latency=695.142µs path=/a%2Fb';
    expect(mask(line)).toBe(line);
  });

  it('is idempotent on what it normalised', () => {
    const once = mask('pass\u200Bword=x1 at jane＠example.com');
    expect(mask(once)).toBe(once);
  });
});
