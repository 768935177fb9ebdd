/** The URL parameter naming the line open in the detail pane (`?line=<epoch>-<seq>`). */
export const LINE_PARAM = 'line';

/** An entry id as the server gives them: `<epoch>-<seq>`. */
const ENTRY_ID = /^[1-9]\d{0,15}-[1-9]\d{0,15}$/;

/** The `line` parameter's id, or null when it is absent or could not be an entry's. */
export function linkedLineId(value: string | null): string | null {
  return value !== null && ENTRY_ID.test(value) ? value : null;
}

/**
 * A link to one line: the page's address (the view's filters, columns and options with it) with
 * `line` set and no fragment, so a key that happened to be there never travels with the link.
 */
export function lineLink(href: string, id: string): string {
  const url = new URL(href);
  url.searchParams.set(LINE_PARAM, id);
  url.hash = '';
  return url.toString();
}
