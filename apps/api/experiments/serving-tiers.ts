/**
 * Does the serving warm-up leave the HTTP, stream-door and Socket.IO code optimised? Builds the
 * application in this process (as the tests do), runs the pipeline warm-up, then the serving
 * warm-up unless the argument is `pipeline-only`, and prints V8's optimisation state of functions
 * the pipeline warm-up never reaches: they run per request, per stream chunk or line, and per
 * socket write. V8-internal evidence behind the cold-start figures in docs/benchmarks.md, readable
 * on a busy machine where the latency figures are not; not a scenario of `npm run bench`.
 *
 *   npm run bench:serving-tiers               # pipeline warm-up, then the serving warm-up
 *   npm run bench:serving-tiers -- pipeline-only
 */
import { createRequire } from 'node:module';
import { createApp } from '../src/app/create-app';
import { CrossSiteGuard } from '../src/auth/cross-site.guard';
import { RateLimitGuard } from '../src/auth/rate-limit.guard';
import { RolesGuard } from '../src/auth/roles.guard';
import { ReadBodyInterceptor } from '../src/body/read-body.interceptor';
import { validateEnv } from '../src/app/env';
import { warmServing } from '../src/app/serving-warmup';
import { IngestStream } from '../src/ingest/stream/ingest-stream';
import { NdjsonSplitter } from '../src/ingest/stream/ndjson-splitter';
import { LogsController } from '../src/logs/logs.controller';
import { LogsGateway } from '../src/logs/logs.gateway';
import { TextOnlyEncoder } from '../src/logs/text-only.parser';
import { tierOf } from './v8-tier';

/** The copies of engine.io and ws that Nest's Socket.IO adapter loads, not any other. */
function serverLibraries() {
  const fromNest = createRequire(require.resolve('@nestjs/platform-socket.io'));
  const fromSocketIo = createRequire(fromNest.resolve('socket.io'));
  const fromEngine = createRequire(fromSocketIo.resolve('engine.io'));
  const engineSocket = fromSocketIo('engine.io').Socket;
  const sender = fromEngine('ws').Sender;
  const fromPlatform = createRequire(require.resolve('@nestjs/platform-express'));
  const fromExpress = createRequire(fromPlatform.resolve('express'));
  const layer = fromExpress('router/lib/layer.js') as { prototype: Record<string, unknown> };
  return { engineSocket, sender, layer };
}

async function main(): Promise<void> {
  const pipelineOnly = process.argv[2] === 'pipeline-only';
  process.env['REDTAIL_AUTH'] = 'off';
  const env = validateEnv(process.env);
  const app = await createApp({ logger: false });
  const started = performance.now();
  await app.init();
  const report = pipelineOnly ? undefined : await warmServing(app, env, 10_000);
  // Optimised code is compiled on a background thread; give it a moment to be installed.
  await new Promise((resolve) => setTimeout(resolve, 200));
  console.log(
    pipelineOnly
      ? 'pipeline warm-up only'
      : `pipeline warm-up, then ${report?.sent ?? 0} lines through the doors, ${report?.seen ?? 0} seen`,
    `(${Math.round(performance.now() - started)} ms)`,
  );
  const { engineSocket, sender, layer } = serverLibraries();
  const splitter = NdjsonSplitter.prototype as unknown as Record<string, unknown>;
  const stream = IngestStream.prototype as unknown as Record<string, unknown>;
  const functions: Record<string, unknown> = {
    // Per request, any door: Express's router, Nest's guards and the body interceptor.
    'express Layer.handleRequest': layer.prototype['handleRequest'],
    'CrossSiteGuard.canActivate': CrossSiteGuard.prototype.canActivate,
    'RolesGuard.canActivate': RolesGuard.prototype.canActivate,
    'RateLimitGuard.canActivate': RateLimitGuard.prototype.canActivate,
    'ReadBodyInterceptor.intercept': ReadBodyInterceptor.prototype.intercept,
    'LogsController.ingestBatch': LogsController.prototype.ingestBatch,
    // Per stream chunk or line, and per socket write.
    'NdjsonSplitter.push': splitter['push'],
    'NdjsonSplitter.take (per line)': splitter['take'],
    'IngestStream.read': stream['read'],
    'IngestStream.accept': stream['accept'],
    'IngestStream.advance': stream['advance'],
    'LogsGateway.deliver': LogsGateway.prototype.deliver,
    'TextOnlyEncoder.encode': TextOnlyEncoder.prototype.encode,
    'engine.io Socket.sendPacket': engineSocket.prototype.sendPacket,
    'ws Sender.frame': sender.frame,
  };
  for (const [name, fn] of Object.entries(functions)) {
    console.log(`${name.padEnd(32)} ${tierOf(fn)}`);
  }
  await app.close();
}

void main();
