/**
 * Latency histogram with 0.1 ms buckets up to one minute. Buckets add up across
 * viewer processes, which percentiles do not, so every viewer ships its
 * histogram and the scenario merges them before reading p50/p95/p99.
 */
const RESOLUTION_MS = 0.1;
const BUCKETS = 600_000;

export class LatencyHistogram {
  readonly counts: Uint32Array;
  count = 0;
  max = 0;

  constructor(counts?: ArrayLike<number>) {
    this.counts = new Uint32Array(BUCKETS);
    if (counts) this.addCounts(counts);
  }

  record(latencyMs: number): void {
    const bucket = Math.min(BUCKETS - 1, Math.max(0, Math.floor(latencyMs / RESOLUTION_MS)));
    this.counts[bucket]++;
    this.count++;
    if (latencyMs > this.max) this.max = latencyMs;
  }

  merge(other: LatencyHistogram): void {
    this.addCounts(other.counts);
    if (other.max > this.max) this.max = other.max;
  }

  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.counts[bucket];
      if (seen >= rank) return (bucket + 1) * RESOLUTION_MS;
    }
    return this.max;
  }

  /** Sparse form for IPC: a full histogram is 2.4 MB, a real one a few hundred pairs. */
  toSparse(): SparseHistogram {
    const pairs: number[] = [];
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      if (this.counts[bucket] > 0) pairs.push(bucket, this.counts[bucket]);
    }
    return { pairs, max: this.max };
  }

  static fromSparse(sparse: SparseHistogram): LatencyHistogram {
    const histogram = new LatencyHistogram();
    for (let i = 0; i < sparse.pairs.length; i += 2) {
      histogram.counts[sparse.pairs[i]] += sparse.pairs[i + 1];
      histogram.count += sparse.pairs[i + 1];
    }
    histogram.max = sparse.max;
    return histogram;
  }

  private addCounts(counts: ArrayLike<number>): void {
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      this.counts[bucket] += counts[bucket];
      this.count += counts[bucket];
    }
  }
}

export interface SparseHistogram {
  pairs: number[];
  max: number;
}
