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
 */
export function taskCpuRequested(): boolean {
  return process.env['SOAK_TASK_CPU'] === '1';
}

/** Chromium's outermost task event on every thread, with thread time, in `toplevel`. */
const TASK_EVENT = 'ThreadControllerImpl::RunTask';

/** A trace in progress; `stop` describes the renderer main thread's tasks over 50 ms. */
export class TaskCpuTrace {
  private readonly longTasks: TraceEvent[] = [];
  private readonly mainThreads = new Set<string>();
  private startedAt = Number.POSITIVE_INFINITY;

  private constructor(private readonly cdp: CDPSession) {}

  static async start(cdp: CDPSession): Promise<TaskCpuTrace> {
    const trace = new TaskCpuTrace(cdp);
    // Only what is needed is kept: thread names and the long tasks, not every task of the run.
    cdp.on('Tracing.dataCollected', (data) => {
      for (const event of data.value as unknown as TraceEvent[]) trace.keep(event);
    });
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: ['toplevel'], excludedCategories: ['*'] },
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
    return [
      `Renderer main-thread tasks over ${LONG_TASK_US / 1000} ms: wall time, and the thread's CPU time in it`,
      ...this.longTasks
        .filter((event) => this.mainThreads.has(threadOf(event)))
        .map((event) => describeTaskCpu(event, this.startedAt)),
    ];
  }

  private keep(event: TraceEvent): void {
    const main = rendererMainThreadOf(event);
    if (main !== undefined) this.mainThreads.add(main);
    if (event.ph !== 'X') return;
    if (event.ts < this.startedAt) this.startedAt = event.ts;
    if (event.name === TASK_EVENT && (event.dur ?? 0) > LONG_TASK_US) this.longTasks.push(event);
  }
}
