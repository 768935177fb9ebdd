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
});
