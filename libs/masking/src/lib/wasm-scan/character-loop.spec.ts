import { createMasker } from '../create-masker';
import { SensitiveKeys } from '../sensitive-keys';
import { TriggerScanner } from '../trigger-scan';
import { Trigger } from '../triggers';
import { CharacterLoop, STOP_ASKS_CONTEXT, stopAt } from './character-loop';

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
  ])('stops at %s', (_label, text, index) => {
    expect(walk(text).stops.map(([at]) => at)).toContain(index);
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
