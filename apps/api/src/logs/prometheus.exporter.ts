import { Injectable } from '@nestjs/common';
import { LOG_LEVELS, MetricsSnapshot } from '@redtail/contracts';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { LogService } from './log.service';
import { Deployment } from './ports/deployment';

/**
 * `GET /metrics` in Prometheus text format. Labels are limited to levels and
 * mask types (closed, small sets); service names are sender-supplied strings,
 * so they stay out of labels and in `GET /logs/metrics` only.
 *
 * In cluster mode the unlabelled series are cluster totals (the same on every
 * node, so take one node's, never a sum), and `redtail_node_*{node}` series
 * describe the node that was scraped.
 */
@Injectable()
export class PrometheusExporter {
  private readonly registry = new Registry();
  private snapshot: MetricsSnapshot | undefined;

  constructor(
    private readonly logs: LogService,
    deployment: Deployment,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'redtail_' });
    const take = (): MetricsSnapshot => {
      if (!this.snapshot) throw new Error('Metrics are read only inside render()');
      return this.snapshot;
    };
    this.counter(
      'redtail_logs_received_total',
      'Entries accepted since start or the last panic',
      () => take().totalReceived,
    );
    new Counter({
      name: 'redtail_logs_received_by_door_total',
      help: 'Entries accepted per way in (http, otlp, loki, elasticsearch, syslog, stream)',
      labelNames: ['door'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [door, count] of Object.entries(take().perDoor)) this.inc({ door }, count ?? 0);
      },
    });
    this.counter(
      'redtail_logs_rejected_total',
      'Entries rejected as invalid',
      () => take().rejected,
    );
    this.counter(
      'redtail_logs_evicted_total',
      'Entries evicted to stay within limits',
      () => take().evicted,
    );
    this.counter(
      'redtail_logs_truncated_total',
      'Messages cut at LOG_MAX_MESSAGE',
      () => take().truncated,
    );
    this.counter('redtail_panics_total', 'Panics since start', () => take().panicCount);
    this.gauge('redtail_store_entries', 'Entries held in memory', () => take().storedEntries);
    this.gauge('redtail_store_bytes', 'Sealed bytes held in memory', () => take().storedBytes);
    this.gauge('redtail_viewers', 'Connected dashboards', () => take().viewers);
    this.gauge('redtail_key_epoch', 'Current key epoch', () => take().epoch);
    this.gauge('redtail_lockdown', '1 while ingestion is locked down', () =>
      take().lockdown ? 1 : 0,
    );
    this.gauge(
      'redtail_ingest_rate',
      'Entries accepted in the last whole second',
      () => take().rate.lastSecond,
    );

    new Counter({
      name: 'redtail_logs_by_level_total',
      help: 'Entries accepted per level',
      labelNames: ['level'],
      registers: [this.registry],
      collect() {
        this.reset();
        const perLevel = take().perLevel;
        for (const level of LOG_LEVELS) this.inc({ level }, perLevel[level]);
      },
    });
    new Counter({
      name: 'redtail_masked_total',
      help: 'Values masked per detector type',
      labelNames: ['type'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [type, count] of Object.entries(take().maskedPerType)) {
          this.inc({ type }, count ?? 0);
        }
      },
    });
    if (deployment.clustered) this.nodeSeries(take);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** One snapshot per scrape, so every series describes the same instant. */
  async render(): Promise<string> {
    this.snapshot = await this.logs.metricsSnapshot();
    try {
      return await this.registry.metrics();
    } finally {
      this.snapshot = undefined;
    }
  }

  private nodeSeries(take: () => MetricsSnapshot): void {
    this.gauge(
      'redtail_cluster_nodes',
      'Nodes that reported in the last 5 s',
      () => take().cluster?.nodes ?? 0,
    );
    this.gauge(
      'redtail_redis_persistent',
      '1 when Redis writes to disk (allowed by setting)',
      () => (take().cluster?.persistentRedis ? 1 : 0),
    );
    const labelled = (name: string, help: string, read: (snapshot: MetricsSnapshot) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['node'],
        registers: [this.registry],
        collect() {
          this.reset();
          const snapshot = take();
          if (snapshot.cluster) this.set({ node: snapshot.cluster.nodeId }, read(snapshot));
        },
      });
    labelled(
      'redtail_node_logs_received_total',
      'Entries this node accepted since start or the last panic',
      (snapshot) => snapshot.cluster?.nodeReceived ?? 0,
    );
    labelled(
      'redtail_node_viewers',
      'Dashboards connected to this node',
      (snapshot) => snapshot.cluster?.nodeViewers ?? 0,
    );
  }

  private counter(name: string, help: string, read: () => number): void {
    new Counter({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  }

  private gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }
}
