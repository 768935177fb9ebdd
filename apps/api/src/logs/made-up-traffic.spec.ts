import { MADE_UP_BATCH, madeUpBatch } from './made-up-traffic';

describe('madeUpBatch', () => {
  const lines = madeUpBatch(3, MADE_UP_BATCH).split('\n');

  it('makes the requested number of NDJSON entries in the shape shippers send', () => {
    expect(lines).toHaveLength(MADE_UP_BATCH);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(typeof entry['message']).toBe('string');
      expect(typeof entry['service']).toBe('string');
      expect(['info', 'debug', 'warn', 'error']).toContain(entry['level']);
      expect(entry['context']).toEqual(expect.any(Object));
    }
  });

  it('mixes clean lines of common formats with a share of personal data', () => {
    const messages = lines.map((line) => (JSON.parse(line) as { message: string }).message);
    const withPersonalData = messages.filter((message) =>
      /@example\.com|4111 1111|\+1 415|Bearer /.test(message),
    );
    expect(withPersonalData.length).toBeGreaterThan(MADE_UP_BATCH / 5);
    expect(withPersonalData.length).toBeLessThan(MADE_UP_BATCH / 2);
    // logfmt, JSON in the message, SQL, a stack trace, syslog.
    for (const shape of [/level=debug/, /^\{"ts":/, /^SELECT /, /\n {4}at /, /kubelet\[/]) {
      expect(messages.some((message) => shape.test(message))).toBe(true);
    }
  });

  it('is the same for the same batch number', () => {
    expect(madeUpBatch(3, MADE_UP_BATCH)).toBe(lines.join('\n'));
  });
});
