import type { LogLevel } from './levels';
import type { IngestDoor, MaskCounts } from './logs';

export interface MetricsSnapshot {
  totalReceived: number;
  lastLogAt: string | null;
  perLevel: Record<LogLevel, number>;
  /** Entries accepted per way in (Redtail's own routes, OTLP, Loki, Elasticsearch, syslog, stream). */
  perDoor: Partial<Record<IngestDoor, number>>;
  /** Top services by count; the rest are summed under `(other)`. */
  perService: Record<string, number>;
  maskedPerType: MaskCounts;
  rate: {
    /** Entries accepted in the last whole second. */
    lastSecond: number;
    /** Mean entries per second over the last 60 s. */
    lastMinute: number;
    /** Per-second counts for the last 60 s, oldest first. */
    history: number[];
  };
  rejected: number;
  evicted: number;
  truncated: number;
  storedEntries: number;
  storedBytes: number;
  viewers: number;
  panicCount: number;
  lastPanicAt: string | null;
  epoch: number;
  lockdown: boolean;
  uptimeSeconds: number;
  /** Present in cluster mode: the figures above are cluster totals, these describe the node. */
  cluster?: ClusterInfo;
}

export interface ClusterInfo {
  /** The node that answered. */
  nodeId: string;
  /** Nodes that reported in the last few seconds. */
  nodes: number;
  /** True when Redis writes to disk and REDTAIL_ALLOW_PERSISTENT_REDIS accepted it. */
  persistentRedis: boolean;
  /** Entries this node accepted since start or the last panic. */
  nodeReceived: number;
  /** Dashboards connected to this node. */
  nodeViewers: number;
}
