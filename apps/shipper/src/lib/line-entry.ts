import { ACCEPTED_LEVEL_NAMES, type LogLevel, parseLevel } from '@redtail/contracts';

export interface LineDefaults {
  /** For lines that do not name their service. */
  service?: string;
  /** For lines whose level cannot be read. */
  level: LogLevel;
}

/**
 * A level word first, or after up to two tokens with digits in them (a date, a time, a pid):
 * `ERROR …`, `2026-11-27 12:00:01 [warn] …`, `12:00:01 INFO: …`; not `no error was found`.
 */
const LEVEL_WORD = new RegExp(
  `^(?:\\S*\\d\\S*[ \\t]+){0,2}?[\\[(<]?(${ACCEPTED_LEVEL_NAMES.map(escape).join('|')})[\\])>]?:?(?:[ \\t]|$)`,
  'i',
);
/** Only the start of a line is searched, so a long line costs the same as a short one. */
const LEVEL_WINDOW = 80;

/**
 * One line of input as the JSON of one entry for `POST /logs/batch`. A JSON object is sent as
 * it is (Redtail reads the canonical shape and raw pino, bunyan or winston lines), with the
 * defaults filling in a missing level or service. Any other line becomes the message of an
 * entry whose level is read from the line's first words, or the default. Null for blank lines.
 */
export function lineEntry(line: string, defaults: LineDefaults): string | null {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (text.trim() === '') return null;
  const object = parseObject(text);
  if (object && hasMessage(object)) {
    if (object['level'] === undefined) object['level'] = defaults.level;
    if (defaults.service !== undefined && object['service'] === undefined && !('name' in object)) {
      object['service'] = defaults.service;
    }
    return JSON.stringify(object);
  }
  return JSON.stringify({
    level: levelOf(text) ?? defaults.level,
    message: text,
    ...(defaults.service === undefined ? {} : { service: defaults.service }),
  });
}

export function levelOf(text: string): LogLevel | undefined {
  const match = LEVEL_WORD.exec(text.slice(0, LEVEL_WINDOW));
  return match ? parseLevel(match[1]) : undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A JSON line without a message is sent whole, as the text of one. */
function hasMessage(object: Record<string, unknown>): boolean {
  return typeof object['message'] === 'string' || typeof object['msg'] === 'string';
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
