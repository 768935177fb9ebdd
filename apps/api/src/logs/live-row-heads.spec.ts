import { LiveRowHeads, MAX_REMEMBERED_SERVICES } from './live-row-heads';

describe('LiveRowHeads', () => {
  it('gives the level and the service as a live row carries them, escaped as JSON', () => {
    const heads = new LiveRowHeads();
    expect(heads.of(2, 'checkout')).toBe(',2,"checkout",');
    expect(heads.of(4, 'pay"ments\\é')).toBe(`,4,${JSON.stringify('pay"ments\\é')},`);
  });

  it('makes each head once and gives the same text again', () => {
    const heads = new LiveRowHeads();
    const first = heads.of(3, 'auth');
    expect(heads.of(3, 'auth')).toBe(first);
    expect(heads.of(1, 'auth')).toBe(',1,"auth",');
    expect(heads.size).toBe(1);
  });

  it('does not remember levels outside the known ones', () => {
    const heads = new LiveRowHeads();
    expect(heads.of(-1, 'x')).toBe(',-1,"x",');
    expect(heads.size).toBe(0);
  });

  it('remembers a bounded number of services, starting over when full', () => {
    const heads = new LiveRowHeads();
    for (let i = 0; i < MAX_REMEMBERED_SERVICES; i++) heads.of(2, `service-${i}`);
    expect(heads.size).toBe(MAX_REMEMBERED_SERVICES);
    expect(heads.of(2, 'one more')).toBe(',2,"one more",');
    expect(heads.size).toBe(1);
  });

  it('forgets every service name it held', () => {
    const heads = new LiveRowHeads();
    heads.of(2, 'jane.doe@example.com');
    heads.forget();
    expect(heads.size).toBe(0);
  });
});
