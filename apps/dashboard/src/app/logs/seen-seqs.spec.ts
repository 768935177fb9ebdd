import { REORDER_WINDOW, SeenSeqs } from './seen-seqs';

describe('SeenSeqs', () => {
  it('takes a late seq once and refuses it the second time', () => {
    const seen = new SeenSeqs();
    expect([5, 7, 6, 6, 5].map((seq) => seen.add(seq))).toEqual([true, true, true, false, false]);
    expect(seen.newest).toBe(7);
  });

  it('resumes after the unbroken run of seen seqs, not after the newest', () => {
    const seen = new SeenSeqs();
    for (const seq of [1, 2, 3, 5, 6]) seen.add(seq);
    expect(seen.resumeAfter()).toBe(3);
    seen.add(4);
    expect(seen.resumeAfter()).toBe(6);
  });

  it('resumes from the start of the reorder window when a filter leaves gaps', () => {
    const seen = new SeenSeqs();
    for (let seq = 1; seq <= 3 * REORDER_WINDOW; seq += 2) seen.add(seq);
    const newest = seen.newest;
    expect(seen.resumeAfter()).toBe(newest - REORDER_WINDOW);
  });

  it('treats seqs older than the window as seen and stays bounded', () => {
    const seen = new SeenSeqs();
    for (let seq = 1; seq <= 10 * REORDER_WINDOW; seq += 1) seen.add(seq);
    expect(seen.add(REORDER_WINDOW)).toBe(false);
    expect(seen.add(10 * REORDER_WINDOW - 1)).toBe(false);
    expect(seen.add(10 * REORDER_WINDOW + 1)).toBe(true);
  });

  it('forgets everything on reset', () => {
    const seen = new SeenSeqs();
    seen.add(9);
    seen.reset();
    expect(seen.newest).toBe(0);
    expect(seen.add(9)).toBe(true);
  });

  it('takes a seq whose slot an old seq held once the window has moved past it', () => {
    const seen = new SeenSeqs();
    seen.add(1);
    // 2 × the window later, seq 1's slot belongs to this seq.
    expect(seen.add(1 + 2 * REORDER_WINDOW)).toBe(true);
    expect(seen.add(2 * REORDER_WINDOW)).toBe(true);
    expect(seen.add(1 + 2 * REORDER_WINDOW)).toBe(false);
  });

  it('answers like a plain set of every seq taken, over random late, repeated and far seqs', () => {
    let state = 7;
    const random = (): number => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const seen = new SeenSeqs();
    const taken = new Set<number>();
    let highest = 0;
    let contiguous = 0;
    const model = {
      add(seq: number): boolean {
        if (seq <= Math.max(0, highest - REORDER_WINDOW) || taken.has(seq)) return false;
        if (highest === 0) contiguous = seq - 1;
        taken.add(seq);
        highest = Math.max(highest, seq);
        return true;
      },
      resumeAfter(): number {
        contiguous = Math.max(contiguous, highest - REORDER_WINDOW, 0);
        while (taken.has(contiguous + 1)) contiguous += 1;
        return contiguous;
      },
    };
    let next = 1;
    const mismatches: string[] = [];
    for (let step = 0; step < 100_000; step++) {
      const roll = random();
      let seq: number;
      if (roll < 0.7) seq = next++;
      else if (roll < 0.9) seq = Math.max(1, next - Math.floor(random() * 1.5 * REORDER_WINDOW));
      else if (roll < 0.995) seq = next + Math.floor(random() * 50);
      else seq = next += Math.floor(random() * 3 * REORDER_WINDOW);
      if (seen.add(seq) !== model.add(seq)) mismatches.push(`add(${seq}) at step ${step}`);
      if (step % 997 === 0 && seen.resumeAfter() !== model.resumeAfter()) {
        mismatches.push(`resumeAfter() at step ${step}`);
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(seen.newest).toBe(highest);
  });
});
