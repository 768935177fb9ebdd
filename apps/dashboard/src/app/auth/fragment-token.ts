/** Fragment parameters that carry a key: `token` (the server's start-up link) and `key`. */
const KEY_PARAMS = ['token', 'key'];

/**
 * Takes `#token=…` (or `#key=…`) from the address (the link the server prints at start-up) and
 * removes it, so the secret does not linger in the address bar, the history or a shared screenshot.
 */
export function takeTokenFromFragment(location: Location, history: History): string | null {
  const fragment = location.hash.replace(/^#/, '');
  if (!fragment) return null;
  const params = new URLSearchParams(fragment);
  const name = KEY_PARAMS.find((each) => params.has(each));
  if (name === undefined) return null;
  const token = params.get(name) ?? '';
  for (const each of KEY_PARAMS) params.delete(each);
  const rest = params.toString();
  history.replaceState(
    history.state,
    '',
    location.pathname + location.search + (rest ? `#${rest}` : ''),
  );
  return token.trim() || null;
}
