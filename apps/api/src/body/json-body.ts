import { BadRequestException } from '@nestjs/common';
import { parse, type ParseError } from 'jsonc-parser';

/**
 * Parses a JSON body. When it is not JSON, the answer says where it went wrong (a byte offset)
 * and never quotes it: V8's own messages copy the text around the error, which is the client's
 * log content.
 */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const at = errorOffset(text, error);
    throw new BadRequestException(
      at === undefined ? 'Body is not valid JSON' : `Body is not valid JSON (at byte ${at})`,
    );
  }
}

/**
 * Only on the failure path: jsonc-parser, in strict mode, finds the first offending character.
 * Its offsets count UTF-16 units; clients count bytes.
 */
export function errorOffset(text: string, error: unknown): number | undefined {
  let offset = firstSyntaxError(text);
  if (offset === undefined && error instanceof SyntaxError) {
    const match = /at position (\d+)/.exec(error.message);
    if (match) offset = Number(match[1]);
  }
  return offset === undefined ? undefined : Buffer.byteLength(text.slice(0, offset));
}

function firstSyntaxError(text: string): number | undefined {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  } catch {
    // A nesting deep enough to exhaust its recursion: the text is still not JSON.
    return undefined;
  }
  return errors.length > 0 ? errors[0].offset : undefined;
}
