import type { LogEntry } from '@redtail/contracts';
import { entries, entry } from '../../testing/fake-log-socket';
import { DEFAULT_CAPACITY, LogBuffer, MAX_CAPACITY, MIN_CAPACITY } from './log-buffer';

const seqs = (buffer: LogBuffer) => buffer.lines.map((line) => line.seq);

describe('LogBuffer', () => {
  it('drops the oldest lines beyond the cap and counts them', () => {
    const buffer = new LogBuffer();
    expect(buffer.capacity).toBe(DEFAULT_CAPACITY);
    buffer.setCapacity(100);
    buffer.add(entries(1, 150));
    buffer.add(entries(151, 160));

    expect(buffer.lines).toHaveLength(100);
    expect(buffer.lines[0].seq).toBe(61);
    expect(buffer.droppedByCap).toBe(60);
  });

  it('trims what is shown when the cap is lowered', () => {
    const buffer = new LogBuffer();
    buffer.add(entries(1, 150));
    buffer.setCapacity(100);
    expect(buffer.lines).toHaveLength(100);
    expect(buffer.droppedByCap).toBe(50);
  });

  it('keeps the cap within its bounds and ignores a value that is not a number', () => {
    const buffer = new LogBuffer();
    buffer.setCapacity(1);
    expect(buffer.capacity).toBe(MIN_CAPACITY);
    buffer.setCapacity(10 ** 9);
    expect(buffer.capacity).toBe(MAX_CAPACITY);
    expect(buffer.setCapacity(Number.NaN)).toBe(false);
    expect(buffer.capacity).toBe(MAX_CAPACITY);
  });

  it('shows out-of-order batches in seq order', () => {
    const buffer = new LogBuffer();
    buffer.add(entries(5, 6));
    buffer.add(entries(1, 2));
    buffer.add([entry(4), entry(3)]);
    expect(seqs(buffer)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('holds lines while paused, counts them and shows them all on resume', () => {
    const buffer = new LogBuffer();
    buffer.add(entries(1, 2));
    expect(buffer.pause()).toBe(true);
    expect(buffer.pause()).toBe(false);
    buffer.add(entries(3, 5));
    buffer.add(entries(6, 7));
    expect(seqs(buffer)).toEqual([1, 2]);
    expect(buffer.pending).toBe(5);

    expect(buffer.resume().map((line) => line.seq)).toEqual([3, 4, 5, 6, 7]);
    expect(seqs(buffer)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(buffer.pending).toBe(0);
    expect(buffer.resumeSummary).toEqual({ arrived: 5, dropped: 0 });
    buffer.dismissResumeSummary();
    expect(buffer.resumeSummary).toBeNull();
  });

  it('merges a late line into what is held while paused', () => {
    const buffer = new LogBuffer();
    buffer.add(entries(1, 2));
    buffer.pause();
    buffer.add([entry(5)]);
    buffer.add([entry(3), entry(4)]);
    expect(buffer.pending).toBe(3);
    buffer.resume();
    expect(seqs(buffer)).toEqual([1, 2, 3, 4, 5]);
  });

  it('says how many lines that arrived while paused did not fit the buffer', () => {
    const buffer = new LogBuffer();
    buffer.setCapacity(100);
    buffer.add(entries(1, 10));
    buffer.pause();
    buffer.add(entries(11, 260));
    expect(buffer.pending).toBe(250);

    buffer.resume();
    expect(buffer.lines).toHaveLength(100);
    expect(buffer.lines.at(-1)?.seq).toBe(260);
    expect(buffer.resumeSummary).toEqual({ arrived: 250, dropped: 150 });
  });

  it('counts lines lost before they arrived as arrived-but-dropped while paused', () => {
    const buffer = new LogBuffer();
    buffer.pause();
    buffer.countLost(7);
    buffer.add(entries(1, 3));
    expect(buffer.pending).toBe(10);
    expect(buffer.droppedByCap).toBe(7);
    buffer.resume();
    expect(buffer.resumeSummary).toEqual({ arrived: 10, dropped: 7 });
  });

  it('reports no summary when nothing arrived while paused', () => {
    const buffer = new LogBuffer();
    buffer.pause();
    expect(buffer.resume()).toEqual([]);
    expect(buffer.resumeSummary).toBeNull();
    expect(buffer.resume()).toEqual([]);
  });

  it('puts older lines in front, only those before the cursor and as many as there is room for', () => {
    const buffer = new LogBuffer();
    buffer.setCapacity(100);
    buffer.add(entries(301, 398));
    expect(buffer.oldestSeq()).toBe(301);
    expect(buffer.room()).toBe(2);

    const taken = buffer.prepend(entries(290, 305).reverse(), 301);
    expect(taken.map((line) => line.seq)).toEqual([299, 300]);
    expect(seqs(buffer).slice(0, 3)).toEqual([299, 300, 301]);
    expect(buffer.room()).toBe(0);
  });

  it('leaves room for what is held while paused', () => {
    const buffer = new LogBuffer();
    buffer.setCapacity(100);
    buffer.add(entries(11, 60));
    buffer.pause();
    buffer.add(entries(61, 100));
    expect(buffer.room()).toBe(10);
    expect(buffer.oldestSeq()).toBe(11);
  });

  it('empties lines, held lines and counters on clear but stays paused', () => {
    const buffer = new LogBuffer();
    buffer.setCapacity(100);
    buffer.add(entries(1, 150));
    buffer.pause();
    buffer.add(entries(151, 152));
    buffer.clear();
    expect(buffer.lines).toEqual([]);
    expect(buffer.held).toEqual([]);
    expect(buffer.pending).toBe(0);
    expect(buffer.droppedByCap).toBe(0);
    expect(buffer.oldestSeq()).toBeNull();
    expect(buffer.paused).toBe(true);
  });

  it('puts lines received without their context back whole, in place, shown or held', () => {
    const buffer = new LogBuffer();
    const bare = (seq: number): LogEntry => ({ ...entry(seq), contextWithheld: true });
    buffer.add([bare(1), entry(2), bare(3)]);
    buffer.pause();
    buffer.add([bare(4)]);
    const whole = new Map(
      [1, 4, 9].map((seq) => [`1-${seq}`, { ...entry(seq), context: { n: seq } }] as const),
    );
    expect(buffer.fillIn(whole)).toBe(2);
    expect(buffer.lines.map((line) => line.context ?? line.contextWithheld)).toEqual([
      { n: 1 },
      undefined,
      true,
    ]);
    expect(buffer.resume().map((line) => line.context)).toEqual([{ n: 4 }]);
    expect(buffer.fillIn(new Map())).toBe(0);
  });

  it('notes the lines the store no longer had, once each, until cleared', () => {
    const buffer = new LogBuffer();
    const bare = (seq: number): LogEntry => ({ ...entry(seq), contextWithheld: true });
    buffer.add([bare(1), bare(2)]);
    const whole = new Map([[`1-2`, { ...entry(2), context: { n: 2 } }]]);
    expect(buffer.fillIn(whole, ['1-1'])).toBe(2);
    expect([...buffer.contextGone]).toEqual(['1-1']);
    expect(buffer.lines[0].contextWithheld).toBe(true);
    // Asked again (another column): nothing new to say.
    expect(buffer.fillIn(new Map(), ['1-1'])).toBe(0);
    buffer.clear();
    expect(buffer.contextGone.size).toBe(0);
  });
});
