import type { SyslogMessage } from './syslog-message';

const PRI = /^<(\d{1,3})>/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const BSD_TIME = /^([A-Z][a-z]{2}) ([ \d]?\d) (\d{2}):(\d{2}):(\d{2})(?: |$)/;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2}))(?: |$)/;
const TAG = /^([^\s:[\]]{1,64})(?:\[([^\]\s]{1,128})\])?:(?: |$)/;
const BOM = '\ufeff';
/** A year-less (RFC 3164) time this far ahead of now belongs to last year (sent on 31 Dec). */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * One syslog message, RFC 5424 (`<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`) or RFC 3164
 * (`<PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG`, and the ISO-timestamped variant rsyslog forwards).
 * Undefined for anything without a valid PRI: that is not syslog. Linear in the length of the
 * text; no pattern here can backtrack over it.
 */
export function parseSyslog(text: string, now = new Date()): SyslogMessage | undefined {
  const pri = PRI.exec(text);
  if (!pri) return undefined;
  const value = Number(pri[1]);
  if (value > 191 || (pri[1].length > 1 && pri[1].startsWith('0'))) return undefined;
  const rest = text.slice(pri[0].length);
  const head = { facility: value >> 3, severity: value & 7 };
  return /^[1-9]\d{0,2} /.test(rest) ? parse5424(rest, head) : parse3164(rest, head, now);
}

interface Head {
  facility: number;
  severity: number;
}

function parse5424(text: string, head: Head): SyslogMessage | undefined {
  const fields: string[] = [];
  let at = 0;
  for (let index = 0; index < 6; index += 1) {
    const end = text.indexOf(' ', at);
    if (end < 0) return undefined;
    fields.push(text.slice(at, end));
    at = end + 1;
  }
  const [, time, hostname, appName, procId, msgId] = fields;
  const timestamp = time === '-' ? undefined : Date.parse(time);
  if (timestamp !== undefined && Number.isNaN(timestamp)) return undefined;
  const structured = readStructuredData(text, at);
  if (!structured) return undefined;
  let message = text.slice(structured.end);
  if (message.startsWith(' ')) message = message.slice(1);
  else if (message !== '') return undefined;
  return {
    facility: head.facility,
    severity: head.severity,
    timestamp,
    hostname: nil(hostname),
    appName: nil(appName),
    procId: nil(procId),
    msgId: nil(msgId),
    structuredData: structured.data,
    message: trimMessage(message.startsWith(BOM) ? message.slice(1) : message),
  };
}

/** `-`, or `[id name="value" …]…` with `\"`, `\\` and `\]` escapes inside values. */
function readStructuredData(
  text: string,
  start: number,
): { data: SyslogMessage['structuredData']; end: number } | undefined {
  if (text[start] === '-') return { data: undefined, end: start + 1 };
  const data: NonNullable<SyslogMessage['structuredData']> = {};
  let at = start;
  if (text[at] !== '[') return undefined;
  while (text[at] === '[') {
    at += 1;
    const idEnd = scanName(text, at);
    if (idEnd === at) return undefined;
    const params: Record<string, string | string[]> = {};
    Object.defineProperty(data, text.slice(at, idEnd), {
      value: params,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    at = idEnd;
    while (text[at] === ' ') {
      const nameStart = at + 1;
      const nameEnd = scanName(text, nameStart);
      if (nameEnd === nameStart || text[nameEnd] !== '=' || text[nameEnd + 1] !== '"')
        return undefined;
      at = nameEnd + 2;
      let value = '';
      for (;;) {
        const char = text[at];
        if (char === undefined) return undefined;
        if (char === '"') break;
        if (
          char === '\\' &&
          (text[at + 1] === '"' || text[at + 1] === '\\' || text[at + 1] === ']')
        ) {
          value += text[at + 1];
          at += 2;
        } else {
          value += char;
          at += 1;
        }
      }
      at += 1;
      addParam(params, text.slice(nameStart, nameEnd), value);
    }
    if (text[at] !== ']') return undefined;
    at += 1;
  }
  return { data, end: at };
}

/** SD-NAME: printable US-ASCII except `=`, space, `]` and `"`, at most 32 characters. */
function scanName(text: string, start: number): number {
  let at = start;
  while (at < text.length && at - start < 32) {
    const code = text.charCodeAt(at);
    if (code <= 32 || code >= 127 || code === 61 || code === 93 || code === 34) break;
    at += 1;
  }
  return at;
}

function addParam(params: Record<string, string | string[]>, name: string, value: string): void {
  const existing = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
  const next = existing === undefined ? value : [...[existing].flat(), value];
  Object.defineProperty(params, name, {
    value: next,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function parse3164(text: string, head: Head, now: Date): SyslogMessage {
  let rest = text;
  let timestamp: number | undefined;
  const bsd = BSD_TIME.exec(rest);
  const iso = bsd ? undefined : ISO_TIME.exec(rest);
  if (bsd) {
    timestamp = yearlessTime(bsd, now);
    rest = rest.slice(bsd[0].length);
  } else if (iso) {
    timestamp = Date.parse(iso[1]);
    rest = rest.slice(iso[0].length);
  }
  let hostname: string | undefined;
  let tag = TAG.exec(rest);
  if (!tag && (bsd || iso)) {
    const space = rest.indexOf(' ');
    const candidate = space < 0 ? rest : rest.slice(0, space);
    if (candidate !== '' && !candidate.endsWith(':')) {
      hostname = candidate;
      rest = space < 0 ? '' : rest.slice(space + 1);
      tag = TAG.exec(rest);
    }
  }
  if (tag) rest = rest.slice(tag[0].length);
  return {
    facility: head.facility,
    severity: head.severity,
    timestamp: Number.isNaN(timestamp) ? undefined : timestamp,
    hostname,
    appName: tag?.[1],
    procId: tag?.[2],
    msgId: undefined,
    structuredData: undefined,
    message: trimMessage(rest),
  };
}

/** RFC 3164 times carry no year or zone: the sender's local time, this year unless that is ahead. */
function yearlessTime(match: RegExpExecArray, now: Date): number | undefined {
  const month = MONTHS.indexOf(match[1]);
  if (month < 0) return undefined;
  const [day, hours, minutes, seconds] = match.slice(2).map(Number);
  const at = (year: number) => new Date(year, month, day, hours, minutes, seconds).getTime();
  const thisYear = at(now.getFullYear());
  return thisYear - now.getTime() > FUTURE_TOLERANCE_MS ? at(now.getFullYear() - 1) : thisYear;
}

function nil(field: string): string | undefined {
  return field === '-' ? undefined : field;
}

/** Trailing line ends and NULs (framing leftovers), by a loop: `/[\r\n]+$/` is quadratic. */
function trimMessage(message: string): string {
  let end = message.length;
  while (end > 0 && '\r\n\0'.includes(message[end - 1])) end -= 1;
  return message.slice(0, end);
}
