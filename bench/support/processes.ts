import { fork, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from './progress';

/**
 * Every server, peer and client a scenario starts is registered here and
 * stopped by PID in the scenario's `finally`, also on Ctrl-C.
 */
export class ProcessGroup {
  private readonly children: ManagedProcess[] = [];
  private readonly cleanups: (() => void)[] = [];

  constructor() {
    const onSignal = () => {
      void this.stopAll().finally(() => process.exit(130));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  add<T extends ManagedProcess>(child: T): T {
    this.children.push(child);
    return child;
  }

  /** Runs after every process has stopped, e.g. to delete a peer's log file. */
  onStopped(cleanup: () => void): void {
    this.cleanups.push(cleanup);
  }

  async stopAll(): Promise<void> {
    const running = this.children.splice(0);
    await Promise.all(running.reverse().map((child) => child.stop()));
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }
}

export class ManagedProcess {
  private exited: Promise<void>;
  private stderrTail = '';
  private stopped = false;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    private readonly ownGroup = false,
  ) {
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} has no PID`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get recentStderr(): string {
    return this.stderrTail;
  }

  whenExited(): Promise<void> {
    return this.exited;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.running) process.kill(this.pid, signal);
  }

  /** SIGTERM, then SIGKILL after five seconds; a peer that spawns helpers (frontail's `tail -F`) loses its whole group. */
  async stop(): Promise<void> {
    // Once only: a second group kill could hit a recycled PID.
    if (this.child.pid === undefined || this.stopped) return;
    this.stopped = true;
    if (this.running) {
      // A stopped (SIGSTOPped) process would never handle SIGTERM.
      this.signal('SIGCONT');
      this.signal('SIGTERM');
      const done = await Promise.race([
        this.exited.then(() => true),
        sleep(5000).then(() => false),
      ]);
      if (!done) this.signal('SIGKILL');
      await Promise.race([this.exited, sleep(2000)]);
    }
    if (this.ownGroup) {
      try {
        process.kill(-this.pid, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    }
  }

  /** Resident set size from /proc, so it works for any process we started. */
  rssBytes(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : NaN;
  }
}

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Polled until it answers with any HTTP status. */
  readyUrl: string;
  ownGroup?: boolean;
  /** Adds an IPC channel, used by the memory probe preloaded into the server. */
  ipc?: boolean;
}

/**
 * `BENCH_SERVER_STDOUT=<dir>` keeps each server's standard output in `<dir>/<name>-<time>.log`,
 * for V8's own traces (`BENCH_SERVER_NODE_ARGS=--trace-gc-nvp` prints every collection with
 * what it copied and promoted); otherwise it is discarded.
 */
function serverStdout(name: string): 'ignore' | number {
  const directory = process.env['BENCH_SERVER_STDOUT'];
  if (!directory) return 'ignore';
  return openSync(join(directory, `${name}-${Date.now()}.log`), 'w');
}

export async function startServer(group: ProcessGroup, spec: ServerSpec): Promise<ManagedProcess> {
  const stdout = serverStdout(spec.name);
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env },
    stdio: spec.ipc ? ['ignore', stdout, 'pipe', 'ipc'] : ['ignore', stdout, 'pipe'],
    detached: spec.ownGroup ?? false,
  });
  if (typeof stdout === 'number') closeSync(stdout);
  const managed = group.add(new ManagedProcess(spec.name, child, spec.ownGroup));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!managed.running) {
      throw new Error(`${spec.name} exited during start-up:\n${managed.recentStderr}`);
    }
    try {
      await fetch(spec.readyUrl, { signal: AbortSignal.timeout(1000) });
      return managed;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`${spec.name} did not answer ${spec.readyUrl} within 60 s`);
}

/**
 * A load generator or viewer in its own Node process, driven over IPC with
 * request/response messages; `onProgress` receives its periodic counters.
 */
export class ClientProcess extends ManagedProcess {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  onProgress: (progress: Record<string, number>) => void = () => undefined;

  constructor(name: string, child: ChildProcess) {
    super(name, child);
    child.on('message', (message: ClientReply) => {
      if (message.type === 'progress') {
        this.onProgress(message.progress);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.type === 'error') waiter.reject(new Error(`${name}: ${message.error}`));
      else waiter.resolve(message.result);
    });
    child.once('exit', (code, signal) => {
      for (const waiter of this.pending.values()) {
        waiter.reject(new Error(`${name} exited (${signal ?? code}): ${this.recentStderr}`));
      }
      this.pending.clear();
    });
  }

  request<T>(command: string, payload: unknown, timeoutMs: number): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: '${command}' did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ id, command, payload });
    });
  }
}

export type ClientReply =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: string }
  | { type: 'progress'; progress: Record<string, number> };

export function forkClient(group: ProcessGroup, name: string, modulePath: string): ClientProcess {
  const child = fork(modulePath, [], {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  return group.add(new ClientProcess(name, child));
}
