import type { EpochChange } from '../ports/sealer';
import { LocalSealer } from './local-sealer';

const plaintext = Buffer.from('[1,"masked"]');

describe('LocalSealer', () => {
  it('cannot open anything sealed before a rotation, and tells its listeners', () => {
    const sealer = new LocalSealer();
    const changes: EpochChange[] = [];
    sealer.listen({ epochChanged: (change) => changes.push(change), resumed: () => undefined });
    const sealed = sealer.seal(plaintext, 1, 1);
    const firstTag = sealer.state.tag;
    sealer.rotate({ lockdown: true, cleared: 4, nextSeq: 9 });
    expect(sealer.state).toMatchObject({ epoch: 2, startSeq: 9, lockdown: true, panicCount: 1 });
    expect(sealer.state.tag).not.toBe(firstTag);
    // A restarted server begins at epoch 1 again, under another tag.
    expect(new LocalSealer().state).toMatchObject({ epoch: 1 });
    expect(new LocalSealer().state.tag).not.toBe(firstTag);
    expect(changes).toEqual([
      expect.objectContaining({ epoch: 2, cleared: 4, lockdown: true, reason: 'panic' }),
    ]);
    expect(() => sealer.open(sealed)).toThrow('authentication');
  });

  it('overwrites the old pseudonym key with zeros and starts a new one', () => {
    const sealer = new LocalSealer();
    const old = sealer.pseudonymKey;
    sealer.rotate({ lockdown: false, cleared: 0, nextSeq: 1 });
    expect(old.every((byte) => byte === 0)).toBe(true);
    expect(sealer.pseudonymKey.some((byte) => byte !== 0)).toBe(true);
  });

  it('ends a lockdown on resume and tells its listeners', () => {
    const sealer = new LocalSealer();
    const resumed: string[] = [];
    sealer.listen({ epochChanged: () => undefined, resumed: (at) => resumed.push(at) });
    sealer.rotate({ lockdown: true, cleared: 0, nextSeq: 1 });
    sealer.resume();
    expect(sealer.state.lockdown).toBe(false);
    expect(resumed).toHaveLength(1);
  });
});
