import type { CDPSession } from 'playwright-core';
import {
  describeTaskCpu,
  LONG_TASK_US,
  rendererMainThreadOf,
  threadOf,
  type TraceEvent,
} from './chromium-trace';

/**
 * `SOAK_TASK_CPU=1 npm run bench:soak`: a light trace (Chromium's `toplevel` category only, no
 * profiler) of the page's renderer while the soak runs, to tell a long task that ran our code
 * from one that waited for a core. Each task carries its wall time and the CPU time its thread
 * got in it (`tdur`); on two cores shared with the server, the shipper and the browser's other
 * processes, a 60 ms task may hold 15 ms of work. The trace still costs the bench process some
 * CPU, so such a run is an investigation, never the record (bench/support/options.ts).
 *
 * `SOAK_TASK_CPU=detail` also traces the timeline and the compositor (`devtools.timeline`, `cc`)
 * and prints, for each long task, the events inside it on the main thread and what every thread
 * of the browser did meanwhile: where a task waited, and on whom. Only the dashboard is soaked then.
 */
export function taskCpuRequested(): boolean {
  return process.env['SOAK_TASK_CPU'] === '1' || taskDetailRequested();
}

export function taskDetailRequested(): boolean {
  return process.env['SOAK_TASK_CPU'] === 'detail';
}

/** Chromium's outermost task event on every thread, with thread time, in `toplevel`. */
const TASK_EVENT = 'ThreadControllerImpl::RunTask';
const DETAIL_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'cc',
  'viz',
  'v8',
];
/** The steps of a frame on the main thread, summed over the run in detail mode. */
const FRAME_STEPS = new Set([
  'ProxyMain::BeginMainFrame',
  'FireAnimationFrame',
  'FunctionCall',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'MinorGC',
  'MajorGC',
  'TimerFire',
  'EventDispatch',
]);
/** Inside a long task, events shorter than this are not worth a line. */
const DETAIL_MIN_US = 3000;

/** A trace in progress; `stop` describes the renderer main thread's tasks over 50 ms. */
export class TaskCpuTrace {
  private readonly longTasks: TraceEvent[] = [];
  private readonly mainThreads = new Set<string>();
  private readonly threadNames = new Map<string, string>();
  /** Detail mode: every event of 3 ms or more, any thread (a minute holds a few thousand). */
  private readonly notable: TraceEvent[] = [];
  /** Detail mode: per thread and event name, the totals over the run (`pid:tid name` keys). */
  private readonly totals = new Map<string, { count: number; wall: number; cpu: number }>();
  private startedAt = Number.POSITIVE_INFINITY;

  private constructor(
    private readonly cdp: CDPSession,
    private readonly detail: boolean,
  ) {}

  static async start(cdp: CDPSession): Promise<TaskCpuTrace> {
    const trace = new TaskCpuTrace(cdp, taskDetailRequested());
    // Only what is needed is kept: thread names and the long tasks, not every task of the run.
    cdp.on('Tracing.dataCollected', (data) => {
      for (const event of data.value as unknown as TraceEvent[]) trace.keep(event);
    });
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: {
        includedCategories: trace.detail ? DETAIL_CATEGORIES : ['toplevel'],
        excludedCategories: ['*'],
      },
    });
    return trace;
  }

  /** Stops the trace; returns one line per long task, for the bench's log. */
  async stop(): Promise<string[]> {
    const complete = new Promise<void>((resolve) =>
      this.cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await this.cdp.send('Tracing.end');
    await complete;
    const lines = [
      `Renderer main-thread tasks over ${LONG_TASK_US / 1000} ms: wall time, and the thread's CPU time in it`,
    ];
    for (const task of this.longTasks) {
      if (!this.mainThreads.has(threadOf(task))) continue;
      lines.push(describeTaskCpu(task, this.startedAt));
      if (this.detail) lines.push(...this.inside(task));
    }
    if (this.detail) lines.push(...this.describeTotals());
    return lines;
  }

  /** The notable events overlapping `task`: its own thread's first, then the others'. */
  private inside(task: TraceEvent): string[] {
    const from = task.ts;
    const to = task.ts + (task.dur ?? 0);
    const mainThread = threadOf(task);
    return this.notable
      .filter((event) => event !== task && event.ts < to && event.ts + (event.dur ?? 0) > from)
      .sort(
        (a, b) =>
          Number(threadOf(b) === mainThread) - Number(threadOf(a) === mainThread) || a.ts - b.ts,
      )
      .map((event) => {
        const thread = this.threadNames.get(threadOf(event)) ?? threadOf(event);
        const offset = ((event.ts - from) / 1000).toFixed(1).padStart(6);
        const wall = ((event.dur ?? 0) / 1000).toFixed(1).padStart(6);
        const cpu =
          event.tdur === undefined ? '   n/a' : (event.tdur / 1000).toFixed(1).padStart(6);
        return `      +${offset} ms ${wall} ms wall ${cpu} ms CPU  ${thread}: ${event.name}`;
      });
  }

  /** The rendering steps' totals: what one frame costs on average, long or not. */
  private describeTotals(): string[] {
    return [
      'Renderer main thread over the run, per event: count, wall and CPU time in all, CPU per event',
      ...[...this.totals]
        .filter(([key]) => this.mainThreads.has(key.slice(0, key.indexOf(' '))))
        .map(([key, total]) => [key.slice(key.indexOf(' ') + 1), total] as const)
        .sort(([, a], [, b]) => b.cpu - a.cpu)
        .map(
          ([name, { count, wall, cpu }]) =>
            `  ${name.padEnd(28)} ×${String(count).padStart(6)} ${(wall / 1000).toFixed(0).padStart(7)} ms wall ${(cpu / 1000).toFixed(0).padStart(7)} ms CPU ${(cpu / count / 1000).toFixed(2).padStart(7)} ms each`,
        ),
    ];
  }

  private keep(event: TraceEvent): void {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name) {
      this.threadNames.set(threadOf(event), `${event.args.name}(${event.pid})`);
    }
    const main = rendererMainThreadOf(event);
    if (main !== undefined) this.mainThreads.add(main);
    if (event.ph !== 'X') return;
    if (event.ts < this.startedAt) this.startedAt = event.ts;
    if (event.name === TASK_EVENT && (event.dur ?? 0) > LONG_TASK_US) this.longTasks.push(event);
    if (!this.detail) return;
    if ((event.dur ?? 0) >= DETAIL_MIN_US) this.notable.push(event);
    if (FRAME_STEPS.has(event.name)) {
      // Thread names may come after the events; the main thread is picked out at the end.
      const key = `${threadOf(event)} ${event.name}`;
      const total = this.totals.get(key) ?? { count: 0, wall: 0, cpu: 0 };
      total.count++;
      total.wall += event.dur ?? 0;
      total.cpu += event.tdur ?? 0;
      this.totals.set(key, total);
    }
  }
}
