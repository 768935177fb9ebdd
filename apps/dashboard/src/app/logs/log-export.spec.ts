import { entries, entry } from '../../testing/fake-log-socket';
import { exportFileName, toNdjson } from './log-export';

describe('toNdjson', () => {
  it('writes one JSON object per line, oldest first, ending in a newline', () => {
    const text = toNdjson(entries(1, 2));
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0])).toEqual(entry(1));
    expect(JSON.parse(lines[1]).seq).toBe(2);
  });

  it('keeps newlines inside a message on the same NDJSON line', () => {
    const text = toNdjson([entry(1, { message: 'first\nsecond', context: { card: '[CARD]' } })]);
    expect(text.split('\n')).toHaveLength(2);
    expect(JSON.parse(text)).toMatchObject({
      message: 'first\nsecond',
      context: { card: '[CARD]' },
    });
  });

  it('is empty for no lines', () => {
    expect(toNdjson([])).toBe('');
  });
});

describe('exportFileName', () => {
  it('names the file by UTC time without characters file systems refuse', () => {
    expect(exportFileName(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)))).toBe(
      'redtail-2026-01-02T03-04-05Z.ndjson',
    );
  });
});
