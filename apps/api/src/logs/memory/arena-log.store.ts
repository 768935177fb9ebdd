import type { EntryRun, LogStore, RunRequest, SealedBlock } from '../ports/log-store';

import { SealedArena } from './sealed-arena';

/**
 * A single node's store: the `SealedArena` plus the seq counter. Seqs are process-wide and keep
 * rising across panics, so a cursor from before a panic never points at a newer entry. The arena
 * only ever holds the current epoch (a panic clears it), so `epoch` needs no checking here.
 */
export class ArenaLogStore implements LogStore {
  private nextSeq = 1;

  constructor(private readonly arena: SealedArena) {}

  get maxBlockBytes(): number {
    return this.arena.maxBlockBytes;
  }

  get maxBlockEntries(): number {
    return this.arena.maxEntries;
  }

  /** The arena is this process's own memory: nothing beside the ciphertext needs binding. */
  bound(): undefined {
    return undefined;
  }

  /** Next seq `reserve` would hand out. */
  get upcomingSeq(): number {
    return this.nextSeq;
  }

  reserve(count: number): number {
    const first = this.nextSeq;
    this.nextSeq += count;
    return first;
  }

  append(block: SealedBlock): number {
    return this.arena.append(block.sealed, block.entries);
  }

  read(request: RunRequest): EntryRun {
    const { arena } = this;
    let low = request.after === undefined ? 0 : arena.lowerBound(request.after + 1);
    let high = request.before === undefined ? arena.size : arena.lowerBound(request.before);
    if (high - low > request.limit) {
      if (request.newest) low = high - request.limit;
      else high = low + request.limit;
    }
    return new ArenaRun(arena, low, Math.max(0, high - low));
  }

  oldestSeq(): number | undefined {
    return this.arena.size > 0 ? this.arena.seqAt(0) : undefined;
  }

  usage(): { entries: number; bytes: number } {
    return { entries: this.arena.size, bytes: this.arena.bytes };
  }

  clear(): number {
    return this.arena.clear();
  }
}

/**
 * A window onto the arena's typed arrays: no per-entry objects. Valid until the next append or
 * clear (eviction shifts positions), so readers use it within one synchronous step.
 */
class ArenaRun implements EntryRun {
  constructor(
    private readonly arena: SealedArena,
    private readonly from: number,
    readonly length: number,
  ) {}

  seqAt(index: number): number {
    return this.arena.seqAt(this.from + index);
  }

  levelAt(index: number): number {
    return this.arena.levelAt(this.from + index);
  }

  serviceAt(index: number): string {
    return this.arena.serviceAt(this.from + index);
  }

  timestampAt(index: number): number {
    return this.arena.timestampAt(this.from + index);
  }

  receivedAtAt(index: number): number {
    return this.arena.receivedAtAt(this.from + index);
  }

  blockIdAt(index: number): number {
    return this.arena.blockOffsetAt(this.from + index);
  }

  blockAt(index: number): { sealed: Buffer } {
    return { sealed: this.arena.blockAt(this.arena.blockOffsetAt(this.from + index)) };
  }

  offsetAt(index: number): number {
    return this.arena.entryOffsetAt(this.from + index);
  }

  lengthAt(index: number): number {
    return this.arena.entryLengthAt(this.from + index);
  }
}
