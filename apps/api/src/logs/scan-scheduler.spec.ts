import {
  type ScanLimits,
  ScansBusyError,
  ScanScheduler,
  type SchedulerClock,
} from './scan-scheduler';

/** The event loop by hand: turns run when the test says, time moves when the test moves it. */
class ManualLoop implements SchedulerClock {
  time = 0;
  private turns: (() => void)[] = [];
  private timers: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  nextTurn(callback: () => void): void {
    this.turns.push(callback);
  }

  after(ms: number, callback: () => void): void {
    this.timers.push({ at: this.time + ms, callback });
  }

  get timerDelays(): number[] {
    return this.timers.map((timer) => timer.at - this.time);
  }

  /** One iteration: the callbacks queued for it, then the promise callbacks they released. */
  async turn(): Promise<void> {
    for (const callback of this.turns.splice(0)) callback();
    await settled();
  }

  /** Moves the clock and fires the timers that are due. */
  async advance(ms: number): Promise<void> {
    this.time += ms;
    const due = this.timers.filter((timer) => timer.at <= this.time);
    this.timers = this.timers.filter((timer) => timer.at > this.time);
    for (const timer of due) timer.callback();
    await settled();
  }
}

/** Lets every pending promise callback run (a real immediate comes after all of them). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

const LIMITS: ScanLimits = { perOwner: 2, total: 3, msPerSecond: 100 };

function setup(limits: Partial<ScanLimits> = {}) {
  const loop = new ManualLoop();
  const scheduler = new ScanScheduler({ ...LIMITS, ...limits }, loop);
  return { loop, scheduler };
}

describe('ScanScheduler', () => {
  describe('admission', () => {
    it('refuses a key its next scan once it has perOwner in progress, naming the limit', () => {
      const { scheduler } = setup();
      scheduler.admit('key:alice');
      scheduler.admit('key:alice');
      expect(() => scheduler.admit('key:alice')).toThrow(
        new ScansBusyError('key', LIMITS.perOwner),
      );
      expect(() => scheduler.admit('key:alice')).toThrow(/at most 2 at once/);
      expect(() => scheduler.admit('key:bob')).not.toThrow();
    });

    it('refuses everyone once the node has total scans in progress', () => {
      const { scheduler } = setup();
      scheduler.admit('key:alice');
      scheduler.admit('key:bob');
      scheduler.admit('key:carol');
      expect(() => scheduler.admit('key:dave')).toThrow(new ScansBusyError('node', LIMITS.total));
    });

    it('gives a place back once per scan, however often it is released', () => {
      const { scheduler } = setup();
      const first = scheduler.admit('key:alice');
      scheduler.admit('key:alice');
      first.release();
      first.release();
      expect(scheduler.running).toBe(1);
      scheduler.admit('key:alice');
      expect(() => scheduler.admit('key:alice')).toThrow(ScansBusyError);
    });
  });

  describe('turns', () => {
    it('resumes one waiting slice per turn of the event loop', async () => {
      const { loop, scheduler } = setup();
      const resumed: string[] = [];
      for (const owner of ['key:alice', 'key:bob']) {
        void scheduler
          .admit(owner)
          .turn()
          .then(() => resumed.push(owner));
      }
      await loop.turn();
      expect(resumed).toEqual(['key:alice']);
      await loop.turn();
      expect(resumed).toEqual(['key:alice', 'key:bob']);
    });

    it('takes keys in rotation, so a key with many scans waiting gets no more turns than one with one', async () => {
      const { loop, scheduler } = setup({ perOwner: 3, total: 4 });
      const resumed: string[] = [];
      const ask = (owner: string, name: string) =>
        void scheduler
          .admit(owner)
          .turn()
          .then(() => resumed.push(name));
      ask('key:mallory', 'mallory 1');
      ask('key:mallory', 'mallory 2');
      ask('key:mallory', 'mallory 3');
      ask('key:alice', 'alice');
      for (let turn = 0; turn < 4; turn += 1) await loop.turn();
      expect(resumed).toEqual(['mallory 1', 'alice', 'mallory 2', 'mallory 3']);
    });

    it('runs a slice due while a live turn is pending right after that turn, not before', async () => {
      const { loop, scheduler } = setup();
      const order: string[] = [];
      const ticket = scheduler.admit('key:alice');
      void ticket.turn().then(() => order.push('scan slice'));
      scheduler.liveTurnPending();
      await loop.turn();
      expect(order).toEqual([]);
      order.push('broadcast');
      scheduler.liveTurnDone();
      await settled();
      expect(order).toEqual(['broadcast', 'scan slice']);
    });

    it('lets a new scan run at once only when nobody waits, no live turn is due and the share is not spent', async () => {
      const { loop, scheduler } = setup();
      const ticket = scheduler.admit('key:alice');
      expect(ticket.mayRunNow()).toBe(true);

      scheduler.liveTurnPending();
      expect(ticket.mayRunNow()).toBe(false);
      scheduler.liveTurnDone();

      const waiting = scheduler.admit('key:bob').turn();
      expect(ticket.mayRunNow()).toBe(false);
      await loop.turn();
      await waiting;
      await loop.turn();
      expect(ticket.mayRunNow()).toBe(true);

      ticket.spent(50);
      expect(ticket.mayRunNow()).toBe(false);
    });
  });

  describe('share of each second', () => {
    it('holds slices back on a timer once scans have spent their share, until it has refilled', async () => {
      // 100 ms per second, up to 10 ms at once: a 30 ms slice leaves a 20 ms debt, 200 ms of waiting.
      const { loop, scheduler } = setup({ msPerSecond: 100 });
      const ticket = scheduler.admit('key:alice');
      ticket.spent(30);
      let resumed = false;
      void ticket.turn().then(() => {
        resumed = true;
      });
      await loop.turn();
      expect(resumed).toBe(false);
      expect(loop.timerDelays).toEqual([200]);
      await loop.advance(199);
      expect(resumed).toBe(false);
      await loop.advance(1);
      expect(resumed).toBe(true);
    });

    it('draws every key from one share', async () => {
      const { loop, scheduler } = setup({ msPerSecond: 100 });
      scheduler.admit('key:mallory').spent(30);
      let resumed = false;
      void scheduler
        .admit('key:alice')
        .turn()
        .then(() => {
          resumed = true;
        });
      await loop.turn();
      expect(resumed).toBe(false);
      await loop.advance(200);
      expect(resumed).toBe(true);
    });

    it('does not bank an idle spell beyond a tenth of a second of share', async () => {
      const { loop, scheduler } = setup({ msPerSecond: 100 });
      await loop.advance(60_000);
      const ticket = scheduler.admit('key:alice');
      ticket.spent(11);
      expect(ticket.mayRunNow()).toBe(false);
    });
  });
});
