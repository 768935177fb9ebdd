import { createMasker } from '../create-masker';
import { SensitiveKeys } from '../sensitive-keys';
import { TriggerScanner } from '../trigger-scan';
import { Trigger } from '../triggers';
import { CharacterLoop, STOP_ASKS_CONTEXT, STOP_ASKS_KEY, stopAt } from './character-loop';

const keys = new SensitiveKeys();

/** Runs the loop over `text`; the stops as [index, asks context] pairs, and its own bits. */
function walk(text: string): { stops: [number, boolean][]; bits: number } {
  const loop = new CharacterLoop(1024);
  loop.load(text);
  const count = loop.run(text.length, keys);
  const stops = Array.from(loop.stops.subarray(0, count), (stop): [number, boolean] => [
    stopAt(stop),
    (stop & STOP_ASKS_CONTEXT) !== 0,
  ]);
  return { stops, bits: loop.ownBits() };
}

describe('CharacterLoop', () => {
  it.each([
    ['a short text', 'key=v'],
    ['a text long enough for the native copy', 'x'.repeat(70) + ' é → 😀'],
  ])('copies %s code unit by code unit, then a 0 sentinel', (_label, text) => {
    const loop = new CharacterLoop(256);
    loop.load(text);
    const copied = Array.from(loop.codes.subarray(0, text.length));
    expect(copied).toEqual([...Array(text.length).keys()].map((i) => text.charCodeAt(i)));
    expect(loop.codes[text.length]).toBe(0);
  });

  it.each([
    ['short', 'secret=hunter2'],
    ['long', 'secret='.repeat(20)],
  ])('wipes a %s text after use', (_label, text) => {
    const loop = new CharacterLoop(256);
    loop.load(text);
    loop.wipe(text.length);
    expect(loop.codes.subarray(0, text.length).every((unit) => unit === 0)).toBe(true);
  });

  it('does not leave a longer earlier text behind a shorter later one', () => {
    const loop = new CharacterLoop(256);
    loop.load('password=hunter2');
    loop.wipe(16);
    loop.load('ok');
    expect(Array.from(loop.codes.subarray(0, 17))).toEqual([111, 107, ...new Array(15).fill(0)]);
  });

  it('walks plain words without a stop', () => {
    expect(walk('all good here, nothing to see')).toEqual({ stops: [], bits: 0 });
  });

  it('settles digit runs itself: bits for a card-shaped run, no stop for a fraction', () => {
    expect(walk('paid with 4111 1111 1111 1111 today').bits & Trigger.NUMBER_RUN).not.toBe(0);
    expect(walk('took 0.196 s')).toEqual({ stops: [], bits: 0 });
  });

  it('stops at a digit run that may follow a keyword, asking the context question', () => {
    expect(walk('ssn 123-45-6789').stops).toContainEqual([4, true]);
  });

  it('raises the IPv6 shape itself', () => {
    expect(walk('from 2001:db8::1 ok').bits & Trigger.HEX_COLONS).not.toBe(0);
  });

  it('stops where a question of the scanner may come out true, and only there', () => {
    // The `--` of a flag, the `=` after a sensitive key; not the `=` after `level`.
    const { stops } = walk('run --password=x level=info');
    const indices = stops.map(([index]) => index);
    expect(indices).toContain(4);
    expect(indices).toContain(14);
    expect(indices).not.toContain(21);
  });

  it.each([
    ['a time of day', '2024-05-24T16:10:31.123Z done', ':'],
    ['a retry flag', 'retry=false', '='],
    ['a region', 'region us-east-1 ok', '-'],
    ['a column name', 'created_at desc', '_'],
    ['a field no key ends like (the walk gives up at its fourth character)', 'shard=3', '='],
    ['a quoted field', '{"traceId":"ab12"}', ':'],
    ['a time field (no `name`)', 'time=2024-05-01', '='],
    ['a call', "read (reading 'id') at x", '('],
    ['a quoted argument', "read (reading 'id') at x", "'"],
    ['a word with a B', 'Bearing abc', 'B'],
    ['a column list without VALUES', 'SELECT (id, b) FROM t', '('],
    ['a word with a p after u', 'upstream ok', 'p'],
    ['a capital starting a word', 'Pod status', 'P'],
    ['a query parameter of digits', 'GET /x?1=2', '?'],
    ['a colon after a word', 'TypeError: x', ':'],
    ['a capital A in a word', 'Accepted', 'A'],
    ['a 10-digit Unix time', '{"ts":1714822266}', '1'],
    ['a run glued to a dash', 'id=ab-123456789 ok', '1'],
  ])('passes over %s: no question of the scanner can come out true there', (_label, text, char) => {
    const indices = walk(text).stops.map(([index]) => index);
    expect(indices.filter((index) => text[index] === char)).toEqual([]);
  });

  it.each([
    ["Azure storage's account key", 'AccountKey=abc', 10],
    ['a GitLab token', 'token glpat-abcdefghij', 11],
    ['an npm token', 'use npm_abcdefghij', 7],
    ['a command-line flag', 'mysql -pSecret', 6],
    ['a pgpass line', 'db:5432:shop:admin:pw', 2],
    ['an INSERT column list', 'INSERT INTO u (id, `pass`) VALUES (1, 2)', 14],
    ['a VALUES spelled with a long s', 'INSERT INTO u (id, pass) valueſ (1, 2)', 14],
    ['an area code', 'call (415) 555', 5],
    ['a spelled-out at', 'jane ( at ) example', 5],
    ['IDENTIFIED BY', "IDENTIFIED  BY 'pw'", 15],
    ['a quoted password', "password 'pw'", 9],
    ['a phrase after =', "x = 'pw'", 4],
    ['Bearer', 'auth BEARER abc', 5],
    ['Basic', 'auth basic abc', 5],
    ['a password in prose', 'the Password is', 8],
    ['a recovery code', 'recovery code', 4],
    ['a backup code', 'backup code', 5],
    ['mysqli', 'new mysqli(', 7],
    ['a PIN', 'your PIN 1234', 5],
    ['a protocol word', 'AUTH hunter2', 0],
    ['a SendGrid key', 'key SG.abc', 5],
    ['an Azure client secret', 'x 8Q~abc', 4],
    ['a URL', 'see https://x', 9],
    ['a net use switch', 'net use /user:corp\\bob pw', 13],
    ['an AIza key', 'k=AIzaSyA', 2],
    ['a markup element', '<password>', 0],
    ['a query parameter', '/x?token=abc', 2],
    ['a Databricks token', 'dapi7f3a', 4],
    ['a 9-digit number', 'ssn 123456789 ok', 4],
    ['an 11-digit number starting with 1', 'call 14155550132', 5],
  ])('stops at %s', (_label, text, index) => {
    expect(walk(text).stops.map(([at]) => at)).toContain(index);
  });
});

describe('line starts', () => {
  const run = (text: string): { first: boolean; stops: number[] } => {
    const loop = new CharacterLoop(1024);
    loop.load(text);
    const count = loop.run(text.length, keys);
    return {
      first: loop.asksFirstLine(),
      stops: Array.from(loop.stops.subarray(0, count), stopAt),
    };
  };

  it.each(['jdbc.password   s3cret', '  db_pass\ts3cret', 'machine h login u', 'default login u'])(
    'asks about a first line that may be a config line or a .netrc line: %p',
    (text) => {
      expect(run(text.replace('\\t', '\t')).first).toBe(true);
    },
  );

  it.each(['2024-05-01 INFO ok', 'traceId', 'status 200', '', ' ', 'a'.repeat(80) + ' x'])(
    'settles a first line that can be neither: %p',
    (text) => {
      expect(run(text).first).toBe(false);
    },
  );

  it('stops at a line break only where the next line or the tail before it may answer', () => {
    expect(run('line one\nline two').stops).not.toContain(8);
    expect(run('x\njdbc.password  s3').stops).toContain(1);
    expect(run('echo x | base64\nc2VjcmV0').stops).toContain(15);
    expect(run('334 UGFzc3dvcmQ6\nc2VjcmV0').stops).toContain(16);
    expect(run('334 UGFzc3dvcmQ7\nc2VjcmV0').stops).not.toContain(16);
    expect(run('echo x | base65\nc2VjcmV0').stops).not.toContain(15);
  });
});

describe('the key walk at = and :', () => {
  const asksKey = (text: string, keysInUse = keys): boolean => {
    const loop = new CharacterLoop(1024);
    loop.load(text);
    const count = loop.run(text.length, keysInUse);
    const at = text.search(/[=:]/);
    return Array.from(loop.stops.subarray(0, count)).some(
      (stop) => stopAt(stop) === at && (stop & STOP_ASKS_KEY) !== 0,
    );
  };

  it.each([
    'password=x',
    'DB_PASSWORD=x',
    'smtp.pass=x',
    '"clientSecret":"x"',
    "'api-key': 'x'",
    'x_auth_token=x',
    'name=password',
    '"KEY": "password"',
    'Name:password',
  ])('asks the key question after %p', (text) => {
    expect(asksKey(text)).toBe(true);
  });

  it.each(['shard=3', 'level=info', '"version":"2"', 'status=200', 'tokens_used=3'])(
    'settles %p itself',
    (text) => {
      expect(asksKey(text)).toBe(false);
    },
  );

  it("walks the scanning masker's own keys", () => {
    expect(asksKey('zorblax=1')).toBe(false);
    expect(asksKey('zorblax=1', new SensitiveKeys(['zorblax']))).toBe(true);
  });

  it('walks back no further than matchEndingAt does (64 characters)', () => {
    // Separators are skipped, so `pass___…___word` is `password` within the limit only.
    const near = `pass${'_'.repeat(50)}word`;
    const far = `pass${'_'.repeat(61)}word`;
    expect(keys.matchEndingAt(near, near.length)).toBeDefined();
    expect(keys.matchEndingAt(far, far.length)).toBeUndefined();
    expect(asksKey(`${near}=x`)).toBe(true);
    expect(asksKey(`${far}=x`)).toBe(false);
  });
});

describe('TriggerScanner with the WebAssembly loop', () => {
  it('scans a text longer than any loop it keeps (a loop of its own)', () => {
    const text = `${'a'.repeat(300_000)} card 4111 1111 1111 1111`;
    expect(new TriggerScanner(keys).scan(text) & Trigger.NUMBER_RUN).not.toBe(0);
    expect(createMasker().maskText(text).value).not.toContain('4111 1111 1111 1111');
  });

  it("reads each masker's own sensitive keys, when maskers take turns on the shared loop", () => {
    const custom = createMasker({ sensitiveKeys: ['zorblax'] });
    const plain = createMasker();
    expect(custom.maskText('zorblax=hunter2').value).not.toContain('hunter2');
    expect(plain.maskText('zorblax=hunter2').value).toContain('hunter2');
    expect(custom.maskText('zorblax=hunter2').value).not.toContain('hunter2');
  });
});
