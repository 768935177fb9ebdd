import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuditEvent } from '@redtail/contracts';
import { Observable } from 'rxjs';

/** `GET /audit` (admins only); the session's interceptor adds the bearer token. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** Newest first, as the server keeps them. */
  list(): Observable<AuditEvent[]> {
    return this.http.get<AuditEvent[]>('audit');
  }
}
