/** Chromium trace events as the DevTools protocol delivers them, and what the soak reads of them. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** CPU time of the thread during the event: far below `dur` when the thread waited for a core. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Tasks longer than this are long tasks (the Long Tasks API's threshold). */
export const LONG_TASK_US = 50_000;

/** `pid:tid` of a renderer's main thread when the event names one (CrRendererMain), else undefined. */
export function rendererMainThreadOf(event: TraceEvent): string | undefined {
  return event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain'
    ? threadOf(event)
    : undefined;
}

export function threadOf(event: TraceEvent): string {
  return `${event.pid}:${event.tid}`;
}

/**
 * A task's wall time against the CPU time its thread got: a thread that ran for 8 of a task's
 * 60 ms spent the rest waiting for a core (or on a lock), not running the page's code.
 */
export function describeTaskCpu(event: TraceEvent, startedAt: number): string {
  const at = ((event.ts - startedAt) / 1e6).toFixed(1).padStart(5);
  const wall = ((event.dur ?? 0) / 1000).toFixed(1).padStart(6);
  const cpu = event.tdur === undefined ? '   n/a' : (event.tdur / 1000).toFixed(1).padStart(6);
  return `  at ${at} s  ${wall} ms wall  ${cpu} ms on the CPU`;
}
