import type { Detector, EmitSpan } from '../detector';
import type { KeyMatch, SensitiveKeys } from '../sensitive-keys';
import { Trigger } from '../triggers';
import { isPlaceholderValue } from './placeholder-values';

/**
 * Redis write commands as `MONITOR` and `redis-cli` log them, where the name of a value is a
 * hash field or the key itself rather than a `key=value` pair:
 * - `"HSET" "user:4411" "phone" "…" "otp" "731942"`: each value whose field is a sensitive key;
 * - `"SETEX" "pwreset:jane@…" "900" "8c36…"`: the value of a key whose name, split at `:`, has a
 *   sensitive part or names a one-time credential by its purpose (`pwreset:`, `session:`).
 */

// `"HSET"` as MONITOR quotes it, or `HSET` after a `redis-cli` prompt (`127.0.0.1:6379> `); a
// bare `SET` is SQL's far more often. AUTH (a password) is read by protocol-commands.ts.
const COMMAND =
  /(?:"(HSET|HMSET|HSETNX|SET|SETEX|PSETEX|SETNX)"|(?<=> )(HSET|HMSET|HSETNX|SET|SETEX|PSETEX|SETNX))[ \t]/g;
const ARGUMENT = /"((?:[^"\\\n]|\\.){0,4096})"|([^\s"]{1,4096})/y;
// A hash written in one command rarely has more fields; beyond this the rest is not read.
const MAX_ARGUMENTS = 130;

/** Key-name parts that name what the value is for: a reset link, a login session, a 2FA code. */
const PURPOSES: ReadonlySet<string> = new Set([
  'pwreset',
  'passwordreset',
  'resetpassword',
  'reset',
  'session',
  'sess',
  'mfa',
  '2fa',
  'verify',
  'verification',
  'magiclink',
  'activation',
  'confirm',
  'invite',
]);

interface Argument {
  start: number;
  end: number;
}

function argumentsAt(text: string, from: number): Argument[] {
  const found: Argument[] = [];
  let i = from;
  while (found.length < MAX_ARGUMENTS) {
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    ARGUMENT.lastIndex = i;
    const match = ARGUMENT.exec(text);
    if (match === null) break;
    const quoted = match[1] !== undefined;
    found.push(
      quoted
        ? { start: i + 1, end: i + match[0].length - 1 }
        : { start: i, end: i + match[0].length },
    );
    i += match[0].length;
  }
  return found;
}

function purposeOfKey(keys: SensitiveKeys, name: string): KeyMatch | undefined {
  for (const part of name.split(':')) {
    const match = keys.match(part);
    if (match !== undefined) return match;
    if (PURPOSES.has(part.toLowerCase().replace(/[_-]/g, ''))) {
      return { type: 'SECRET', keyStart: 0, digitsOnly: false };
    }
  }
  return undefined;
}

function emitValue(text: string, match: KeyMatch, value: Argument, emit: EmitSpan): void {
  const raw = text.slice(value.start, value.end);
  if (isPlaceholderValue(raw) || (match.digitsOnly && !/\d/.test(raw))) return;
  emit(match.type, value.start, value.end);
}

function findRedisValues(text: string, keys: SensitiveKeys, emit: EmitSpan): void {
  COMMAND.lastIndex = 0;
  for (let command = COMMAND.exec(text); command !== null; command = COMMAND.exec(text)) {
    const name = (command[1] ?? command[2]) as string;
    const args = argumentsAt(text, command.index + command[0].length);
    const slice = (arg: Argument | undefined): string =>
      arg === undefined ? '' : text.slice(arg.start, arg.end);
    if (name.startsWith('H')) {
      for (let field = 1; field + 1 < args.length; field += 2) {
        const match = keys.match(slice(args[field]));
        if (match !== undefined) emitValue(text, match, args[field + 1] as Argument, emit);
      }
    } else {
      // SETEX and PSETEX put the expiry between the key and the value.
      const value = args[name.endsWith('SETEX') ? 2 : 1];
      const match = purposeOfKey(keys, slice(args[0]));
      if (value !== undefined && match !== undefined) emitValue(text, match, value, emit);
    }
    const last = args[args.length - 1];
    COMMAND.lastIndex = Math.max(COMMAND.lastIndex, last === undefined ? 0 : last.end);
  }
}

export function redisFieldDetector(keys: SensitiveKeys): Detector {
  return {
    types: ['PASSWORD', 'SECRET', 'PHONE', 'CARD_SECURITY', 'CREDIT_CARD', 'US_SSN', 'NATIONAL_ID'],
    trigger: Trigger.COMMAND,
    find: (text, emit) => findRedisValues(text, keys, emit),
  };
}
