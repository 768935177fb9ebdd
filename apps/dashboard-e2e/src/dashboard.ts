import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { INGEST_KEY } from './keys';

let counter = 0;

/** A marker no other test (or earlier run against the same server) uses. */
export function uniqueMarker(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** Opens the dashboard with a key from the link, as the server's start-up URL does. */
export async function openDashboard(page: Page, key: string, query = ''): Promise<void> {
  await page.goto(`/${query}#token=${key}`);
  await expect(page.getByRole('status', { name: 'Connection: Connected' })).toBeVisible();
}

export function logLines(page: Page): Locator {
  return page.getByRole('listbox', { name: 'Log lines' }).getByRole('option');
}

export async function postLog(
  request: APIRequestContext,
  body: { level: string; message: string; service: string; context?: Record<string, unknown> },
): Promise<void> {
  const response = await request.post('/logs', {
    headers: { Authorization: `Bearer ${INGEST_KEY}` },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** Posts one entry with any fields the API takes (a timestamp, a trace id…). */
export async function postEntry(
  request: APIRequestContext,
  body: Record<string, unknown>,
): Promise<void> {
  const response = await request.post('/logs', {
    headers: { Authorization: `Bearer ${INGEST_KEY}` },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(201);
}

/** The widths issue #18 is judged at: a desktop and a phone. */
export const WIDE = { width: 1440, height: 900 };
export const NARROW = { width: 390, height: 844 };
