import { signal } from '@angular/core';
import type { MetricsSnapshot, PanicEvent } from '@redtail/contracts';

/**
 * What the server says about itself rather than about lines: the metrics snapshot, the last
 * panic, whether writes are locked, and a count of security events for the audit trail. Kept
 * apart from the lines so `LogStream` only routes; a panic also empties the lines, which the
 * facade does.
 */
export class LiveStatus {
  private readonly _metrics = signal<MetricsSnapshot | null>(null);
  private readonly _panic = signal<PanicEvent | null>(null);
  private readonly _lockdown = signal(false);
  private readonly _securityEvents = signal(0);

  readonly metrics = this._metrics.asReadonly();
  /** The last panic seen while this dashboard was open, until dismissed. */
  readonly panic = this._panic.asReadonly();
  readonly lockdown = this._lockdown.asReadonly();
  /** Bumped on every `panic` and `resumed` event, so the audit trail knows to look again. */
  readonly securityEvents = this._securityEvents.asReadonly();

  /** A snapshot pushed on the socket: always the newest. */
  pushed(snapshot: MetricsSnapshot): void {
    this._metrics.set(snapshot);
    this._lockdown.set(snapshot.lockdown);
  }

  /**
   * A snapshot fetched over HTTP while the socket has not pushed one yet; a push or a panic in
   * the meantime wins (as does any snapshot of another epoch than `epoch`), so a slow response
   * never shows stale counters.
   */
  offer(snapshot: MetricsSnapshot, epoch: number | null): void {
    if (this._metrics() !== null || (epoch !== null && snapshot.epoch !== epoch)) return;
    this.pushed(snapshot);
  }

  /**
   * Records a panic; false when it is the one already applied in this epoch (our own request's
   * answer and its broadcast both arrive), so the caller empties the view only once.
   */
  panicked(event: PanicEvent, epoch: number | null): boolean {
    if (this._panic()?.epoch === event.epoch && epoch === event.epoch) return false;
    this._panic.set(event);
    this._lockdown.set(event.lockdown);
    this._metrics.set(null);
    return true;
  }

  securityEvent(): void {
    this._securityEvents.update((n) => n + 1);
  }

  setLockdown(lockdown: boolean): void {
    this._lockdown.set(lockdown);
  }

  dismissPanic(): void {
    this._panic.set(null);
  }

  /** Signed out or reconnecting from scratch: nothing the server said before holds. */
  reset(): void {
    this._metrics.set(null);
    this._panic.set(null);
    this._lockdown.set(false);
  }
}
