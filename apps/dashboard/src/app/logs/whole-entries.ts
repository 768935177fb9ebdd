import type { LogEntry, LogFilter, LogPage } from '@redtail/contracts';
import { EMPTY, Observable, catchError, defer, expand, last, map, of } from 'rxjs';

/** `LogApi.older`'s shape: entries matching `filter` older than `before`, newest first. */
export type PageFetcher = (
  filter: LogFilter,
  before: number | null,
  limit: number,
) => Observable<LogPage>;

export interface WholeLines {
  /** The lines given, in their order, each withheld one replaced by its whole entry when found. */
  lines: LogEntry[];
  /** Lines still marked `contextWithheld`. */
  withheld: number;
  /** True when a page could not be fetched, so some of those may still be stored. */
  failed: boolean;
}

/** The server's largest page: the fewest requests for a buffer of up to 100 000 lines. */
const PAGE_LIMIT = 1000;

/**
 * The lines a tab holds (oldest first) with those received without their context made whole
 * again, for an export that holds no less than the screen would show. The entries are paged
 * backwards through the view's filter, from just past the newest withheld line down to the
 * oldest: the lines matched that filter, so the pages skip everything else. Lines that are not
 * found (evicted, or wiped by a panic) keep their marker, so the file says what it lacks.
 * Nothing is requested when no line was withheld.
 */
export function wholeEntries(
  lines: readonly LogEntry[],
  filter: LogFilter,
  fetchPage: PageFetcher,
): Observable<WholeLines> {
  return defer(() => {
    const missing = new Set<string>();
    let oldest = Infinity;
    let newest = -Infinity;
    for (const line of lines) {
      if (!line.contextWithheld) continue;
      missing.add(line.id);
      oldest = Math.min(oldest, line.seq);
      newest = Math.max(newest, line.seq);
    }
    const found = new Map<string, LogEntry>();
    const result = (failed: boolean): WholeLines => ({
      lines: lines.map((line) => found.get(line.id) ?? line),
      withheld: missing.size,
      failed,
    });
    if (!missing.size) return of(result(false));

    let before = newest + 1;
    const page = () => fetchPage(filter, before, PAGE_LIMIT);
    return page().pipe(
      expand(({ entries, nextBefore }) => {
        // By id, which names the epoch too: a line is only ever replaced by its own entry.
        for (const entry of entries) if (missing.delete(entry.id)) found.set(entry.id, entry);
        // A cursor that does not move down would ask for the same page forever.
        const more =
          missing.size > 0 && nextBefore !== null && nextBefore > oldest && nextBefore < before;
        if (!more) return EMPTY;
        before = nextBefore;
        return page();
      }),
      last(),
      map(() => result(false)),
      catchError(() => of(result(true))),
    );
  });
}
