import { UNMASKABLE } from '../lib/mask-types';
import type { Masker } from '../lib/types';
import type { IndependentRecord, LabelledValue } from './independent-corpus';

export interface Miss {
  record: IndependentRecord;
  label: LabelledValue;
  masked: string;
}

export interface TypeScore {
  type: string;
  expected: number;
  caught: number;
  recall: number;
}

export interface CorpusScore {
  byType: TypeScore[];
  overall: TypeScore;
  misses: Miss[];
  negatives: number;
  changedNegatives: { record: IndependentRecord; masked: string }[];
  unchangedRate: number;
}

/**
 * A labelled value counts as caught when it no longer appears anywhere in the masked text: a
 * value masked in one place but left readable in another is a leak. Hiding the whole line as
 * UNMASKABLE is a failure of the engine, not a catch.
 */
export function scoreCorpus(masker: Masker, records: readonly IndependentRecord[]): CorpusScore {
  const totals = new Map<string, { expected: number; caught: number }>();
  const misses: Miss[] = [];
  const changedNegatives: CorpusScore['changedNegatives'] = [];
  let negatives = 0;
  for (const record of records) {
    const masked = masker.maskText(record.text).value;
    if (record.negative) {
      negatives++;
      if (masked !== record.text) changedNegatives.push({ record, masked });
      continue;
    }
    const failed = masked.includes(`[${UNMASKABLE}]`);
    for (const label of record.labels) {
      const total = totals.get(label.type) ?? { expected: 0, caught: 0 };
      total.expected++;
      if (!failed && !masked.includes(label.value)) total.caught++;
      else misses.push({ record, label, masked });
      totals.set(label.type, total);
    }
  }
  const byType = [...totals]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, { expected, caught }]) => ({ type, expected, caught, recall: caught / expected }));
  const expected = byType.reduce((sum, row) => sum + row.expected, 0);
  const caught = byType.reduce((sum, row) => sum + row.caught, 0);
  return {
    byType,
    overall: { type: 'ALL', expected, caught, recall: caught / expected },
    misses,
    negatives,
    changedNegatives,
    unchangedRate: (negatives - changedNegatives.length) / negatives,
  };
}

export function formatScoreTable(score: CorpusScore): string {
  const rows = [...score.byType, score.overall].map(
    ({ type, expected, caught, recall }) =>
      `${type.padEnd(16)} ${String(caught).padStart(5)} / ${String(expected).padStart(5)}  ${recall.toFixed(3)}`,
  );
  const unchanged = score.negatives - score.changedNegatives.length;
  return [
    `${'type'.padEnd(16)} caught / expected  recall`,
    ...rows,
    `negatives unchanged ${unchanged} / ${score.negatives}  ${score.unchangedRate.toFixed(3)}`,
  ].join('\n');
}
