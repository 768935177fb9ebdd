import type { BlockEntry } from '../ports/log-store';

/** Where to find one entry: the sealed block it lives in and its byte range in the block's plaintext. */
export interface EntryLocation {
  blockOffset: number;
  offset: number;
  length: number;
}

export interface SealedArenaOptions {
  maxEntries: number;
  maxBytes: number;
}

/** A block larger than the whole arena cannot be stored. */
export class BlockTooLargeError extends Error {
  constructor() {
    super('Block is larger than the store');
    this.name = 'BlockTooLargeError';
  }
}

const BLOCK_HEADER_BYTES = 4;

/**
 * Where a single node's entries live. Sealed blocks sit back to back
 * in one byte arena used as a ring; per-entry metadata lives in parallel typed
 * arrays used as a second ring. No per-entry objects or Buffers are kept, so
 * a stored entry costs its ciphertext plus ~41 bytes, and the GC has nothing to
 * walk.
 *
 * The arena is reserved at `maxBytes` on first use; the OS commits its pages
 * only as they are written, so RSS follows what is actually stored.
 *
 * Eviction is oldest first, by entry count and by arena space. When a block does
 * not fit before the end of the arena it wraps to the start; the few bytes left
 * at the end are skipped, and the (oldest) entries there are evicted with them.
 * When the entry cap, not the arena, is what evicts, writing wraps to the start
 * as soon as the freed space there is at least as large as what is still live:
 * the arena in use stays about twice the live ciphertext instead of sweeping all
 * of `maxBytes` (which the OS would then keep committed), and evicted ciphertext
 * is overwritten soon rather than one full sweep later.
 */
export class SealedArena {
  readonly maxEntries: number;
  readonly maxBytes: number;

  private arena: Buffer | undefined;
  private highWater = 0;
  private writePos = 0;
  private start = 0;
  private count = 0;
  private liveBytes = 0;
  private evictedTotal = 0;

  private readonly seqs: Float64Array;
  private readonly timestamps: Float64Array;
  private readonly receivedAts: Float64Array;
  private readonly levels: Uint8Array;
  private readonly serviceIds: Uint32Array;
  private readonly blockOffsets: Uint32Array;
  private readonly entryOffsets: Uint32Array;
  private readonly entryLengths: Uint32Array;

  private readonly services = new ServiceTable();

  constructor(options: SealedArenaOptions) {
    this.maxEntries = options.maxEntries;
    this.maxBytes = options.maxBytes;
    const n = options.maxEntries;
    this.seqs = new Float64Array(n);
    this.timestamps = new Float64Array(n);
    this.receivedAts = new Float64Array(n);
    this.levels = new Uint8Array(n);
    this.serviceIds = new Uint32Array(n);
    this.blockOffsets = new Uint32Array(n);
    this.entryOffsets = new Uint32Array(n);
    this.entryLengths = new Uint32Array(n);
  }

  get size(): number {
    return this.count;
  }

  /** Arena bytes held by blocks that still have a live entry. */
  get bytes(): number {
    return this.liveBytes;
  }

  /** Entries evicted since the last `clear()`. */
  get evicted(): number {
    return this.evictedTotal;
  }

  /** Arena bytes written at least once since the last `clear()`: what the OS has committed. */
  get touchedBytes(): number {
    return this.highWater;
  }

  /** Largest sealed block `append` accepts. */
  get maxBlockBytes(): number {
    return this.maxBytes - BLOCK_HEADER_BYTES;
  }

  /**
   * Stores one sealed block holding `entries` (ascending seq); evicts the
   * oldest entries as needed and returns how many were evicted.
   */
  append(sealed: Buffer, entries: BlockEntry[]): number {
    const need = BLOCK_HEADER_BYTES + sealed.length;
    if (need > this.maxBytes || entries.length > this.maxEntries) throw new BlockTooLargeError();
    const arena = this.ensureArena();
    const evictedBefore = this.evictedTotal;

    let at = this.writePos;
    if (at + need > this.maxBytes || this.freedPrefixOutgrowsLive(need)) {
      while (this.count > 0 && this.blockOffsets[this.start] >= this.writePos) this.evictOldest();
      at = 0;
    }
    while (
      this.count > 0 &&
      this.blockOffsets[this.start] >= at &&
      this.blockOffsets[this.start] < at + need
    ) {
      this.evictOldest();
    }
    while (this.count + entries.length > this.maxEntries) this.evictOldest();

    arena.writeUInt32BE(sealed.length, at);
    sealed.copy(arena, at + BLOCK_HEADER_BYTES);
    this.writePos = at + need;
    this.highWater = Math.max(this.highWater, this.writePos);
    this.liveBytes += need;

    for (const entry of entries) {
      const slot = (this.start + this.count) % this.maxEntries;
      this.seqs[slot] = entry.seq;
      this.timestamps[slot] = entry.timestamp;
      this.receivedAts[slot] = entry.receivedAt;
      this.levels[slot] = entry.level;
      this.serviceIds[slot] = this.services.acquire(entry.service);
      this.blockOffsets[slot] = at;
      this.entryOffsets[slot] = entry.offset;
      this.entryLengths[slot] = entry.length;
      this.count += 1;
    }
    return this.evictedTotal - evictedBefore;
  }

  /** Logical index (0 = oldest) of the first entry whose seq is ≥ `seq`; `size` when none. */
  lowerBound(seq: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqAt(mid) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Logical index of `seq`, or -1 when it is not stored. */
  indexOf(seq: number): number {
    const index = this.lowerBound(seq);
    return index < this.count && this.seqAt(index) === seq ? index : -1;
  }

  seqAt(index: number): number {
    return this.seqs[this.slot(index)];
  }

  levelAt(index: number): number {
    return this.levels[this.slot(index)];
  }

  timestampAt(index: number): number {
    return this.timestamps[this.slot(index)];
  }

  receivedAtAt(index: number): number {
    return this.receivedAts[this.slot(index)];
  }

  serviceAt(index: number): string {
    return this.services.name(this.serviceIds[this.slot(index)]);
  }

  /** Id for comparing services without strings; -1 when no stored entry has it. */
  serviceIdOf(name: string): number {
    return this.services.idOf(name);
  }

  serviceIdAt(index: number): number {
    return this.serviceIds[this.slot(index)];
  }

  blockOffsetAt(index: number): number {
    return this.blockOffsets[this.slot(index)];
  }

  entryOffsetAt(index: number): number {
    return this.entryOffsets[this.slot(index)];
  }

  entryLengthAt(index: number): number {
    return this.entryLengths[this.slot(index)];
  }

  locationAt(index: number): EntryLocation {
    const slot = this.slot(index);
    return {
      blockOffset: this.blockOffsets[slot],
      offset: this.entryOffsets[slot],
      length: this.entryLengths[slot],
    };
  }

  /** The sealed block at `blockOffset`, as a view into the arena (not a copy). */
  blockAt(blockOffset: number): Buffer {
    const arena = this.ensureArena();
    const length = arena.readUInt32BE(blockOffset);
    const from = blockOffset + BLOCK_HEADER_BYTES;
    return arena.subarray(from, from + length);
  }

  /** Drops everything and overwrites the used arena with zeros; returns how many entries were dropped. */
  clear(): number {
    const cleared = this.count;
    this.arena?.fill(0, 0, this.highWater);
    this.highWater = 0;
    this.writePos = 0;
    this.start = 0;
    this.count = 0;
    this.liveBytes = 0;
    this.evictedTotal = 0;
    this.services.clear();
    return cleared;
  }

  /**
   * True when every live block lies in this lap (the oldest starts before the write
   * position), the space freed before the oldest fits the block, and that space is at
   * least as large as the live span: wrapping now reuses it instead of touching new pages.
   */
  private freedPrefixOutgrowsLive(need: number): boolean {
    if (this.count === 0) return this.writePos > 0;
    const oldest = this.blockOffsets[this.start];
    return oldest < this.writePos && oldest >= need && oldest >= this.writePos - oldest;
  }

  private evictOldest(): void {
    const slot = this.start;
    const blockOffset = this.blockOffsets[slot];
    const lastOfBlock = this.count === 1 || this.blockOffsets[this.slot(1)] !== blockOffset;
    if (lastOfBlock) {
      this.liveBytes -= BLOCK_HEADER_BYTES + this.ensureArena().readUInt32BE(blockOffset);
    }
    this.services.release(this.serviceIds[slot]);
    this.start = (this.start + 1) % this.maxEntries;
    this.count -= 1;
    this.evictedTotal += 1;
  }

  private slot(index: number): number {
    return (this.start + index) % this.maxEntries;
  }

  private ensureArena(): Buffer {
    // allocUnsafeSlow: a dedicated allocation (never the shared pool) whose untouched pages stay uncommitted.
    this.arena ??= Buffer.allocUnsafeSlow(this.maxBytes);
    return this.arena;
  }
}

/** Interned service names, reference-counted so the table never outgrows what is stored. */
class ServiceTable {
  private readonly ids = new Map<string, number>();
  private names: string[] = [];
  private refs: number[] = [];
  private free: number[] = [];

  acquire(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.free.pop() ?? this.names.length;
      this.ids.set(name, id);
      this.names[id] = name;
      this.refs[id] = 0;
    }
    this.refs[id] += 1;
    return id;
  }

  release(id: number): void {
    this.refs[id] -= 1;
    if (this.refs[id] === 0) {
      this.ids.delete(this.names[id]);
      this.names[id] = '';
      this.free.push(id);
    }
  }

  name(id: number): string {
    return this.names[id];
  }

  idOf(name: string): number {
    return this.ids.get(name) ?? -1;
  }

  clear(): void {
    this.ids.clear();
    this.names = [];
    this.refs = [];
    this.free = [];
  }
}
