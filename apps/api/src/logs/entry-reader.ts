import type { LogEntry } from '@redtail/contracts';
import { decodeEntry, toEntry } from './entry-codec';
import type { EntryRun } from './ports/log-store';
import type { Sealer } from './ports/sealer';

/** An entry's bytes did not belong where the store kept them: tampering, or a bug. */
export class MisplacedEntryError extends Error {
  constructor() {
    super('Stored entry does not match its position');
    this.name = 'MisplacedEntryError';
  }
}

/**
 * Opens stored entries for one request: each block is decrypted at most once, each entry's own
 * seq (sealed inside it) is checked against the position it was read from, and every plaintext is
 * zeroed by `wipe()`.
 */
export class EntryReader {
  private readonly blocks = new Map<number, Buffer>();

  constructor(
    private readonly sealer: Sealer,
    private readonly epoch: number,
  ) {}

  at(run: EntryRun, index: number): LogEntry {
    const blockId = run.blockIdAt(index);
    let plaintext = this.blocks.get(blockId);
    if (!plaintext) {
      const { sealed, bound } = run.blockAt(index);
      plaintext = this.sealer.open(sealed, bound).plaintext;
      this.blocks.set(blockId, plaintext);
    }
    const offset = run.offsetAt(index);
    const fields = decodeEntry(plaintext.toString('utf8', offset, offset + run.lengthAt(index)));
    const seq = run.seqAt(index);
    if (fields.seq !== seq) throw new MisplacedEntryError();
    return toEntry(
      this.epoch,
      {
        seq,
        level: run.levelAt(index),
        service: run.serviceAt(index),
        timestamp: run.timestampAt(index),
        receivedAt: run.receivedAtAt(index),
      },
      fields,
    );
  }

  wipe(): void {
    for (const plaintext of this.blocks.values()) plaintext.fill(0);
    this.blocks.clear();
  }
}
