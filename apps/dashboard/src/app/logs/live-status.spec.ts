import type { MetricsSnapshot, PanicEvent } from '@redtail/contracts';
import { LiveStatus } from './live-status';

const snapshot = (epoch: number, received: number, lockdown = false) =>
  ({ epoch, received, lockdown }) as unknown as MetricsSnapshot;
const panic: PanicEvent = { at: '2026-01-02T14:03:07Z', epoch: 2, cleared: 0, lockdown: true };

describe('LiveStatus', () => {
  it('takes a fetched snapshot only until one is pushed, and only of the current epoch', () => {
    const status = new LiveStatus();
    status.offer(snapshot(0, 1), 1);
    expect(status.metrics()).toBeNull();
    status.offer(snapshot(1, 5, true), 1);
    expect(status.metrics()).toMatchObject({ received: 5 });
    expect(status.lockdown()).toBe(true);

    const pushed = snapshot(1, 9);
    status.pushed(pushed);
    status.offer(snapshot(1, 5), 1);
    expect(status.metrics()).toBe(pushed);
    expect(status.lockdown()).toBe(false);
  });

  it('records a panic once per epoch, empties the metrics and takes its lockdown', () => {
    const status = new LiveStatus();
    status.pushed(snapshot(1, 9));
    expect(status.panicked(panic, 1)).toBe(true);
    expect(status.panic()).toBe(panic);
    expect(status.metrics()).toBeNull();
    expect(status.lockdown()).toBe(true);
    expect(status.panicked(panic, 2)).toBe(false);
    status.dismissPanic();
    expect(status.panic()).toBeNull();
  });

  it('counts security events and forgets everything on reset', () => {
    const status = new LiveStatus();
    status.securityEvent();
    status.securityEvent();
    expect(status.securityEvents()).toBe(2);
    status.panicked(panic, null);
    status.reset();
    expect([status.metrics(), status.panic(), status.lockdown()]).toEqual([null, null, false]);
  });
});
