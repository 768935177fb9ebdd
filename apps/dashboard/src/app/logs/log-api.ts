import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  filterToQuery,
  type LogContext,
  type LogEntry,
  type LogFieldValues,
  type LogFilter,
  type LogHistogram,
  type LogPage,
  type MetricsSnapshot,
  type PanicEvent,
} from '@redtail/contracts';
import { Observable } from 'rxjs';

/** The HTTP side of the API; the session's interceptor adds the bearer token. */
@Injectable({ providedIn: 'root' })
export class LogApi {
  private readonly http = inject(HttpClient);

  /**
   * The entry whole, context included, whatever the live subscription asked for; 404 once gone,
   * or when `epochTag` (a link's) is not the server's epoch any more.
   */
  entry(id: string, epochTag?: string): Observable<LogEntry> {
    const params: Record<string, string> = epochTag ? { epochTag } : {};
    return this.http.get<LogEntry>(`logs/${encodeURIComponent(id)}`, { params });
  }

  context(id: string, n = 20): Observable<LogContext> {
    return this.http.get<LogContext>(`logs/${encodeURIComponent(id)}/context`, {
      params: { n },
    });
  }

  /**
   * Entries matching `filter` older than `before` (a seq; the newest when null), newest first.
   * The query string is the shared filter contract's, so a page matches the live tail exactly.
   */
  older(filter: LogFilter, before: number | null, limit = 200): Observable<LogPage> {
    let params = new HttpParams().set('limit', limit);
    if (before !== null) params = params.set('before', before);
    params = params.appendAll(filterToQuery(filter));
    return this.http.get<LogPage>('logs', { params });
  }

  /** Entries per level in `buckets` equal slices of since..until, with the filter's other parts. */
  histogram(
    filter: LogFilter,
    since: number,
    until: number,
    buckets: number,
  ): Observable<LogHistogram> {
    const params = new HttpParams()
      .appendAll(filterToQuery({ ...filter, since, until }))
      .set('buckets', buckets);
    return this.http.get<LogHistogram>('logs/histogram', { params });
  }

  /** How often each value of `field` occurs in the entries of `filter` (a range included). */
  values(filter: LogFilter, field: string, top: number): Observable<LogFieldValues> {
    const params = new HttpParams()
      .appendAll(filterToQuery(filter))
      .set('field', field)
      .set('top', top);
    return this.http.get<LogFieldValues>('logs/values', { params });
  }

  metrics(): Observable<MetricsSnapshot> {
    return this.http.get<MetricsSnapshot>('logs/metrics');
  }

  panic(lockdown: boolean): Observable<PanicEvent> {
    return this.http.post<PanicEvent>('logs/panic', { lockdown });
  }

  resume(): Observable<unknown> {
    return this.http.post('logs/resume', {});
  }
}
