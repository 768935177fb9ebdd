/**
 * Where the server lives, as the page's `<base href>` says: `/` at the root of a host,
 * `/tools/redtail/` when a reverse proxy serves Redtail under a sub-path (the server
 * writes the base tag; see REDTAIL_BASE_PATH). API calls use URLs relative to it.
 */
export function basePath(document: Document): string {
  return new URL(document.baseURI).pathname.replace(/[^/]*$/, '');
}

/** The server's address for people to copy, e.g. `https://logs.example.com/tools/redtail`. */
export function serverUrl(document: Document): string {
  const base = new URL(document.baseURI);
  return `${base.origin}${basePath(document).replace(/\/$/, '')}`;
}
