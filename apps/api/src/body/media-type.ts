import { parse } from 'content-type';
import type { IncomingHttpHeaders } from 'node:http';

/** A request's `Content-Type`, lower-cased, with its parameters (`charset`, `compatible-with`…). */
export interface MediaType {
  type: string;
  parameters: Readonly<Record<string, string>>;
}

/** Undefined when the header is absent or is not a media type at all. */
export function mediaTypeOf(headers: IncomingHttpHeaders): MediaType | undefined {
  const header = headers['content-type'];
  if (!header) return undefined;
  try {
    return parse(header);
  } catch {
    return undefined;
  }
}

/** JSON and text bodies are UTF-8 (RFC 8259); a body declared in another charset is refused. */
export function isUtf8(media: MediaType): boolean {
  const charset = media.parameters['charset'];
  return charset === undefined || /^(utf-?8|us-ascii)$/i.test(charset);
}
