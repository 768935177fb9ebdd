import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '@redtail/testing';
import { startStealCount } from '../support/machine';
import type { ShipResult } from '../clients/shipper.client';
import {
  onBrowserCore,
  releaseCores,
  requestedCoreLayout,
  type CoreLayout,
} from '../support/core-layout';
import { forkClient, type ProcessGroup } from '../support/processes';
import { announce, progress } from '../support/progress';
import type { ResultRow, TargetVerdict } from '../support/results';
import { WORKSPACE_DIR } from '../support/results';
import { runScenario } from '../support/scenario';
import { KEYS, startFrontail, startRedtail } from '../support/servers';
import { summarize } from '../support/stats';
import { describeView, openSoakDashboard, shownLines } from '../support/soak-dashboard';
import { SoakAllocations, soakAllocationsRequested } from '../support/soak-allocations';
import { SoakProfile, soakProfileRequested } from '../support/soak-profile';
import { TaskCpuTrace, taskCpuRequested, taskDetailRequested } from '../support/task-cpu-trace';
import { clientPath, SHIPPER, type SystemName } from '../support/stream';

const RATE = 20_000;
/**
 * Redtail is fed as `redtail-ship` feeds it by default, over one long `POST /logs/stream`;
 * `SOAK_DOOR=batch` sends a `POST /logs/batch` per generator tick instead, for comparison.
 */
const REDTAIL_DOOR = process.env['SOAK_DOOR'] === 'batch' ? 'redtail' : 'redtail-stream';
/**
 * The bench's shipper keeps one stream for the whole soak (1.2 M lines in 60 s) and does not
 * reconnect as `redtail-ship` does after `LOG_STREAM_MAX_LINES` (1 M by default), so the soaked
 * servers let one connection carry the whole run.
 */
const SOAK_SERVER_ENV = { LOG_STREAM_MAX_LINES: '10000000' };
const MiB = 2 ** 20;
const HEAP_LIMIT_MiB = 300;
/** The target: a tab that keeps up looks smooth at this rate or better. */
const MIN_FPS = 55;
const DASHBOARD_INDEX = join(WORKSPACE_DIR, 'dist', 'apps', 'dashboard', 'browser', 'index.html');
const FIGURES = {
  longTasksAfterFirstSecond: 'tasks',
  longestTask: 'ms',
  framesPerSecond: 'fps',
  frameGapsOver50ms: 'gaps',
  heapMax: 'MiB',
  heapEnd: 'MiB',
  sent: 'lines',
  shownInTab: 'lines',
  shownInPinnedPane: 'lines',
  // The share of the cores' time the hypervisor took during the run (/proc/stat's steal).
  stolenCpu: '%',
} as const;

type SoakFigures = Record<keyof typeof FIGURES, number>;

/**
 * `control page` is the control: a page in the same browser that runs a task of exactly
 * CONTROL_TASK_MS of JavaScript every CONTROL_PERIOD_MS (the most CPU a long task of the dashboard
 * held when traced, bench/findings.md) while the same shipper feeds a Redtail server nobody
 * watches. None of its tasks needs 50 ms, so every long task it shows is a wait the machine made.
 */
type SoakedPage = SystemName | 'control page';
const CONTROL_TASK_MS = 25;
const CONTROL_PERIOD_MS = 100;

/** Runs in the control page: busy for `taskMs` every `periodMs`, nothing else. */
function runControlTasks([taskMs, periodMs]: [number, number]): void {
  setInterval(() => {
    const end = performance.now() + taskMs;
    while (performance.now() < end) {
      // Busy on purpose: a fixed amount of work per task.
    }
  }, periodMs);
}

const CORE_LABELS: Record<CoreLayout, string> = {
  shared: 'browser, server and shipper share the cores',
  split: 'the browser pinned to a core of its own, server and shipper on the others (taskset)',
  'browser-first': 'all share the cores, server and shipper at nice 10',
};

interface SoakProbe {
  started: number;
  longTasks: [number, number][];
  frames: number;
  gaps: number;
}

/** Runs in the page before any app code: long tasks and frame pacing, reset when shipping starts. */
function installProbe(): void {
  const probe = { started: performance.now(), longTasks: [], frames: 0, gaps: 0 } as SoakProbe;
  (window as unknown as { __soak: SoakProbe }).__soak = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  const frame = (time: number) => {
    probe.frames++;
    if (time - last > 50) probe.gaps++;
    last = time;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

runScenario(
  {
    scenario: 'soak',
    title: 'Browser soak: 20 000 lines/s into an open dashboard',
    description:
      'Headless Debian Chromium (playwright-core) keeps the dashboard open at 1440×900 (long lines ' +
      'wrapped, the volume histogram shown, a split view pinning warnings and errors beside the ' +
      'main tail) while a shipper process ' +
      `sends ${RATE / 1000}k lines/s (over one POST /logs/stream, as redtail-ship sends by default; ` +
      '`SOAK_DOOR=batch` sends a POST /logs/batch per tick instead); long tasks come from ' +
      'PerformanceObserver("longtask"), frames ' +
      'from requestAnimationFrame, JS heap from the DevTools protocol every second. The baseline ' +
      "is frontail's own web page at the same rate; the control is a page running a 25 ms task every 100 ms " +
      'while the same load goes into a Redtail server nobody watches. Browser, server and shipper share the cores ' +
      '(`SOAK_CORES` places them otherwise for an investigation). Not CI-gating.',
  },
  async ({ options, group }) => {
    const notes: string[] = [];
    const results = new Map<SoakedPage, SoakFigures>();
    const cores = requestedCoreLayout();
    const browser = await onBrowserCore(cores, () =>
      chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS, headless: true }),
    );
    try {
      // A profile or a detailed trace is of our page; the other pages would only add a wait.
      if (!soakProfileRequested() && !taskDetailRequested() && !soakAllocationsRequested()) {
        results.set('control page', await soakControlPage(group, browser, options.soakSeconds));
        results.set('frontail', await soakFrontail(group, browser, options.soakSeconds));
      }
      const note = (line: string) => notes.push(line);
      if (!existsSync(DASHBOARD_INDEX)) {
        notes.push('Redtail not measured: no dashboard build (run `npx nx build dashboard`).');
      } else {
        const soaked = await soakRedtail(group, browser, options.soakSeconds, note).catch(
          (error: unknown) => {
            notes.push(
              `Redtail not measured: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
            );
            return undefined;
          },
        );
        if (soaked) results.set('redtail', soaked);
      }
    } finally {
      await browser.close();
      releaseCores(cores);
    }
    const rows: ResultRow[] = [...results].map(([system, figures]) => ({
      system,
      params: { rate: RATE, seconds: options.soakSeconds, cores },
      figures: Object.fromEntries(
        Object.keys(FIGURES).map((key) => [key, summarize([figures[key as keyof SoakFigures]])]),
      ),
    }));
    return {
      settings: { rate: RATE, seconds: options.soakSeconds, door: REDTAIL_DOOR, ...SHIPPER },
      figures: FIGURES,
      rows,
      targets: verdicts(results.get('redtail'), options.soakSeconds),
      notes: [
        'One run per system: this scenario is a minute long.',
        `Cores: ${CORE_LABELS[cores]}.`,
        ...notes,
      ],
    };
  },
);

async function soakRedtail(
  group: ProcessGroup,
  browser: Browser,
  seconds: number,
  note: (line: string) => void,
) {
  const server = await startRedtail(group, SOAK_SERVER_ENV);
  // The desktop view: wide enough for the split view's two panes side by side.
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.addInitScript(installProbe);
    note(describeView(await openSoakDashboard(page, server.url, KEYS.admin)));
    const figures = await shipWhileWatching(
      group,
      page,
      { kind: REDTAIL_DOOR, url: server.url, token: KEYS.ingest },
      seconds,
      'redtail dashboard',
      soakProfileRequested(),
    );
    const shown = await shownLines(page);
    return { ...figures, shownInTab: shown.main, shownInPinnedPane: shown.pinned };
  } finally {
    await page.close();
    await server.process.stop();
  }
}

async function soakControlPage(group: ProcessGroup, browser: Browser, seconds: number) {
  const server = await startRedtail(group, SOAK_SERVER_ENV);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.setContent('<!doctype html><title>control</title><p>A control page.</p>');
    await page.evaluate(installProbe);
    await page.evaluate(runControlTasks, [CONTROL_TASK_MS, CONTROL_PERIOD_MS] as [number, number]);
    return await shipWhileWatching(
      group,
      page,
      { kind: REDTAIL_DOOR, url: server.url, token: KEYS.ingest },
      seconds,
      'control page',
    );
  } finally {
    await page.close();
    await server.process.stop();
  }
}

async function soakFrontail(group: ProcessGroup, browser: Browser, seconds: number) {
  const frontail = await startFrontail(group);
  const page = await browser.newPage();
  try {
    await page.addInitScript(installProbe);
    await page.goto(`${frontail.url}/`);
    await page.waitForLoadState('load');
    return await shipWhileWatching(
      group,
      page,
      { kind: 'frontail', file: frontail.file },
      seconds,
      'frontail page',
    );
  } finally {
    await page.close();
    await frontail.process.stop();
  }
}

/** Starts a shipper process aimed at `target` and soaks `page` while it sends. */
async function shipWhileWatching(
  group: ProcessGroup,
  page: Page,
  target:
    | { kind: 'redtail' | 'redtail-stream'; url: string; token: string }
    | { kind: 'frontail'; file: string },
  seconds: number,
  label: string,
  profiled = false,
): Promise<SoakFigures> {
  const shipper = forkClient(group, 'soak-shipper', clientPath('shipper'));
  try {
    await shipper.request('configure', { ...target, ...SHIPPER }, 10_000);
    return await soak(page, shipper, seconds, label, profiled);
  } finally {
    await shipper.stop();
  }
}

async function soak(
  page: Page,
  shipper: ReturnType<typeof forkClient>,
  seconds: number,
  label: string,
  profiled = false,
): Promise<SoakFigures> {
  const cdp = await page.context().newCDPSession(page);
  await page.waitForTimeout(1000);
  await page.evaluate(() => {
    const probe = (window as unknown as { __soak: SoakProbe }).__soak;
    probe.started = performance.now();
    probe.longTasks = [];
    probe.frames = 0;
    probe.gaps = 0;
  });
  const heap: number[] = [];
  const sampleHeap = async () => {
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    heap.push(usage.usedSize);
  };
  const timer = setInterval(() => void sampleHeap().catch(() => undefined), 1000);
  shipper.onProgress = (counters) => progress(`${label}: ${counters['accepted']} lines sent`);
  const stolen = startStealCount();
  const profile = profiled ? await SoakProfile.start(cdp) : null;
  const taskTrace = !profiled && taskCpuRequested() ? await TaskCpuTrace.start(cdp) : null;
  const allocations =
    !profiled && soakAllocationsRequested() ? await SoakAllocations.start(cdp) : null;
  let shipped: ShipResult;
  try {
    shipped = await shipper.request<ShipResult>(
      'ship',
      { run: 'soak', rate: RATE, seconds, drainMs: 5000 },
      (seconds + 30) * 1000,
    );
  } finally {
    clearInterval(timer);
  }
  const stealShare = stolen();
  if (profile) for (const line of await profile.stop('dashboard')) announce(line);
  if (taskTrace) for (const line of await taskTrace.stop()) announce(`${label}: ${line}`);
  if (allocations) {
    for (const line of await allocations.stop(seconds)) announce(`${label}: ${line}`);
  }
  await sampleHeap();
  const probe = await page.evaluate(() => {
    const state = (window as unknown as { __soak: SoakProbe }).__soak;
    return { ...state, elapsed: performance.now() - state.started };
  });
  const afterFirstSecond = probe.longTasks.filter(([start]) => start > probe.started + 1000);
  return {
    longTasksAfterFirstSecond: afterFirstSecond.length,
    longestTask: Math.max(0, ...probe.longTasks.map(([, duration]) => duration)),
    framesPerSecond: probe.frames / (probe.elapsed / 1000),
    frameGapsOver50ms: probe.gaps,
    heapMax: Math.max(...heap) / MiB,
    heapEnd: heap[heap.length - 1] / MiB,
    stolenCpu: stealShare === undefined ? NaN : stealShare * 100,
    sent: shipped.accepted,
    shownInTab: NaN,
    shownInPinnedPane: NaN,
  };
}

function verdicts(ours: SoakFigures | undefined, seconds: number): TargetVerdict[] {
  if (!ours) {
    return [
      { target: 'Dashboard soak', met: null, detail: 'not measured in this run (see notes)' },
    ];
  }
  if (ours.sent < RATE * seconds * 0.9 || !(ours.shownInTab > 0)) {
    return [
      {
        target: 'Dashboard soak',
        met: null,
        detail: `the load did not reach the page (${ours.sent} lines accepted, ${ours.shownInTab} shown)`,
      },
    ];
  }
  return [
    {
      target: 'No long task > 50 ms after the first second',
      met: ours.longTasksAfterFirstSecond === 0,
      detail: `${ours.longTasksAfterFirstSecond} long task${ours.longTasksAfterFirstSecond === 1 ? '' : 's'}, longest ${ours.longestTask.toFixed(0)} ms`,
    },
    {
      target: `At least ${MIN_FPS} frames per second`,
      met: ours.framesPerSecond >= MIN_FPS,
      detail: `${ours.framesPerSecond.toFixed(1)} fps, ${ours.frameGapsOver50ms} gaps over 50 ms`,
    },
    {
      target: `JS heap < ${HEAP_LIMIT_MiB} MB`,
      met: ours.heapMax < HEAP_LIMIT_MiB,
      detail: `max ${ours.heapMax.toFixed(0)} MiB, end ${ours.heapEnd.toFixed(0)} MiB`,
    },
  ];
}
