/**
 * A Prometheus-style label set as Loki's protobuf push carries it: `{level="warn",job="x"}`,
 * values in double quotes with `\\`, `\"` and `\n` escapes. Undefined when the text is not one.
 * One pass, no backtracking: its cost is linear in the text.
 */
export function parseLabelSet(text: string): Record<string, string> | undefined {
  const labels: [string, string][] = [];
  let at = skipSpaces(text, 0);
  if (text[at] !== '{') return undefined;
  at = skipSpaces(text, at + 1);
  if (text[at] === '}') return skipSpaces(text, at + 1) === text.length ? {} : undefined;
  for (;;) {
    const nameStart = at;
    while (at < text.length && isNameChar(text.charCodeAt(at), at === nameStart)) at += 1;
    if (at === nameStart) return undefined;
    const name = text.slice(nameStart, at);
    at = skipSpaces(text, at);
    if (text[at] !== '=') return undefined;
    at = skipSpaces(text, at + 1);
    if (text[at] !== '"') return undefined;
    at += 1;
    let value = '';
    for (;;) {
      if (at >= text.length) return undefined;
      const char = text[at];
      if (char === '"') break;
      if (char === '\\') {
        const escaped = text[at + 1];
        if (escaped === undefined) return undefined;
        value += escaped === 'n' ? '\n' : escaped;
        at += 2;
      } else {
        value += char;
        at += 1;
      }
    }
    labels.push([name, value]);
    at = skipSpaces(text, at + 1);
    if (text[at] === ',') {
      at = skipSpaces(text, at + 1);
      continue;
    }
    if (text[at] === '}' && skipSpaces(text, at + 1) === text.length) {
      return Object.fromEntries(labels);
    }
    return undefined;
  }
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at += 1;
  return at;
}

/** `[a-zA-Z_][a-zA-Z0-9_]*`, Prometheus's label names. */
function isNameChar(code: number, first: boolean): boolean {
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return letter || (!first && code >= 48 && code <= 57);
}
