import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@redtail/testing';

const ROOT = join(__dirname, '../../../..');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The server from its TypeScript source in a process of its own (through @swc-node/register,
 * so no build is needed), for what only a process shows: exit codes, signals, start-up
 * output. Settings that could leak in from the developer's shell are cleared first.
 */
export class ServerProcess {
  readonly url: string;
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;
  private stdoutText = '';
  private stderrText = '';
  private readonly listeners = new Set<() => void>();

  private constructor(port: number, env: Record<string, string>, options: StartOptions) {
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(
      process.execPath,
      [
        ...(options.nodeArgs ?? []),
        '-r',
        require.resolve('@swc-node/register'),
        join(ROOT, 'apps/api/src/main.ts'),
      ],
      {
        cwd: options.cwd ?? ROOT,
        env: { ...inheritedEnv(), PORT: String(port), HOST: '127.0.0.1', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout?.on('data', (chunk: Buffer) => this.append('stdout', chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => this.append('stderr', chunk));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        resolve({ code, signal });
        for (const listener of this.listeners) listener();
      }),
    );
  }

  static async start(
    env: Record<string, string> = {},
    options: StartOptions = {},
  ): Promise<ServerProcess> {
    return new ServerProcess(options.port ?? (await freePort()), env, options);
  }

  get stdout(): string {
    return this.stdoutText;
  }

  get stderr(): string {
    return this.stderrText;
  }

  get output(): string {
    return this.stdoutText + this.stderrText;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the first match of `pattern` in the output; fails with the output so far. */
  waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(this.output);
        if (!match && this.running) return false;
        cleanup();
        if (match) resolve(match);
        else reject(new Error(`exited before ${pattern}; output:\n${this.output}`));
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${pattern} within ${timeoutMs} ms; output:\n${this.output}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = () => void check();
      if (!check()) this.listeners.add(listener);
    });
  }

  /** Waits until the server says it listens. */
  async ready(): Promise<this> {
    await this.waitFor(/Listening on /);
    return this;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** For cleanup after a failed test: the process must not outlive it. */
  async stop(): Promise<void> {
    if (this.running) this.child.kill('SIGKILL');
    await this.exited;
  }

  private append(stream: 'stdout' | 'stderr', chunk: Buffer): void {
    if (stream === 'stdout') this.stdoutText += chunk.toString();
    else this.stderrText += chunk.toString();
    for (const listener of this.listeners) listener();
  }
}

export interface StartOptions {
  port?: number;
  nodeArgs?: string[];
  cwd?: string;
}

function inheritedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SWC_NODE_PROJECT: join(ROOT, 'apps/api/tsconfig.app.json'),
  };
  for (const name of Object.keys(env)) {
    if (/^(REDTAIL_|LOG_|REDIS_URL$|PORT$|HOST$|NO_COLOR$|FORCE_COLOR$)/.test(name)) {
      delete env[name];
    }
  }
  return env;
}
