import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  LogContext,
  LogFilter,
  LogPage,
  MetricsSnapshot,
  PanicEvent,
} from '@redtail/contracts';
import { Observable } from 'rxjs';
import { textQuery } from './log-filter';

/** The HTTP side of the API; the session's interceptor adds the bearer token. */
@Injectable({ providedIn: 'root' })
export class LogApi {
  private readonly http = inject(HttpClient);

  context(id: string, n = 20): Observable<LogContext> {
    return this.http.get<LogContext>(`logs/${encodeURIComponent(id)}/context`, {
      params: { n },
    });
  }

  /**
   * Entries older than `before` (a seq; the newest when null), newest first. The server takes
   * one service; with several, the caller filters the page itself.
   */
  older(filter: LogFilter, before: number | null, limit = 200): Observable<LogPage> {
    let params = new HttpParams().set('limit', limit);
    if (before !== null) params = params.set('before', before);
    if (filter.level) params = params.set('level', filter.level);
    if (filter.services?.length === 1) params = params.set('service', filter.services[0]);
    params = params.appendAll(textQuery(filter));
    return this.http.get<LogPage>('logs', { params });
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
