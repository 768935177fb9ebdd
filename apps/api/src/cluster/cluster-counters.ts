import { Logger } from '@nestjs/common';
import type { IngestDoor, LogLevel, MetricsSnapshot } from '@redtail/contracts';
import type { MetricsService } from '../logs/metrics.service';
import type { AcceptedCounts, Counters, SnapshotContext } from '../logs/ports/counters';
import type { ClusterLink } from './cluster-link';
import { clusterSnapshot, RATE_WINDOW } from './cluster-metrics';
import { COUNT_SCRIPT, KEYS } from './cluster-scripts';

/**
 * The cluster's metrics: totals every node adds to in Redis (per epoch, so a panic starts them
 * over), and this node's own figures kept beside them by a `MetricsService`. Counting is sent
 * once per flush and not waited for: a count Redis misses is a metrics blip, never a lost log.
 */
export class ClusterCounters implements Counters {
  private readonly logger = new Logger('Cluster');
  private countFailed = false;

  constructor(
    private readonly link: ClusterLink,
    private readonly node: MetricsService,
  ) {}

  recordAccepted(counts: AcceptedCounts): void {
    this.node.recordAccepted(counts);
    const epoch = this.link.epoch;
    const fields: [string, number][] = [['total', counts.total]];
    for (const level in counts.perLevel) {
      fields.push([`level:${level}`, counts.perLevel[level as LogLevel] ?? 0]);
    }
    for (const door in counts.perDoor) {
      fields.push([`door:${door}`, counts.perDoor[door as IngestDoor] ?? 0]);
    }
    for (const type in counts.masked) fields.push([`mask:${type}`, counts.masked[type] ?? 0]);
    if (counts.truncated > 0) fields.push(['truncated', counts.truncated]);
    const args: string[] = [String(counts.at), String(counts.total), String(fields.length)];
    for (const [field, delta] of fields) args.push(field, String(delta));
    args.push(String(counts.perService.size));
    for (const [service, delta] of counts.perService) args.push(service, String(delta));
    const rateKey = KEYS.rate(epoch, Math.floor(counts.at / 1000));
    this.send((redis) =>
      redis.eval(COUNT_SCRIPT, 3, KEYS.metrics(epoch), KEYS.services(epoch), rateKey, ...args),
    );
  }

  recordRejected(count: number): void {
    this.node.recordRejected(count);
    const epoch = this.link.epoch;
    this.send((redis) => redis.hincrby(KEYS.metrics(epoch), 'rejected', count));
  }

  /** The cluster's evictions are what the totals hold beyond the store; this node keeps its own. */
  recordEvicted(count: number): void {
    this.node.recordEvicted(count);
  }

  setViewers(count: number): void {
    this.node.setViewers(count);
    this.link.setViewers(count);
  }

  reset(): void {
    this.node.reset();
  }

  async snapshot(context: SnapshotContext): Promise<MetricsSnapshot> {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    const epoch = context.epoch.epoch;
    const rateKeys = Array.from({ length: RATE_WINDOW }, (_, back) =>
      KEYS.rate(epoch, second - RATE_WINDOW + 1 + back),
    );
    const replies = await this.link.call((redis) =>
      redis
        .pipeline()
        .hgetall(KEYS.metrics(epoch))
        .hgetall(KEYS.services(epoch))
        .mget(...rateKeys)
        .exec(),
    );
    const [counters, services, rates] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [Record<string, string>, Record<string, string>, (string | null)[]];
    const { nodes, viewers } = await this.link.nodes();
    return clusterSnapshot(
      {
        counters,
        services,
        history: rates.map((value) => Number(value ?? 0)),
        storedEntries: context.storedEntries,
        storedBytes: context.storedBytes,
        nodes,
        viewers,
      },
      {
        nodeId: this.link.nodeId,
        epoch,
        lockdown: context.epoch.lockdown,
        panicCount: context.epoch.panicCount,
        lastPanicAt: context.epoch.lastPanicAt,
        persistentRedis: this.link.persistentRedis,
        nodeReceived: this.node.received,
        nodeViewers: this.node.viewerCount,
        uptimeSeconds: this.node.uptimeSeconds,
      },
    );
  }

  private send(command: Parameters<ClusterLink['call']>[0]): void {
    this.link.call(command).then(
      () => (this.countFailed = false),
      (error: unknown) => {
        // Said once per outage, not once per flush.
        if (!this.countFailed)
          this.logger.warn(`shared counters not updated: ${(error as Error).name}`);
        this.countFailed = true;
      },
    );
  }
}
