import type { ParamMap, Params } from '@angular/router';
import type { TimeZoneChoice } from '../shared/log-time';

/** How the list is shown, beside the filters in the URL (`wrap=1`, `tz=utc`). */
export interface ViewOptions {
  wrap: boolean;
  zone: TimeZoneChoice;
}

/** The last choices in this browser, used when a link does not say. */
export type StoredView = Partial<ViewOptions>;

export const VIEW_STORAGE_KEY = 'redtail.view';

export function viewFromParams(params: ParamMap, stored: StoredView): ViewOptions {
  const wrap = params.get('wrap');
  const tz = params.get('tz');
  return {
    wrap: wrap === '1' ? true : wrap === '0' ? false : (stored.wrap ?? false),
    zone: tz === 'utc' ? 'utc' : tz === 'local' ? 'local' : (stored.zone ?? 'local'),
  };
}

/** Always explicit, so a shared link shows what its sender saw whatever the reader's habits. */
export function viewToParams(view: ViewOptions): Params {
  return { wrap: view.wrap ? '1' : '0', tz: view.zone };
}

/** Reads what `JSON.stringify(view)` stored; anything else is ignored. */
export function parseStoredView(text: string | null): StoredView {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    if (typeof value !== 'object' || value === null) return {};
    const { wrap, zone } = value as Record<string, unknown>;
    const view: StoredView = {};
    if (typeof wrap === 'boolean') view.wrap = wrap;
    if (zone === 'utc' || zone === 'local') view.zone = zone;
    return view;
  } catch {
    return {};
  }
}
