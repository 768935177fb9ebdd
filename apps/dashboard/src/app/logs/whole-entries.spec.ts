import type { LogEntry, LogFilter, LogPage } from '@redtail/contracts';
import { firstValueFrom, of, throwError } from 'rxjs';
import { entry } from '../../testing/fake-log-socket';
import { PageFetcher, wholeEntries } from './whole-entries';

const FILTER: LogFilter = { services: ['checkout'] };

/** The server's copy of seqs `from`..`to`, context included. */
function stored(from: number, to: number): LogEntry[] {
  const all: LogEntry[] = [];
  for (let seq = from; seq <= to; seq++) all.push(entry(seq, { context: { n: seq } }));
  return all;
}

/** How a live subscription without context delivered the same entry. */
function withheld(whole: LogEntry): LogEntry {
  const live: LogEntry = { ...whole, contextWithheld: true };
  delete live.context;
  return live;
}

/**
 * Pages of `store` as `GET /logs` serves them: newest first, at most `pageSize` a page (the
 * server stops early at its work budget too), `nextBefore` null once nothing older is left.
 * `failAt` makes the request with that index fail.
 */
function server(store: LogEntry[], { pageSize = 1000, failAt = -1 } = {}) {
  const calls: { filter: LogFilter; before: number | null; limit: number }[] = [];
  const fetchPage: PageFetcher = (filter, before, limit) => {
    calls.push({ filter, before, limit });
    if (calls.length - 1 === failAt) return throwError(() => new Error('503'));
    const older = store
      .filter((each) => before === null || each.seq < before)
      .sort((a, b) => b.seq - a.seq);
    const entries = older.slice(0, Math.min(limit, pageSize));
    const nextBefore = older.length > entries.length ? (entries.at(-1)?.seq ?? null) : null;
    return of<LogPage>({ entries, nextBefore });
  };
  return { calls, fetchPage };
}

const seqsWithheld = (lines: LogEntry[]) =>
  lines.filter((line) => line.contextWithheld).map((line) => line.seq);

describe('wholeEntries', () => {
  it('asks for nothing when every line came with its context', async () => {
    const { calls, fetchPage } = server(stored(1, 10));
    const lines = stored(3, 5);
    const whole = await firstValueFrom(wholeEntries(lines, FILTER, fetchPage));
    expect(calls).toEqual([]);
    expect(whole).toEqual({ lines, withheld: 0, failed: false });
  });

  it('starts just past the newest withheld line, with the view filter and the largest page', async () => {
    const store = stored(1, 50);
    const { calls, fetchPage } = server(store);
    const lines = [store[19], withheld(store[20]), withheld(store[29]), store[39]];
    await firstValueFrom(wholeEntries(lines, FILTER, fetchPage));
    expect(calls[0]).toEqual({ filter: FILTER, before: 31, limit: 1000 });
  });

  it('replaces each withheld line with its whole entry, in place, leaving the others alone', async () => {
    const store = stored(1, 20);
    const { fetchPage } = server(store);
    const given = store[14];
    const lines = [withheld(store[9]), given, withheld(store[16])];
    const whole = await firstValueFrom(wholeEntries(lines, FILTER, fetchPage));
    expect(whole.lines).toEqual([store[9], store[14], store[16]]);
    expect(whole.lines[1]).toBe(given);
    expect(whole.lines.some((line) => 'contextWithheld' in line)).toBe(false);
    expect(whole).toMatchObject({ withheld: 0, failed: false });
  });

  it('stops paging as soon as every withheld line was found', async () => {
    const store = stored(1, 100);
    const { calls, fetchPage } = server(store, { pageSize: 10 });
    const lines = [store[69], withheld(store[80]), withheld(store[94])];
    const whole = await firstValueFrom(wholeEntries(lines, FILTER, fetchPage));
    expect(calls.map((call) => call.before)).toEqual([96, 86]);
    expect(whole.withheld).toBe(0);
  });

  it('stops once past the oldest withheld line, keeping the marker on a line no longer stored', async () => {
    const store = stored(1, 100);
    const seventy = store[69];
    store.splice(49, 1);
    const { calls, fetchPage } = server(store, { pageSize: 10 });
    const lines = [withheld(entry(50)), withheld(seventy)];
    const whole = await firstValueFrom(wholeEntries(lines, FILTER, fetchPage));
    // Pages cover 61-70, 51-60, then 40-49 (past seq 50): nothing older is asked for.
    expect(calls.map((call) => call.before)).toEqual([71, 61, 51]);
    expect(seqsWithheld(whole.lines)).toEqual([50]);
    expect(whole.lines[1]).toEqual(seventy);
    expect(whole).toMatchObject({ withheld: 1, failed: false });
  });

  it('stops when the server has nothing older', async () => {
    const store = stored(5, 30);
    const { calls, fetchPage } = server(store, { pageSize: 10 });
    const lines = [withheld(entry(2)), withheld(store[10])];
    const whole = await firstValueFrom(wholeEntries(lines, FILTER, fetchPage));
    expect(calls.map((call) => call.before)).toEqual([16, 6]);
    expect(seqsWithheld(whole.lines)).toEqual([2]);
    expect(whole).toMatchObject({ withheld: 1, failed: false });
  });

  it('keeps the marker on a line whose seq the server holds under another epoch', async () => {
    const store = stored(1, 10);
    const { fetchPage } = server(store);
    const fromBeforeAPanic = withheld(entry(7, { id: '0-7' }));
    const whole = await firstValueFrom(wholeEntries([fromBeforeAPanic], FILTER, fetchPage));
    expect(whole.lines).toEqual([fromBeforeAPanic]);
    expect(whole.withheld).toBe(1);
  });

  it('returns what it found so far, and how many are still withheld, when a page fails', async () => {
    const store = stored(1, 100);
    const { calls, fetchPage } = server(store, { pageSize: 10, failAt: 1 });
    const lines = [withheld(store[29]), withheld(store[54]), withheld(store[94])];
    const whole = await firstValueFrom(wholeEntries(lines, FILTER, fetchPage));
    expect(calls).toHaveLength(2);
    expect(seqsWithheld(whole.lines)).toEqual([30, 55]);
    expect(whole.lines[2]).toEqual(store[94]);
    expect(whole).toMatchObject({ withheld: 2, failed: true });
  });

  it('stops rather than ask again for a page whose cursor did not move down', async () => {
    let calls = 0;
    const stuck: PageFetcher = () => {
      calls++;
      return of<LogPage>({ entries: [], nextBefore: 40 });
    };
    const whole = await firstValueFrom(wholeEntries([withheld(entry(39))], FILTER, stuck));
    expect(calls).toBe(1);
    expect(whole).toMatchObject({ withheld: 1, failed: false });
  });
});
