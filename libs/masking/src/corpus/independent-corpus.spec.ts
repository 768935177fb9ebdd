import { createMasker } from '../lib/create-masker';
import { readIndependentCorpus } from './independent-corpus';
import { formatScoreTable, scoreCorpus } from './independent-score';

/** Issue #14's targets on the corpus written by someone who never read the engine. */
export const INDEPENDENT_CORPUS_TARGETS = Object.freeze({
  minRecallPerType: 0.99,
  minRecallOverall: 0.99,
  minNegativesUnchanged: 0.99,
});

const records = readIndependentCorpus();
const score = scoreCorpus(createMasker(), records);

describe('independent corpus', () => {
  beforeAll(() => {
    console.log(`independent corpus (${records.length} records)\n${formatScoreTable(score)}`);
  });

  it('holds at least 600 labelled values and 200 hard negatives', () => {
    expect(score.overall.expected).toBeGreaterThanOrEqual(600);
    expect(score.negatives).toBeGreaterThanOrEqual(200);
  });

  it.each(score.byType.map((row) => [row.type, row] as const))(
    'catches %s at the target recall',
    (type, row) => {
      const floor = INDEPENDENT_CORPUS_TARGETS.minRecallPerType;
      expect({ type, recall: row.recall, enough: row.recall >= floor }).toEqual({
        type,
        recall: row.recall,
        enough: true,
      });
    },
  );

  it('catches every type together at the target recall', () => {
    expect(score.overall.recall).toBeGreaterThanOrEqual(
      INDEPENDENT_CORPUS_TARGETS.minRecallOverall,
    );
  });

  it('leaves the hard negatives unchanged', () => {
    expect(score.unchangedRate).toBeGreaterThanOrEqual(
      INDEPENDENT_CORPUS_TARGETS.minNegativesUnchanged,
    );
  });
});
