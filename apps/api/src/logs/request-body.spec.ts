import { readBatch } from './request-body';

describe('readBatch', () => {
  it('keeps the good entries of an NDJSON batch and reports each bad one by index', () => {
    const body = [
      '{"level":"info","message":"first"}',
      '{not json',
      '{"level":"loud","message":"bad level"}',
      '',
      '{"level":"warn","message":"second"}',
    ].join('\n');
    const batch = readBatch(body, 10);
    expect(batch.inputs.map((input) => input.message)).toEqual(['first', 'second']);
    expect(batch.positions).toEqual([0, 3]);
    expect(batch.errors).toEqual([
      { index: 1, reason: 'malformed JSON' },
      expect.objectContaining({ index: 2, field: 'level' }),
    ]);
  });

  it('accepts a JSON array as well', () => {
    const batch = readBatch([{ level: 'error', message: 'boom' }], 10);
    expect(batch.inputs).toHaveLength(1);
    expect(batch.errors).toEqual([]);
  });

  it('refuses a batch over the limit as a whole', () => {
    const body = Array.from({ length: 3 }, () => '{"level":"info","message":"x"}').join('\n');
    expect(() => readBatch(body, 2)).toThrow(/LOG_MAX_BATCH/);
  });

  it('refuses an empty batch', () => {
    expect(() => readBatch('\n\n', 10)).toThrow(/empty/);
  });
});
