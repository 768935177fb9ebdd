/** A JavaScript frame as V8's profilers report it. */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** `name file:line:column` of a profiled frame (line and column from 1), for a summary's rows. */
export function frameLabel(frame: CallFrame): string {
  const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
  const where = file ? ` ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}` : '';
  return `${frame.functionName || '(anonymous)'}${where}`;
}

/** A node of V8's sampling CPU profile (`.cpuprofile`, as `--cpu-prof` and DevTools write it). */
export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  hitCount?: number;
  /** Samples per source line (1-based) of this node's own code, where V8 recorded them. */
  positionTicks?: { line: number; ticks: number }[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** µs, on the profiled process's clock. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Calls `visit` with each sample's node, its time (on the profile's clock) and how long it
 * stood for (until the next sample), both µs.
 */
function eachSample(
  profile: CpuProfile,
  visit: (node: ProfileNode, at: number, weight: number) => void,
): void {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  let time = profile.startTime;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index];
    const node = nodes.get(id);
    if (node) visit(node, time, profile.timeDeltas[index + 1] ?? 0);
  });
}

/**
 * Self time per function label over the samples whose time (µs, on the profile's clock, as
 * trace events' `ts` are) passes `within`; µs, most first. Idle samples are left out.
 */
export function selfTimes(
  profile: CpuProfile,
  within: (time: number) => boolean,
): { all: number; functions: [label: string, us: number][] } {
  const totals = new Map<string, number>();
  let all = 0;
  eachSample(profile, (node, at, weight) => {
    if (!within(at) || node.callFrame.functionName === '(idle)') return;
    const label = frameLabel(node.callFrame);
    totals.set(label, (totals.get(label) ?? 0) + weight);
    all += weight;
  });
  return { all, functions: [...totals].sort(([, a], [, b]) => b - a) };
}

export interface ProfileWindow {
  /** Seconds since the profile started. */
  from: number;
  /** Shares of the window's samples, 0–1. */
  busy: number;
  gc: number;
}

/** How busy the profiled thread was in each window of `seconds`, and how much of it was GC. */
export function busyByWindow(profile: CpuProfile, seconds: number): ProfileWindow[] {
  const windows: { samples: number; idle: number; gc: number }[] = [];
  eachSample(profile, (node, at) => {
    const index = Math.floor((at - profile.startTime) / 1e6 / seconds);
    for (let i = windows.length; i <= index; i++) windows.push({ samples: 0, idle: 0, gc: 0 });
    const window = windows[index];
    window.samples += 1;
    if (node.callFrame.functionName === '(idle)') window.idle += 1;
    if (node.callFrame.functionName === '(garbage collector)') window.gc += 1;
  });
  return windows.map((window, index) => ({
    from: index * seconds,
    busy: window.samples ? 1 - window.idle / window.samples : 0,
    gc: window.samples ? window.gc / window.samples : 0,
  }));
}

/**
 * The source lines of one function that held its samples, most first (whole profile). This is
 * where a single slow statement shows: V8 records ticks per line of the function's own code.
 */
export function hotLines(profile: CpuProfile, label: string): [line: number, ticks: number][] {
  const lines = new Map<number, number>();
  for (const node of profile.nodes) {
    if (frameLabel(node.callFrame) !== label) continue;
    for (const { line, ticks } of node.positionTicks ?? []) {
      lines.set(line, (lines.get(line) ?? 0) + ticks);
    }
  }
  return [...lines].sort(([, a], [, b]) => b - a);
}
