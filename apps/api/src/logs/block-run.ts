import type { BlockEntry, EntryRun, SealedBlock } from './ports/log-store';

/**
 * Entries picked from sealed blocks, as an `EntryRun`: what a store outside this process reads
 * back, and what arrives relayed from another node, are read like the arena's entries.
 */
export class PickedEntriesRun implements EntryRun {
  /** `picked[i]` is entry `index` of `block`; entries of one block share its first seq as id. */
  constructor(private readonly picked: readonly { block: SealedBlock; index: number }[]) {}

  /** Every entry of one block. */
  static of(block: SealedBlock): PickedEntriesRun {
    return new PickedEntriesRun(block.entries.map((_, index) => ({ block, index })));
  }

  get length(): number {
    return this.picked.length;
  }

  seqAt(index: number): number {
    return this.entry(index).seq;
  }

  levelAt(index: number): number {
    return this.entry(index).level;
  }

  serviceAt(index: number): string {
    return this.entry(index).service;
  }

  timestampAt(index: number): number {
    return this.entry(index).timestamp;
  }

  receivedAtAt(index: number): number {
    return this.entry(index).receivedAt;
  }

  blockIdAt(index: number): number {
    return this.picked[index].block.entries[0].seq;
  }

  blockAt(index: number): { sealed: Buffer; bound?: Buffer } {
    return this.picked[index].block;
  }

  offsetAt(index: number): number {
    return this.entry(index).offset;
  }

  lengthAt(index: number): number {
    return this.entry(index).length;
  }

  private entry(index: number): BlockEntry {
    const { block, index: at } = this.picked[index];
    return block.entries[at];
  }
}
