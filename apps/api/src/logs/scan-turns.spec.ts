import { ScanTurns } from './scan-turns';

describe('ScanTurns', () => {
  it('resumes waiting scans in the order they asked', async () => {
    const turns = new ScanTurns();
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => turns.next().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('resumes one scan per turn of the event loop, not every waiting scan in one turn', async () => {
    const turns = new ScanTurns();
    const order: string[] = [];
    const slices = ['first', 'second', 'third'].map((name) =>
      turns.next().then(() => {
        order.push(name);
        // Work queued during the first slice (as a request's callbacks would be) runs on the
        // next turn: before the third slice, which waits for a turn of its own.
        if (name === 'first') setImmediate(() => order.push('other work'));
      }),
    );
    await Promise.all(slices);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['first', 'second', 'other work', 'third']);
  });

  it('is busy while scans wait, and idle once every one has had its turn', async () => {
    const turns = new ScanTurns();
    const waiting = turns.next();
    expect(turns.busy).toBe(true);
    await waiting;
    await new Promise((resolve) => setImmediate(resolve));
    expect(turns.busy).toBe(false);
  });
});
