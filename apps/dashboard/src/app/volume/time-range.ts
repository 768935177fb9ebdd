import type { LogFilter } from '@redtail/contracts';
import type { TimeRange } from '../logs/log-stream';

export interface RangePreset {
  /** Shown on the button after a visually hidden "Last ", so the visible text is in the name. */
  label: string;
  /** Tooltip. */
  name: string;
  ms: number;
}

export const RANGE_PRESETS: readonly RangePreset[] = [
  { label: '5 min', name: 'Last 5 minutes', ms: 5 * 60_000 },
  { label: '15 min', name: 'Last 15 minutes', ms: 15 * 60_000 },
  { label: '1 h', name: 'Last hour', ms: 60 * 60_000 },
  { label: '6 h', name: 'Last 6 hours', ms: 6 * 60 * 60_000 },
];

/** A preset as absolute times, so the link shows the same lines later. */
export function presetRange(preset: RangePreset, now: number): TimeRange {
  return { since: now - preset.ms, until: now };
}

/**
 * The range a filter read from the URL asks for: both ends set and in order. A lone `since`
 * is a range up to now; a lone `until` or a reversed pair is no range (the view stays live).
 */
export function rangeOf(filter: LogFilter, now: number): TimeRange | null {
  const { since, until } = filter;
  if (since === undefined) return null;
  const end = until ?? now;
  return since <= end ? { since, until: end } : null;
}

/** The filter without its time bounds: what the live subscription uses. */
export function withoutRange(filter: LogFilter): LogFilter {
  const rest = { ...filter };
  delete rest.since;
  delete rest.until;
  return rest;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Value for `<input type="datetime-local">`, in local time to the second. */
export function toLocalInput(time: number): string {
  const d = new Date(time);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** Reads `<input type="datetime-local">` (local time, seconds optional); null when unreadable. */
export function fromLocalInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(
    value.trim(),
  );
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', ms = '0'] = match;
  const date = new Date(+y, +mo - 1, +d, +h, +mi, +s, +ms.padEnd(3, '0'));
  // Rejects dates the Date constructor would roll over (Feb 30 → Mar 2).
  if (date.getMonth() !== +mo - 1 || date.getDate() !== +d) return null;
  return date.getTime();
}

export type CustomRangeResult = { ok: true; range: TimeRange } | { ok: false; reason: string };

/** The custom range form: both ends readable and the start before the end. */
export function customRange(from: string, to: string): CustomRangeResult {
  const since = fromLocalInput(from);
  if (since === null) return { ok: false, reason: 'Enter a start date and time.' };
  const until = fromLocalInput(to);
  if (until === null) return { ok: false, reason: 'Enter an end date and time.' };
  if (since >= until) return { ok: false, reason: 'The start must be before the end.' };
  return { ok: true, range: { since, until } };
}

/** "10:05:00 – 10:20:00", with the date when the range is not within today. */
export function describeRange(range: TimeRange, now: number): string {
  const today = new Date(now).toDateString();
  const sameDay =
    new Date(range.since).toDateString() === today &&
    new Date(range.until).toDateString() === today;
  const show = (time: number) => {
    const d = new Date(time);
    const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    return sameDay
      ? clock
      : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}`;
  };
  return `${show(range.since)} – ${show(range.until)}`;
}
