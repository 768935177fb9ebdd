import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as charKinds from '../char-kinds';
import { FIRST_LINE_ASKS, STOP_ASKS_CONTEXT, STOP_ASKS_KEY } from './character-loop';
import { KEY_WALK_BYTES, pagesFor, stopsOffset, WASM_LAYOUT } from './wasm-layout';

const LIBRARY = join(__dirname, '..', '..', '..');
const SOURCE = readFileSync(join(LIBRARY, 'assembly', 'trigger-skip.ts'), 'utf8');

/** The `const NAME: u32 = value;` numbers of the AssemblyScript source. */
const constants = new Map(
  [...SOURCE.matchAll(/^const (\w+): u32 = (\d+);/gm)].map(([, name, value]) => [
    name as string,
    Number(value),
  ]),
);

// The loop's names for each region of WASM_LAYOUT, and the region's size in bytes.
const REGIONS: [keyof typeof WASM_LAYOUT, string, number][] = [
  ['kinds', 'KINDS', 65536],
  ['contextClass', 'CLASS', 65536 * 4],
  ['askIfBefore', 'ASK_IF_BEFORE', 65536 * 4],
  ['askIfAfter', 'ASK_IF_AFTER', 65536 * 4],
  ['keywordSeparators', 'KEYWORD_SEPARATORS', 65536],
  ['keywordLastCharacters', 'KEYWORD_LAST_CHARACTERS', 65536],
  ['keywordEndPairs', 'KEYWORD_END_PAIRS', 128 * 128],
  ['digitKeywordEnds', 'DIGIT_KEYWORD_ENDS', 10 * 128],
  ['asksContext', 'ASKS_CONTEXT', charKinds.ASKS_CONTEXT.length],
  ['settings', 'SETTINGS', 6 * 4],
  ['stemEndPairs', 'STEM_END_PAIRS', 2 * 128 * 128],
  ['keySymbolOf', 'KEY_SYMBOL_OF', 65536],
  ['keyWalk', 'KEY_WALK', KEY_WALK_BYTES],
];

describe('the WebAssembly loop of the trigger scan', () => {
  it('is what its AssemblyScript source compiles to', () => {
    // Exits 1, naming the fix, when the committed module is stale.
    expect(() =>
      execFileSync(process.execPath, [join(LIBRARY, 'scripts', 'build-wasm.mjs'), '--check'], {
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it.each(REGIONS)('finds %s where the scanner writes it', (region, name) => {
    expect(constants.get(name)).toBe(WASM_LAYOUT[region]);
  });

  it('has regions that do not overlap, all before the text', () => {
    const sorted = [...REGIONS].sort(([a], [b]) => WASM_LAYOUT[a] - WASM_LAYOUT[b]);
    for (let i = 1; i < sorted.length; i++) {
      const [previous, , size] = sorted[i - 1] as (typeof REGIONS)[number];
      const [region] = sorted[i] as (typeof REGIONS)[number];
      expect(WASM_LAYOUT[previous] + size).toBeLessThanOrEqual(WASM_LAYOUT[region]);
    }
    const [last, , size] = sorted[sorted.length - 1] as (typeof REGIONS)[number];
    // The loop looks back up to 40 code units before the text: zeros there.
    expect(WASM_LAYOUT[last] + size + 80).toBeLessThanOrEqual(WASM_LAYOUT.text);
    expect(constants.get('TEXT')).toBe(WASM_LAYOUT.text);
  });

  it('numbers character kinds as char-kinds.ts does', () => {
    const kinds = [...constants].filter(([name]) => !REGIONS.some(([, n]) => n === name));
    const named = kinds.filter(([name]) => name !== 'TEXT');
    expect(named.length).toBeGreaterThanOrEqual(18);
    for (const [name, value] of named) {
      expect([name, (charKinds as Record<string, unknown>)[name]]).toEqual([name, value]);
    }
  });

  it('marks what a stop asks with the bits the scanner reads', () => {
    const asks = new Map(
      [...SOURCE.matchAll(/^const ((?:ASK|FIRST_LINE)_\w+): i32 = (\d+);/gm)].map(
        ([, name, value]) => [name, Number(value)],
      ),
    );
    expect(asks).toEqual(
      new Map([
        ['ASK_CONTEXT', STOP_ASKS_CONTEXT],
        ['ASK_KEY', STOP_ASKS_KEY],
        ['FIRST_LINE_ASKS', FIRST_LINE_ASKS],
      ]),
    );
  });

  it('leaves room for the stops after the text and its look-ahead', () => {
    for (const capacity of [4096, 1 << 18, 1_000_003]) {
      expect(stopsOffset(capacity) % 4).toBe(0);
      expect(stopsOffset(capacity)).toBeGreaterThanOrEqual(
        WASM_LAYOUT.text + (capacity + 1) * 2 + 40 * 2,
      );
      expect(pagesFor(capacity) * 65536).toBeGreaterThanOrEqual(
        stopsOffset(capacity) + (capacity + 1) * 4,
      );
    }
  });
});
