/**
 * Takes `#token=…` from the address (the link the server prints at start-up) and removes it,
 * so the secret does not linger in the address bar, the history or a shared screenshot.
 */
export function takeTokenFromFragment(location: Location, history: History): string | null {
  const fragment = location.hash.replace(/^#/, '');
  if (!fragment) return null;
  const params = new URLSearchParams(fragment);
  const token = params.get('token');
  if (token === null) return null;
  params.delete('token');
  const rest = params.toString();
  history.replaceState(
    history.state,
    '',
    location.pathname + location.search + (rest ? `#${rest}` : ''),
  );
  return token.trim() || null;
}
