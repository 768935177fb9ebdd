import { Injectable } from '@nestjs/common';
import type { AuditEvent, AuditEventType } from '@redtail/contracts';
import { Env } from '../app/env';

export interface AuditRecord {
  type: AuditEventType;
  /** Key name; `unknown` when there was no key or it was not recognised. */
  actor?: string;
  address?: string | null;
  /** e.g. `POST /logs/panic`; callers pass route patterns, never query strings or secrets. */
  detail?: string;
}

/**
 * Distinct events kept for recognised keys, and separately for everyone else. Folding makes an
 * entry per (type, actor, address, route), so 1 000 is days of normal use; under attack each
 * budget drops its least recently seen entries, and one cannot push out the other.
 */
export const AUDIT_CAPACITY = 1000;

/**
 * The record the trail exists for. Never evicted: only admins (or, with auth off, callers on an
 * allowed Host) can add them, and folding keeps one entry per admin, address and route, so the
 * list grows no faster than panics do.
 */
const EVIDENCE: ReadonlySet<AuditEventType> = new Set(['panic', 'resume']);

/**
 * The security event trail: in memory only, bounded, and separate from the log store, so a panic
 * wipes logs but not the record that a panic happened. Three lists, so that no flood can flush
 * the evidence: panics and resumes; events of recognised keys; and the unauthenticated noise
 * (unknown keys, and every caller when auth is off, since anyone can be "anonymous").
 */
@Injectable()
export class AuditService {
  private readonly evidence = new FoldedEvents(Infinity);
  private readonly keyed = new FoldedEvents(AUDIT_CAPACITY);
  private readonly noise = new FoldedEvents(AUDIT_CAPACITY);
  private readonly authEnabled: boolean;
  private nextId = 1;
  /** Orders entries by last occurrence exactly; timestamps tie within a millisecond. */
  private occurrences = 0;

  constructor(env: Env) {
    this.authEnabled = env.REDTAIL_AUTH === 'on';
  }

  record(record: AuditRecord): void {
    const at = new Date().toISOString();
    const actor = record.actor ?? 'unknown';
    const address = record.address ?? null;
    const { type, detail } = record;
    const occurrence = ++this.occurrences;
    this.listFor(type, actor).record([type, actor, address, detail], occurrence, at, () => ({
      id: this.nextId++,
      at,
      type,
      actor,
      address,
      ...(detail === undefined ? {} : { detail }),
      count: 1,
      lastAt: at,
    }));
  }

  /** Most recently seen first; copies, so callers cannot edit the trail. */
  list(): AuditEvent[] {
    return [...this.evidence.entries(), ...this.keyed.entries(), ...this.noise.entries()]
      .sort((a, b) => b.occurrence - a.occurrence)
      .map(({ event }) => ({ ...event }));
  }

  private listFor(type: AuditEventType, actor: string): FoldedEvents {
    if (EVIDENCE.has(type)) return this.evidence;
    return this.authEnabled && actor !== 'unknown' ? this.keyed : this.noise;
  }
}

/** For trails merged from several nodes: by latest occurrence on each node's clock, then by id. */
export function newestFirst(a: AuditEvent, b: AuditEvent): number {
  return b.lastAt.localeCompare(a.lastAt) || b.id - a.id;
}

/**
 * Events folded by their identity: a repeat anywhere in the list adds to the entry's count
 * rather than making a new one. Kept in order of last occurrence (a Map re-inserted on each
 * repeat), so past `capacity` the entry dropped is the one least recently seen.
 */
class FoldedEvents {
  private readonly events = new Map<string, FoldedEvent>();

  constructor(private readonly capacity: number) {}

  record(identity: unknown[], occurrence: number, at: string, create: () => AuditEvent): void {
    const key = JSON.stringify(identity);
    const existing = this.events.get(key);
    if (existing) {
      existing.event.count += 1;
      existing.event.lastAt = at;
      existing.occurrence = occurrence;
      this.events.delete(key);
      this.events.set(key, existing);
      return;
    }
    this.events.set(key, { event: create(), occurrence });
    if (this.events.size > this.capacity) {
      const leastRecent = this.events.keys().next();
      if (!leastRecent.done) this.events.delete(leastRecent.value);
    }
  }

  entries(): IterableIterator<FoldedEvent> {
    return this.events.values();
  }
}

interface FoldedEvent {
  event: AuditEvent;
  occurrence: number;
}
