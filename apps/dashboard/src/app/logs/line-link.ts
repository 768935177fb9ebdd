/** The URL parameter naming the line open in the detail pane (`?line=<epoch>-<seq>~<epoch tag>`). */
export const LINE_PARAM = 'line';

/** An entry id as the server gives them, then the tag of the epoch it was seen in. */
const LINE = /^([1-9]\d{0,15}-[1-9]\d{0,15})(?:~([A-Za-z0-9_-]{1,32}))?$/;

export interface LinkedLine {
  id: string;
  /**
   * The epoch's tag when the link was made: a restarted server begins at epoch 1 again and gives
   * the id to another line, which the server then refuses to take for this one.
   */
  epochTag?: string;
}

/** The `line` parameter for an entry; the tag is left out while it is not known. */
export function lineParam(id: string, epochTag: string | null): string {
  return epochTag ? `${id}~${epochTag}` : id;
}

/** The line a `line` parameter names, or null when it is absent or could not name one. */
export function linkedLine(value: string | null): LinkedLine | null {
  const match = value === null ? null : LINE.exec(value);
  if (!match) return null;
  return match[2] ? { id: match[1], epochTag: match[2] } : { id: match[1] };
}

/**
 * A link to one line: the page's address (the view's filters, columns and options with it) with
 * `line` set and no fragment, so a key that happened to be there never travels with the link.
 */
export function lineLink(href: string, param: string): string {
  const url = new URL(href);
  url.searchParams.set(LINE_PARAM, param);
  url.hash = '';
  return url.toString();
}
