/**
 * Prints the independent corpus score, every miss and every changed negative, to iterate on
 * detectors: `npm run corpus:report [type]`. Masked output is printed, never the labelled value
 * alone, so the report shows what would reach storage. `npm run corpus:report -- --held-out`
 * prints only the held-out corpus's table: its lines are measured, never read to design rules.
 */
import { join } from 'node:path';
import { createMasker } from '../lib/create-masker';
import { readIndependentCorpus } from './independent-corpus';
import { formatScoreTable, scoreCorpus } from './independent-score';

if (process.argv[2] === '--held-out') {
  const heldOut = readIndependentCorpus(join(__dirname, 'held-out'));
  console.log(formatScoreTable(scoreCorpus(createMasker(), heldOut)));
  process.exit(0);
}

const onlyType = process.argv[2];
const score = scoreCorpus(createMasker(), readIndependentCorpus());
const oneLine = (text: string): string => text.replace(/\n/g, '⏎');

for (const { record, label, masked } of score.misses) {
  if (onlyType !== undefined && label.type !== onlyType) continue;
  console.log(`MISS ${label.type} ${record.file}:${record.lineNo}\n  ${oneLine(masked)}`);
}
if (onlyType === undefined || onlyType === 'NEGATIVE') {
  for (const { record, masked } of score.changedNegatives) {
    console.log(`CHANGED ${record.file}:${record.lineNo}\n  ${oneLine(masked)}`);
  }
}
console.log(formatScoreTable(score));
