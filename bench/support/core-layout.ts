import { execFileSync } from 'node:child_process';
import { cpus, setPriority } from 'node:os';

/**
 * How the browser soak's processes share the machine's cores, two ways of asking what the page
 * would do if the viewer's browser did not share a 2-core machine with the server and the load.
 * `shared` (the record): the browser, the server and the shipper compete for every core.
 * `split` (`SOAK_CORES=split`): the browser alone on the last core, everything else on the others.
 * `browser-first` (`SOAK_CORES=browser-first`): every core shared, but the server and the shipper
 * at nice 10, so the scheduler runs the browser first whenever both are ready.
 */
export type CoreLayout = 'shared' | 'split' | 'browser-first';

const LAYOUTS: readonly CoreLayout[] = ['shared', 'split', 'browser-first'];
const BACKGROUND_NICENESS = 10;

/** The layout `SOAK_CORES` asks for; `split` only where there are cores to split. */
export function requestedCoreLayout(): CoreLayout {
  const requested = (process.env['SOAK_CORES'] ?? 'shared') as CoreLayout;
  if (!LAYOUTS.includes(requested)) {
    throw new Error(`SOAK_CORES must be one of ${LAYOUTS.join(', ')}, not ${requested}`);
  }
  if (requested === 'split' && !canSplitCores()) {
    throw new Error('SOAK_CORES=split needs Linux, taskset and at least 2 cores');
  }
  return requested;
}

// Every core of the machine: `availableParallelism` would count only those this process is
// pinned to at the time.
const CORES = cpus().length;

function canSplitCores(): boolean {
  if (process.platform !== 'linux' || CORES < 2) return false;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the browser as `layout` wants it and leaves this process so that the servers and
 * clients it starts afterwards are placed too. Linux children inherit the affinity and the
 * niceness of the thread that starts them, so for `split` this process (every thread of it) is
 * pinned to the browser's core while `start` launches the browser (whose renderers inherit it)
 * and to the other cores afterwards; for `browser-first` this thread turns nice after the launch.
 */
export async function onBrowserCore<T>(layout: CoreLayout, start: () => Promise<T>): Promise<T> {
  if (layout === 'shared') return start();
  if (layout === 'browser-first') {
    const started = await start();
    setPriority(BACKGROUND_NICENESS);
    return started;
  }
  const last = CORES - 1;
  pinThisProcess(String(last));
  try {
    return await start();
  } finally {
    pinThisProcess(last === 1 ? '0' : `0-${last - 1}`);
  }
}

/** Undoes `onBrowserCore`'s placing of this process once the soak is over. */
export function releaseCores(layout: CoreLayout): void {
  if (layout === 'split') pinThisProcess(`0-${CORES - 1}`);
  if (layout === 'browser-first') {
    try {
      setPriority(0);
    } catch {
      // Only root may lower a niceness again; the soak is over, so staying nice costs nothing.
    }
  }
}

function pinThisProcess(cpuList: string): void {
  pinProcess(process.pid, cpuList);
}

function pinProcess(pid: number, cpuList: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' });
}

/** The race's layouts (`RACE_CORES`): `shared` (the record), or `loop-apart`. */
export type RaceCoreLayout = 'shared' | 'loop-apart';

/**
 * `RACE_CORES=loop-apart` asks what the race would show if the server's event loop had a core of
 * its own, as on a production machine with cores to spare, where the shippers and the viewers
 * run elsewhere: each system's main server thread alone on the last core; its other threads
 * (V8's collector and compiler helpers, libuv's pool), its child processes (frontail's
 * `tail -F`), its shipper, its viewer and this process on the others. Both systems are placed the
 * same way.
 */
export function requestedRaceCoreLayout(): RaceCoreLayout {
  const requested = process.env['RACE_CORES'] ?? 'shared';
  if (requested !== 'shared' && requested !== 'loop-apart') {
    throw new Error(`RACE_CORES must be shared or loop-apart, not ${requested}`);
  }
  if (requested === 'loop-apart' && !canSplitCores()) {
    throw new Error('RACE_CORES=loop-apart needs Linux, taskset and at least 2 cores');
  }
  return requested;
}

/** Places a server's event loop apart from everything else, as `loop-apart` wants. */
export function placeLoopApart(serverPid: number, clientPids: readonly number[]): void {
  const last = CORES - 1;
  const others = last === 1 ? '0' : `0-${last - 1}`;
  for (const pid of [...processTree(serverPid), process.pid, ...clientPids]) {
    pinProcess(pid, others);
  }
  // Without -a: the thread whose id is the process's, its main thread, alone.
  execFileSync('taskset', ['-p', '-c', String(last), String(serverPid)], { stdio: 'ignore' });
}

function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    // pgrep exits 1 when there are none.
  }
  return [pid, ...children.flatMap(processTree)];
}
