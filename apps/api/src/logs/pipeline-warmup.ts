import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { toLiveRow } from '@redtail/contracts';
import { createMasker } from '@redtail/masking';

import { Env } from '../app/env';
import type { BroadcastSink, LiveDelivery } from './broadcast-sink';
import { LogService } from './log.service';
import { ArenaLogStore } from './memory/arena-log.store';
import { LocalSealer } from './memory/local-sealer';
import { SealedArena } from './memory/sealed-arena';
import { MetricsService } from './metrics.service';
import { NoFanOut } from './ports/node-fan-out';
import { scanLimitsOf, ScanScheduler } from './scan-scheduler';
import { madeUpBatch, MADE_UP_BATCH } from './made-up-traffic';
import { rawLiveBlock, TextOnlyEncoder } from './text-only.parser';

/** The warm-up stops after this long even if it has not run every entry (slow or busy machine). */
const BUDGET_MS = 1_500;

/**
 * Runs synthetic traffic through a throwaway copy of the pipeline before the server listens, so
 * the first real seconds under load run optimised code. On a fresh process every function on the
 * ingest path starts in V8's interpreter; at 50 000 lines/s the server then falls behind for
 * its first second and the backlog takes seconds to drain (the cold-start stall in
 * docs/benchmarks.md). V8 keeps type feedback and optimised code per function, not per object, so
 * warming a second `LogService` built from the same classes warms the real one.
 *
 * Nothing here touches what users see: the copy has its own store, its own keys (zeroed after),
 * its own masker, metrics and sink; the data is made up and masked like any other.
 */
@Injectable()
export class PipelineWarmup implements OnApplicationBootstrap {
  private readonly logger = new Logger('Warm-up');

  constructor(private readonly env: Env) {}

  async onApplicationBootstrap(): Promise<void> {
    const entries = this.env.REDTAIL_WARMUP_ENTRIES;
    if (entries === 0) return;
    const started = performance.now();
    const ran = await warmUp(this.env, entries, BUDGET_MS);
    const ms = Math.round(performance.now() - started);
    this.logger.log(`ran ${ran} made-up entries through the pipeline in ${ms} ms`);
  }
}

/** Runs up to `entries` synthetic entries (in batches) through a throwaway pipeline; returns how many ran. */
export async function warmUp(
  env: Env,
  entries: number,
  budgetMs: number,
  sink: BroadcastSink = new EncodingSink(),
): Promise<number> {
  const sealer = new LocalSealer();
  const store = new ArenaLogStore(
    new SealedArena({ maxEntries: 10_000, maxBytes: 4 * 1024 * 1024 }),
  );
  const masker = createMasker({ mode: env.REDTAIL_MASK_MODE, pseudonymKey: sealer.pseudonymKey });
  const pipeline = new LogService(
    store,
    sealer,
    new MetricsService(),
    masker,
    new NoFanOut(),
    env,
    new ScanScheduler(scanLimitsOf(env)),
  );
  pipeline.attach(sink);
  const deadline = performance.now() + budgetMs;
  let ran = 0;
  try {
    for (let batch = 0; ran < entries && performance.now() < deadline; batch++) {
      const size = Math.min(MADE_UP_BATCH, entries - ran);
      await pipeline.ingestBatch(madeUpBatch(batch, size), { door: 'http' });
      ran += size;
    }
  } finally {
    pipeline.detach();
    sealer.onApplicationShutdown();
  }
  return ran;
}

/** Encodes what it is given as the gateway's broadcast does (rows, its own encoder), then drops it. */
class EncodingSink implements BroadcastSink {
  private readonly encoder = new TextOnlyEncoder();
  readonly listening = true;

  /** Both kinds of rows: a dashboard asks for them without context, other clients with. */
  deliver(delivery: LiveDelivery): void {
    for (const withContext of [true, false]) {
      const rows =
        delivery.rows?.(withContext) ??
        delivery.entries().map((entry) => JSON.stringify(toLiveRow(entry, withContext)));
      this.encoder.encode({ type: 2, nsp: '/logs', data: ['logs', rawLiveBlock(1, rows)] });
    }
  }

  panicked(): void {
    return undefined;
  }

  resumed(): void {
    return undefined;
  }
}
