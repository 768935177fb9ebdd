import { Injectable } from '@nestjs/common';
import type { AuditEvent, AuditEventType } from '@redtail/contracts';

export interface AuditRecord {
  type: AuditEventType;
  /** Key name; `unknown` when there was no key or it was not recognised. */
  actor?: string;
  address?: string | null;
  /** e.g. `POST /logs/panic`; callers pass route patterns, never query strings or secrets. */
  detail?: string;
}

/** Oldest events are dropped past this; enough for days of normal use, bounded under attack. */
export const AUDIT_CAPACITY = 1000;
/** Repeats of the same event within this window fold into one entry, so a flood cannot push panics out. */
export const AUDIT_FOLD_MS = 60_000;

/**
 * The security event trail: in memory only, bounded, and separate from the
 * log store, so a panic wipes logs but not the record that a panic happened.
 */
@Injectable()
export class AuditService {
  private readonly events: AuditEvent[] = [];
  private nextId = 1;

  record(record: AuditRecord): void {
    const at = new Date();
    const actor = record.actor ?? 'unknown';
    const address = record.address ?? null;
    const last = this.events.at(-1);
    if (
      last &&
      last.type === record.type &&
      last.actor === actor &&
      last.address === address &&
      last.detail === record.detail &&
      at.getTime() - Date.parse(last.lastAt) < AUDIT_FOLD_MS
    ) {
      last.count += 1;
      last.lastAt = at.toISOString();
      return;
    }
    this.events.push({
      id: this.nextId++,
      at: at.toISOString(),
      type: record.type,
      actor,
      address,
      ...(record.detail === undefined ? {} : { detail: record.detail }),
      count: 1,
      lastAt: at.toISOString(),
    });
    if (this.events.length > AUDIT_CAPACITY) this.events.shift();
  }

  /** Newest first; copies, so callers cannot edit the trail. */
  list(): AuditEvent[] {
    return this.events.map((event) => ({ ...event })).reverse();
  }
}
