/** Where a log line's time is read: the viewer's own clock or UTC (shared between people). */
export type TimeZoneChoice = 'local' | 'utc';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hours: number;
  minutes: number;
  seconds: number;
  millis: number;
}

function parts(date: Date, zone: TimeZoneChoice): Parts {
  return zone === 'utc'
    ? {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth(),
        day: date.getUTCDate(),
        hours: date.getUTCHours(),
        minutes: date.getUTCMinutes(),
        seconds: date.getUTCSeconds(),
        millis: date.getUTCMilliseconds(),
      }
    : {
        year: date.getFullYear(),
        month: date.getMonth(),
        day: date.getDate(),
        hours: date.getHours(),
        minutes: date.getMinutes(),
        seconds: date.getSeconds(),
        millis: date.getMilliseconds(),
      };
}

/**
 * A line's time: `14:03:07.123` today, `Dec 01 14:03:07.123` earlier this year,
 * `2025-12-01 14:03:07.123` before that. "Today" is the viewer's today in the chosen zone, so a
 * line is never shown without its date when it could be mistaken for one from today.
 */
export function logTime(iso: string, zone: TimeZoneChoice, now: number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const at = parts(date, zone);
  const today = parts(new Date(now), zone);
  const clock = `${pad(at.hours)}:${pad(at.minutes)}:${pad(at.seconds)}.${pad(at.millis, 3)}`;
  if (at.year === today.year && at.month === today.month && at.day === today.day) return clock;
  if (at.year === today.year) return `${MONTHS[at.month]} ${pad(at.day)} ${clock}`;
  return `${at.year}-${pad(at.month + 1)}-${pad(at.day)} ${clock}`;
}

/** The hover text of a line's time: how long ago, and the exact instant in both zones. */
export function timeTitle(iso: string, now: number): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return iso;
  return `${ago(time, now)} · ${new Date(time).toISOString()}`;
}

/** "just now", "42 s ago", "3 min ago", "2 h ago", "5 days ago"; "in 3 min" for clock skew. */
export function ago(time: number, now: number): string {
  const delta = Math.round((now - time) / 1000);
  const seconds = Math.abs(delta);
  let span: string;
  if (seconds < 2) return 'just now';
  if (seconds < 60) span = `${seconds} s`;
  else if (seconds < 3600) span = `${Math.floor(seconds / 60)} min`;
  else if (seconds < 86_400) span = `${Math.floor(seconds / 3600)} h`;
  else {
    const days = Math.floor(seconds / 86_400);
    span = days === 1 ? '1 day' : `${days} days`;
  }
  return delta < 0 ? `in ${span}` : `${span} ago`;
}
