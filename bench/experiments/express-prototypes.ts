/**
 * What Express's per-request `Object.setPrototypeOf` costs a server, and what
 * `ExpressServerAdapter` (libs/express-server) saves.
 *
 * A bare Express 5 app (one POST route that reads the body and answers JSON) runs in a child
 * process in three forms, alternated: Node's own HTTP server without Express (the floor), Express
 * as Nest's adapter serves it (requests get Express's prototypes per request), and Express on a
 * server whose requests are born with them (what Redtail runs). This process sends 20-line NDJSON
 * bodies over 8 keep-alive connections for a few seconds; the child reports its CPU time per
 * request and its garbage collections: minor ones, major ones, and the bytes the old generation
 * grew by between major collections (what the young generation promoted).
 *
 * Evidence behind the 2026-12-03 finding in docs/benchmarks.md; not a scenario of `npm run bench`.
 *
 *   npm run bench:express-prototypes
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import express from 'express';
import { requestBornAs, responseBornAs } from '@redtail/express-server';

type Form = 'node-http' | 'express-as-nest-serves-it' | 'express-born-with-prototypes';
const FORMS: Form[] = ['node-http', 'express-as-nest-serves-it', 'express-born-with-prototypes'];
const SECONDS = 5;
/** Requests before the measurement starts: V8 optimises the handlers first. */
const WARM_UP_REQUESTS = 2_000;
const CONNECTIONS = 8;
const BODY = Array.from({ length: 20 }, (_, index) =>
  JSON.stringify({ level: 'info', service: 'checkout', message: `order ${index} paid`.repeat(8) }),
).join('\n');

interface ServerFigures {
  requests: number;
  cpuMicrosPerRequest: number;
  minorGcs: number;
  majorGcs: number;
  /** Old-generation growth between major collections, per request. */
  promotedBytesPerRequest: number;
}

// ---- the child: one server in one form ----------------------------------------------------

function serve(form: Form): void {
  const answer = (body: string) => ({ accepted: body.split('\n').length });
  const server: Server =
    form === 'node-http'
      ? createServer((req, res) => {
          let body = '';
          req.setEncoding('utf8');
          req.on('data', (chunk: string) => (body += chunk));
          req.on('end', () => {
            res.writeHead(201, { 'content-type': 'application/json' });
            res.end(JSON.stringify(answer(body)));
          });
        })
      : expressServer(form === 'express-born-with-prototypes', answer);
  let counting = false;
  let requests = 0;
  let cpuStart = process.cpuUsage();
  let minorGcs = 0;
  let majorGcs = 0;
  let promoted = 0;
  let oldBefore = oldGenerationBytes();
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
      if (!counting) continue;
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minorGcs++;
      else if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++;
    }
  }).observe({ entryTypes: ['gc'] });
  server.on('request', () => {
    if (counting) requests++;
  });
  // Old-generation growth is read every 10 ms; a major collection shows as a fall, which is
  // where the count restarts.
  setInterval(() => {
    const old = oldGenerationBytes();
    if (counting && old > oldBefore) promoted += old - oldBefore;
    oldBefore = old;
  }, 10).unref();
  process.on('message', (message: string) => {
    if (message === 'start') {
      counting = true;
      requests = minorGcs = majorGcs = promoted = 0;
      oldBefore = oldGenerationBytes();
      cpuStart = process.cpuUsage();
    } else if (message === 'report') {
      const cpu = process.cpuUsage(cpuStart);
      const figures: ServerFigures = {
        requests,
        cpuMicrosPerRequest: (cpu.user + cpu.system) / Math.max(requests, 1),
        minorGcs,
        majorGcs,
        promotedBytesPerRequest: promoted / Math.max(requests, 1),
      };
      process.send?.(figures);
      process.exit(0);
    }
  });
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
}

function expressServer(bornWithPrototypes: boolean, answer: (body: string) => object): Server {
  const app = express();
  app.use(express.text({ type: '*/*' }));
  app.post('/', (req, res) => {
    res.status(201).json(answer(String(req.body)));
  });
  return bornWithPrototypes
    ? createServer(
        {
          IncomingMessage: requestBornAs(app.request),
          ServerResponse: responseBornAs(app.response),
        },
        app,
      )
    : createServer(app);
}

function oldGenerationBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => space.space_name === 'old_space')
    .reduce((sum, space) => sum + space.space_used_size, 0);
}

// ---- the parent: load and report ----------------------------------------------------------

async function measure(form: Form): Promise<ServerFigures> {
  const child = fork(__filename, ['serve', form], { execArgv: process.execArgv });
  try {
    const port = await nextMessage<number>(child);
    const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    await load(port, agent, { requests: WARM_UP_REQUESTS });
    child.send('start');
    await load(port, agent, { seconds: SECONDS });
    child.send('report');
    const figures = await nextMessage<ServerFigures>(child);
    agent.destroy();
    return figures;
  } finally {
    child.kill();
  }
}

/** CONNECTIONS requests in flight at all times, for a count of requests or a duration. */
async function load(
  port: number,
  agent: Agent,
  until: { requests?: number; seconds?: number },
): Promise<void> {
  const deadline = Date.now() + (until.seconds ?? Infinity) * 1000;
  let sent = 0;
  const more = () => sent < (until.requests ?? Infinity) && Date.now() < deadline;
  const worker = async () => {
    while (more()) {
      sent++;
      await post(port, agent);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
}

function post(port: number, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', agent },
      (incoming) => {
        incoming.resume();
        incoming.on('end', resolve);
      },
    );
    outgoing.on('error', reject);
    outgoing.setHeader('content-type', 'application/x-ndjson');
    outgoing.end(BODY);
  });
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as T));
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

async function main(): Promise<void> {
  const rounds = Number(process.env['BENCH_REPEATS'] ?? 3);
  for (let round = 1; round <= rounds; round++) {
    for (const form of FORMS) {
      const figures = await measure(form);
      console.log(
        `round ${round}  ${form.padEnd(29)} ${String(figures.requests).padStart(6)} requests  ` +
          `${figures.cpuMicrosPerRequest.toFixed(0).padStart(4)} µs CPU each  ` +
          `${figures.minorGcs} minor / ${figures.majorGcs} major GCs  ` +
          `${figures.promotedBytesPerRequest.toFixed(0)} B promoted per request`,
      );
    }
  }
}

if (process.argv[2] === 'serve') serve(process.argv[3] as Form);
else void main();
