import { PERSONAL_DATA_DETECTORS, secretDetectors } from '../lib/builtin-detectors';
import { createMasker } from '../lib/create-masker';
import { MASK_TYPES } from '../lib/mask-types';
import { placeholderPattern, TextMasker } from '../lib/mask-text';
import { placeholder } from '../lib/rendering/renderer';
import { SensitiveKeys } from '../lib/sensitive-keys';
import { TriggerScanner } from '../lib/trigger-scan';
import { ALL_TRIGGERS } from '../lib/triggers';
import type { MaskCounts } from '../lib/types';
import { readCorpus, type CorpusEntry } from './corpus';

const MIN_RECALL = 0.98;
const MAX_CHANGED_NEGATIVES = 0.01;

const corpus = readCorpus();
const positives = corpus.filter((entry) => Object.keys(entry.expect).length > 0);
const negatives = corpus.filter((entry) => Object.keys(entry.expect).length === 0);
const masker = createMasker();
const results = corpus.map((entry) => ({ entry, ...masker.maskText(entry.line) }));

function describeMiss(entry: CorpusEntry, counts: MaskCounts, masked: string): string {
  return `${entry.file}: expected ${JSON.stringify(entry.expect)}, got ${JSON.stringify(counts)}\n  ${entry.line}\n  ${masked}`;
}

describe('labelled corpus', () => {
  it('is big enough to mean something', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    expect(negatives.length).toBeGreaterThanOrEqual(150);
    for (const type of MASK_TYPES) {
      const expected = positives.reduce((sum, entry) => sum + (entry.expect[type] ?? 0), 0);
      expect({ type, enough: expected >= 8 }).toEqual({ type, enough: true });
    }
  });

  it.each(MASK_TYPES)(`finds at least ${MIN_RECALL * 100} % of %s`, (type) => {
    let expected = 0;
    let found = 0;
    const misses: string[] = [];
    for (const { entry, counts, value } of results) {
      const want = entry.expect[type] ?? 0;
      const got = counts[type] ?? 0;
      expected += want;
      found += Math.min(want, got);
      if (got < want) misses.push(describeMiss(entry, counts, value));
    }
    const recall = found / expected;
    if (recall < MIN_RECALL)
      throw new Error(`${type} recall ${recall.toFixed(3)}:\n${misses.join('\n')}`);
  });

  it(`changes at most ${MAX_CHANGED_NEGATIVES * 100} % of the hard negatives`, () => {
    const changed = results
      .filter(({ entry, value }) => Object.keys(entry.expect).length === 0 && value !== entry.line)
      .map(({ entry, counts, value }) => describeMiss(entry, counts, value));
    if (changed.length > MAX_CHANGED_NEGATIVES * negatives.length) {
      throw new Error(
        `${changed.length} of ${negatives.length} negatives changed:\n${changed.join('\n')}`,
      );
    }
  });

  it('finds nothing it was not asked to on the positive lines', () => {
    const extra = results
      .filter(({ entry, counts }) =>
        Object.entries(counts).some(([type, count]) => (count ?? 0) > (entry.expect[type] ?? 0)),
      )
      .map(({ entry, counts, value }) => describeMiss(entry, counts, value));
    expect(extra).toEqual([]);
  });

  it.each(['redact', 'partial', 'pseudonym'] as const)(
    'is idempotent on every line in %s mode',
    (mode) => {
      const modeMasker = createMasker({ mode, pseudonymKey: new Uint8Array(32).fill(9) });
      const unstable = corpus
        .map(({ line }) => modeMasker.maskText(line).value)
        .filter((once) => modeMasker.maskText(once).value !== once);
      expect(unstable).toEqual([]);
    },
  );

  it('gives the same result with and without the trigger pre-filter', () => {
    const keys = new SensitiveKeys();
    const scanner = new TriggerScanner(keys);
    const engine = new TextMasker(
      [...secretDetectors(keys), ...PERSONAL_DATA_DETECTORS],
      new Set(MASK_TYPES),
      scanner,
      placeholderPattern(MASK_TYPES),
      placeholder,
    );
    const disagreements = corpus
      .map(({ line }) => line)
      .filter(
        (line) =>
          JSON.stringify(engine.find(line, scanner.scan(line))) !==
          JSON.stringify(engine.find(line, ALL_TRIGGERS)),
      );
    expect(disagreements).toEqual([]);
  });
});
