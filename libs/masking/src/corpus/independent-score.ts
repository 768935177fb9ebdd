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

function occurrences(text: string, value: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) found.push(at);
  return found;
}

/**
 * How often `value` appears in the record outside every labelled span: a short value such as the
 * CVV `118` may also sit, unlabelled and harmless, inside a timestamp (`15:40:10.1182011`).
 */
function incidentalOccurrences(record: IndependentRecord, value: string): number {
  return occurrences(record.text, value).filter((at) =>
    record.labels.every(
      (label) => at + value.length <= label.start || at >= label.start + label.value.length,
    ),
  ).length;
}

/**
 * A labelled value counts as caught when it no longer appears in the masked text, apart from the
 * occurrences the author left unlabelled (see `incidentalOccurrences`): a value masked in one place
 * but left readable in another is a leak. Hiding the whole line as UNMASKABLE is a failure of the
 * engine, not a catch.
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
      const left = occurrences(masked, label.value).length;
      if (!failed && left <= incidentalOccurrences(record, label.value)) total.caught++;
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
