import type { Page } from 'playwright-core';

/**
 * The pinned pane of the split view: warnings and errors beside the firehose, the view a person
 * keeps open while the main tail scrolls. About one bench line in eight matches it, so both panes
 * render under load.
 */
export const SPLIT_FILTER = 'levels=warn,error';

/** What the soak had open besides the live tail; each depends on a feature in the build. */
export interface SoakView {
  /** Long lines wrapped (`wrap=1`, the list's wrap toggle). */
  wrap: boolean;
  /** The volume histogram above the list. */
  histogram: boolean;
  /** A second live stream pinned beside the first (`split=`). */
  split: boolean;
}

/**
 * Field columns to show, for comparing a view whose live lines carry their context with the
 * default one, whose lines do not (`SOAK_FIELDS=bench.id`); none in the scenario as specified.
 */
export function soakFields(): string {
  return process.env['SOAK_FIELDS'] ?? '';
}

/** The dashboard as the issue asks to soak it: wrap on, split view open, key from the link. */
export function soakDashboardUrl(base: string, token: string, fields = soakFields()): string {
  const query = new URLSearchParams({ wrap: '1', split: SPLIT_FILTER });
  if (fields) query.set('fields', fields);
  return `${base}/?${query}#token=${token}`;
}

/**
 * Opens the dashboard and waits for its live tail; then says which of wrap, histogram and split
 * view this build has on screen, so a figure is never read as covering a feature it lacked.
 */
export async function openSoakDashboard(
  page: Page,
  base: string,
  token: string,
): Promise<SoakView> {
  await page.goto(soakDashboardUrl(base, token));
  await page
    .locator('rt-log-tail [role="toolbar"]')
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(() => {
      throw new Error('the dashboard showed no live tail within 30 s');
    });
  const split = await page
    .locator('rt-split-pane rt-log-tail [role="toolbar"]')
    .waitFor({ timeout: 10_000 })
    .then(
      () => true,
      () => false,
    );
  const wrapToggle = page.getByRole('button', { name: 'Wrap', exact: true }).first();
  const wrap =
    (await wrapToggle.count()) > 0 && (await wrapToggle.getAttribute('aria-pressed')) === 'true';
  const histogram = await page.getByRole('region', { name: 'Volume over time' }).isVisible();
  return { wrap, histogram, split };
}

/** Lines held by the main tail and by the pinned pane (NaN when a pane is missing). */
export async function shownLines(page: Page): Promise<{ main: number; pinned: number }> {
  const count = async (selector: string) => {
    const label = page.locator(selector).first();
    if ((await label.count()) === 0) return NaN;
    return Number((await label.textContent({ timeout: 5000 }))?.replace(/\D/g, '') || NaN);
  };
  return {
    main: await count('rt-log-tail .lines'),
    pinned: await count('rt-split-pane rt-log-tail .lines'),
  };
}

/** A line for the report's notes: what was on screen while the figures were taken. */
export function describeView(view: SoakView): string {
  const part = (on: boolean, name: string) => `${name} ${on ? 'on' : 'absent from this build'}`;
  return (
    `Dashboard soaked with ${part(view.wrap, 'wrap')}, ${part(view.histogram, 'histogram')}, ` +
    `${view.split ? `split view open (pinned: ${SPLIT_FILTER})` : 'split view absent from this build'}` +
    (soakFields() ? `, field columns ${soakFields()} (live lines with their context).` : '.')
  );
}
