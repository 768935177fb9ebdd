import type { CDPSession } from 'playwright-core';
import { type CallFrame, frameLabel } from './cpu-profile';

/**
 * `SOAK_ALLOCATIONS=1 npm run bench:soak`: V8's sampling heap profiler watches the dashboard
 * while the load runs and the bench prints where the page allocates most, by function. What is
 * allocated fast and kept for a while (lines held by a pane) fills the old generation, whose
 * collections pause the main thread; this says which code to look at. Sampling slows the page a
 * little, so such a run is an investigation, never the record (bench/support/options.ts).
 */
export function soakAllocationsRequested(): boolean {
  return process.env['SOAK_ALLOCATIONS'] === '1';
}

/** One sample per 32 KiB allocated on average: cheap, and plenty at tens of MB a second. */
const SAMPLING_INTERVAL_BYTES = 32 * 1024;
const TOP = 25;

interface SamplingNode {
  callFrame: CallFrame;
  selfSize: number;
  children: SamplingNode[];
}

/** A sampling run in progress; `stop` returns the summary's lines. */
export class SoakAllocations {
  private constructor(private readonly cdp: CDPSession) {}

  static async start(cdp: CDPSession): Promise<SoakAllocations> {
    // Collected objects stay in the profile: what matters is what was allocated, not what is left.
    await cdp.send('HeapProfiler.startSampling', {
      samplingInterval: SAMPLING_INTERVAL_BYTES,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    return new SoakAllocations(cdp);
  }

  async stop(seconds: number): Promise<string[]> {
    const { profile } = (await this.cdp.send('HeapProfiler.stopSampling')) as {
      profile: { head: SamplingNode };
    };
    const totals = new Map<string, number>();
    let all = 0;
    const visit = (node: SamplingNode) => {
      const key = frameLabel(node.callFrame);
      totals.set(key, (totals.get(key) ?? 0) + node.selfSize);
      all += node.selfSize;
      for (const child of node.children) visit(child);
    };
    visit(profile.head);
    const perSecond = (bytes: number) =>
      `${(bytes / seconds / 2 ** 20).toFixed(2).padStart(7)} MiB/s`;
    return [
      `Allocated by the page (sampled), ${perSecond(all)} in all; by function:`,
      ...[...totals]
        .sort(([, a], [, b]) => b - a)
        .slice(0, TOP)
        .map(([key, bytes]) => `  ${perSecond(bytes)}  ${key}`),
    ];
  }
}
