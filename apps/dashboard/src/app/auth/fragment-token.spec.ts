import { takeTokenFromFragment } from './fragment-token';

describe('takeTokenFromFragment', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('takes the token and removes it from the address', () => {
    window.history.replaceState(null, '', '/?level=warn#token=s3cret');
    expect(takeTokenFromFragment(window.location, window.history)).toBe('s3cret');
    expect(window.location.hash).toBe('');
    expect(window.location.search).toBe('?level=warn');
  });

  it('keeps other fragment parameters', () => {
    window.history.replaceState(null, '', '/#token=abc&view=x');
    expect(takeTokenFromFragment(window.location, window.history)).toBe('abc');
    expect(window.location.hash).toBe('#view=x');
  });

  it('returns null without a token', () => {
    window.history.replaceState(null, '', '/#other');
    expect(takeTokenFromFragment(window.location, window.history)).toBeNull();
    expect(window.location.hash).toBe('#other');
  });

  it('takes a key from #key= as well and removes both names', () => {
    window.history.replaceState(null, '', '/#key=k3y&token=other');
    expect(takeTokenFromFragment(window.location, window.history)).toBe('other');
    expect(window.location.hash).toBe('');
    window.history.replaceState(null, '', '/#key=k3y');
    expect(takeTokenFromFragment(window.location, window.history)).toBe('k3y');
    expect(window.location.hash).toBe('');
  });
});
