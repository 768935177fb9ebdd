import {
  IngestDoor,
  INGEST_DOORS,
  LOG_LEVELS,
  LogLevel,
  MetricsSnapshot,
} from '@redtail/contracts';
import { HISTORY_SECONDS, topServices } from '../logs/metrics.service';

/** What one round trip to Redis returns for a snapshot. */
export interface SharedFigures {
  counters: Record<string, string>;
  services: Record<string, string>;
  /** Oldest first, one per second, the current second last. */
  history: number[];
  storedEntries: number;
  storedBytes: number;
  nodes: number;
  viewers: number;
}

export interface NodeFigures {
  nodeId: string;
  epoch: number;
  lockdown: boolean;
  panicCount: number;
  lastPanicAt: string | null;
  persistentRedis: boolean;
  nodeReceived: number;
  nodeViewers: number;
  uptimeSeconds: number;
}

/** The cluster totals as a `MetricsSnapshot`, with this node's own figures under `cluster`. */
export function clusterSnapshot(shared: SharedFigures, node: NodeFigures): MetricsSnapshot {
  const counter = (field: string) => Number(shared.counters[field] ?? 0);
  const perLevel = Object.fromEntries(
    LOG_LEVELS.map((level) => [level, counter(`level:${level}`)]),
  ) as Record<LogLevel, number>;
  const maskedPerType: Record<string, number> = {};
  for (const [field, value] of Object.entries(shared.counters)) {
    if (field.startsWith('mask:')) maskedPerType[field.slice(5)] = Number(value);
  }
  const perDoor: Partial<Record<IngestDoor, number>> = {};
  for (const door of INGEST_DOORS) {
    if (shared.counters[`door:${door}`] !== undefined) perDoor[door] = counter(`door:${door}`);
  }
  const totalReceived = counter('total');
  const lastLogAt = shared.counters['lastLogAt'];
  // The current second is still filling: report whole seconds, as a single node does.
  const history = shared.history.slice(-HISTORY_SECONDS - 1, -1);
  return {
    totalReceived,
    lastLogAt: lastLogAt ? new Date(Number(lastLogAt)).toISOString() : null,
    perLevel,
    perDoor,
    perService: topServices(
      Object.entries(shared.services).map(([name, count]) => [name, Number(count)] as const),
    ),
    maskedPerType,
    rate: {
      lastSecond: history[history.length - 1] ?? 0,
      lastMinute: history.reduce((sum, value) => sum + value, 0) / HISTORY_SECONDS,
      history,
    },
    rejected: counter('rejected'),
    // Everything accepted this epoch went into the stream, so what is gone was trimmed.
    evicted: Math.max(0, totalReceived - shared.storedEntries),
    truncated: counter('truncated'),
    storedEntries: shared.storedEntries,
    storedBytes: shared.storedBytes,
    viewers: shared.viewers,
    panicCount: node.panicCount,
    lastPanicAt: node.lastPanicAt,
    epoch: node.epoch,
    lockdown: node.lockdown,
    uptimeSeconds: node.uptimeSeconds,
    cluster: {
      nodeId: node.nodeId,
      nodes: shared.nodes,
      persistentRedis: node.persistentRedis,
      nodeReceived: node.nodeReceived,
      nodeViewers: node.nodeViewers,
    },
  };
}

export const RATE_WINDOW = HISTORY_SECONDS + 1;
