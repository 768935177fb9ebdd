import type { BlockEntry } from '../ports/log-store';
import { BlockTooLargeError, SealedArena } from './sealed-arena';

function meta(seq: number, service = 'api'): BlockEntry {
  return {
    seq,
    level: 2,
    service,
    timestamp: seq * 1000,
    receivedAt: seq * 1000,
    offset: 0,
    length: 1,
  };
}

/** A sealed block stand-in: the store treats blocks as opaque bytes. */
function block(bytes: number, fill = 1): Buffer {
  return Buffer.alloc(bytes, fill);
}

function seqs(store: SealedArena): number[] {
  return Array.from({ length: store.size }, (_, index) => store.seqAt(index));
}

describe('SealedArena', () => {
  it('keeps entries in seq order and finds them by seq', () => {
    const store = new SealedArena({ maxEntries: 10, maxBytes: 64 * 1024 });
    store.append(block(10), [meta(1), meta(2)]);
    store.append(block(10), [meta(3)]);
    expect(seqs(store)).toEqual([1, 2, 3]);
    expect(store.indexOf(2)).toBe(1);
    expect(store.indexOf(9)).toBe(-1);
    expect(store.lowerBound(3)).toBe(2);
    expect(store.serviceAt(2)).toBe('api');
  });

  it('evicts the oldest entries beyond LOG_MAX_ENTRIES and counts them', () => {
    const store = new SealedArena({ maxEntries: 3, maxBytes: 64 * 1024 });
    for (let seq = 1; seq <= 5; seq += 1) store.append(block(10), [meta(seq)]);
    expect(seqs(store)).toEqual([3, 4, 5]);
    expect(store.evicted).toBe(2);
  });

  it('evicts the oldest blocks to stay within LOG_MAX_BYTES, wrapping around the arena', () => {
    const maxBytes = 64 * 1024;
    const store = new SealedArena({ maxEntries: 1000, maxBytes });
    const blockBytes = 10_000;
    for (let seq = 1; seq <= 20; seq += 1) {
      const evicted = store.append(block(blockBytes, seq), [meta(seq)]);
      expect(store.bytes).toBeLessThanOrEqual(maxBytes);
      if (seq <= 6) expect(evicted).toBe(0);
    }
    const kept = seqs(store);
    expect(kept[kept.length - 1]).toBe(20);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 20 - kept.length + 1 + i));
    expect(store.evicted).toBe(20 - kept.length);
    for (let index = 0; index < store.size; index += 1) {
      const { blockOffset } = store.locationAt(index);
      expect(store.blockAt(blockOffset).every((byte) => byte === store.seqAt(index))).toBe(true);
    }
  });

  it('reuses the start of the arena when the entry cap evicts, instead of sweeping all of it', () => {
    const store = new SealedArena({ maxEntries: 20, maxBytes: 1024 * 1024 });
    let seq = 0;
    for (let round = 0; round < 2000; round += 1) {
      const entries = [meta(++seq), meta(++seq)];
      store.append(block(100, seq % 251), entries);
    }
    // 20 live entries in 10 blocks of 104 bytes: the arena in use stays near twice that.
    expect(store.touchedBytes).toBeLessThanOrEqual(3 * 10 * 104);
    expect(seqs(store)).toEqual(Array.from({ length: 20 }, (_, i) => seq - 19 + i));
    for (let index = 0; index < store.size; index += 2) {
      const sealed = store.blockAt(store.locationAt(index).blockOffset);
      expect(sealed.equals(block(100, store.seqAt(index + 1) % 251))).toBe(true);
    }
    expect(store.bytes).toBe(10 * 104);
  });

  it('wraps early only once the freed space before the oldest block is as large as the live span', () => {
    const store = new SealedArena({ maxEntries: 1, maxBytes: 64 * 1024 });
    store.append(block(50), [meta(1)]);
    store.append(block(5000), [meta(2)]);
    store.append(block(50), [meta(3)]);
    // 54 bytes freed at the front, 5 004 live: keep writing forward.
    expect(store.locationAt(0).blockOffset).toBe(54 + 5004);
    store.append(block(50), [meta(4)]);
    // Now 5 058 bytes are free at the front and 54 live: start over at 0.
    expect(seqs(store)).toEqual([4]);
    expect(store.locationAt(0).blockOffset).toBe(0);
    expect(store.touchedBytes).toBe(54 + 5004 + 54);
  });

  it('counts a block’s bytes until its last entry is evicted', () => {
    const store = new SealedArena({ maxEntries: 3, maxBytes: 64 * 1024 });
    store.append(block(100), [meta(1), meta(2)]);
    store.append(block(50), [meta(3), meta(4)]);
    expect(seqs(store)).toEqual([2, 3, 4]);
    expect(store.bytes).toBe(104 + 54);
    store.append(block(10), [meta(5)]);
    expect(store.bytes).toBe(54 + 14);
  });

  it('forgets service names no stored entry uses', () => {
    const store = new SealedArena({ maxEntries: 1, maxBytes: 64 * 1024 });
    store.append(block(10), [meta(1, 'billing')]);
    store.append(block(10), [meta(2, 'auth')]);
    expect(store.serviceIdOf('billing')).toBe(-1);
    expect(store.serviceIdOf('auth')).toBeGreaterThanOrEqual(0);
  });

  it('refuses a block larger than the arena', () => {
    const store = new SealedArena({ maxEntries: 10, maxBytes: 64 * 1024 });
    expect(() => store.append(block(64 * 1024), [meta(1)])).toThrow(BlockTooLargeError);
  });

  it('zeroes the arena and drops everything on clear', () => {
    const store = new SealedArena({ maxEntries: 10, maxBytes: 64 * 1024 });
    store.append(block(100, 0xab), [meta(1)]);
    const { blockOffset } = store.locationAt(0);
    const view = store.blockAt(blockOffset);
    expect(store.clear()).toBe(1);
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
    expect(view.every((byte) => byte === 0)).toBe(true);
  });
});
