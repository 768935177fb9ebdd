import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import {
  describeTaskCpu,
  LONG_TASK_US,
  rendererMainThreadOf,
  threadOf,
  type TraceEvent,
} from './chromium-trace';
import { type CpuProfile, selfTimes } from './cpu-profile';

/**
 * `SOAK_PROFILE=1 npm run bench:soak`: the soak's page is profiled while the load runs, to say
 * which code fills the long tasks and the frames. The JS sampling profile (DevTools Profiler)
 * and a timeline trace (style, layout, paint, GC) are written under the temp directory for
 * DevTools, and the top entries are printed. Names are as minified by the production build;
 * built with `npx nx build dashboard --sourceMap=true`, DevTools maps them back to the sources.
 * The profiler slows the page, so a profiled run never counts as the record (bench/support/options.ts).
 */
export function soakProfileRequested(): boolean {
  return process.env['SOAK_PROFILE'] === '1';
}

/** Rows per table printed: enough to see past the framework's own frames. */
const TOP = 25;
/** 1 ms between samples: fine enough for frames of 16 ms, light enough not to become the load. */
const SAMPLING_INTERVAL_US = 1000;
const TIMELINE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'blink.user_timing',
];
/** Timeline events worth summing on the renderer's main thread (their durations may nest). */
const TIMELINE_EVENTS = new Set([
  'RunTask',
  'FunctionCall',
  'FireAnimationFrame',
  'TimerFire',
  'EventDispatch',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'MinorGC',
  'MajorGC',
  'V8.GC_SCAVENGER',
  'V8.GC_MARK_COMPACTOR',
  'ParseHTML',
  'HitTest',
]);

/** A profile in progress on one page; `stop` writes the files and prints the summary. */
export class SoakProfile {
  private readonly events: TraceEvent[] = [];

  private constructor(private readonly cdp: CDPSession) {}

  static async start(cdp: CDPSession): Promise<SoakProfile> {
    const profile = new SoakProfile(cdp);
    cdp.on('Tracing.dataCollected', (data) => {
      // The protocol types leave trace events as string maps; they are the shape above.
      for (const event of data.value as unknown as TraceEvent[]) profile.events.push(event);
    });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    await cdp.send('Tracing.start', {
      transferMode: 'ReportEvents',
      traceConfig: { includedCategories: TIMELINE_CATEGORIES },
    });
    await cdp.send('Profiler.start');
    return profile;
  }

  /** Returns the summary's lines; the raw profile and trace are written to files it names. */
  async stop(label: string): Promise<string[]> {
    const { profile } = (await this.cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const complete = new Promise<void>((resolve) =>
      this.cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await this.cdp.send('Tracing.end');
    await complete;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const base = join(tmpdir(), `redtail-soak-${label}-${stamp}`);
    writeFileSync(`${base}.cpuprofile`, JSON.stringify(profile));
    writeFileSync(`${base}.trace.json`, JSON.stringify({ traceEvents: this.events }));
    const main = mainThread(this.events);
    const startedAt = main.reduce((first, event) => Math.min(first, event.ts), Infinity);
    const longTaskEvents = main.filter(
      (event) => event.name === 'RunTask' && (event.dur ?? 0) > LONG_TASK_US,
    );
    const longTasks = longTaskEvents.map(
      (event) => [event.ts, event.ts + (event.dur ?? 0)] as const,
    );
    const seconds = (profile.endTime - profile.startTime) / 1e6;
    return [
      `Profile of the ${label} over ${seconds.toFixed(1)} s: ${base}.cpuprofile and .trace.json`,
      `Main thread, summed per event (nested events counted in each):`,
      ...timelineTotals(main, seconds),
      `JS self time, whole run:`,
      ...selfTimeRows(profile, () => true),
      `Tasks over ${LONG_TASK_US / 1000} ms, wall time against the main thread's CPU time in them:`,
      ...longTaskEvents.map((event) => describeTaskCpu(event, startedAt)),
      `JS self time inside the ${longTasks.length} tasks over ${LONG_TASK_US / 1000} ms:`,
      ...selfTimeRows(profile, (time) =>
        longTasks.some(([from, to]) => time >= from && time <= to),
      ),
    ];
  }
}

/** The renderer's main thread: the one Chromium names CrRendererMain. */
function mainThread(events: TraceEvent[]): TraceEvent[] {
  const main = events.map(rendererMainThreadOf).find((thread) => thread !== undefined);
  if (!main) return [];
  return events.filter((event) => event.ph === 'X' && threadOf(event) === main);
}

function timelineTotals(events: TraceEvent[], seconds: number): string[] {
  const totals = new Map<string, { ms: number; count: number }>();
  for (const event of events) {
    if (!TIMELINE_EVENTS.has(event.name)) continue;
    const total = totals.get(event.name) ?? { ms: 0, count: 0 };
    total.ms += (event.dur ?? 0) / 1000;
    total.count += 1;
    totals.set(event.name, total);
  }
  return [...totals]
    .sort(([, a], [, b]) => b.ms - a.ms)
    .map(
      ([name, { ms, count }]) =>
        `  ${ms.toFixed(0).padStart(7)} ms ${((ms / 10 / seconds) | 0).toString().padStart(3)} %  ${name} ×${count}`,
    );
}

/** The top self times over the samples whose time passes `within`, as rows of the summary. */
function selfTimeRows(profile: CpuProfile, within: (time: number) => boolean): string[] {
  const { all, functions } = selfTimes(profile, within);
  return [
    `  ${(all / 1000).toFixed(0).padStart(7)} ms in all`,
    ...functions
      .slice(0, TOP)
      .map(([label, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms  ${label}`),
  ];
}
