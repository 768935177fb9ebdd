import { expect, test } from '@playwright/test';
import { SUB_PATH, subPathURL } from '../playwright.config';
import { saveScreenshot } from './artifacts';
import { logLines, uniqueMarker } from './dashboard';
import { ADMIN_KEY, INGEST_KEY } from './keys';

/** The second e2e server runs with REDTAIL_BASE_PATH, as behind a proxy at /tools/redtail/. */
test('under a sub-path the dashboard loads, streams live and opens context', async ({
  page,
  request,
}) => {
  // Start from an empty store, whatever an earlier pass left, so the empty state shows.
  const wiped = await request.post(`${subPathURL}/logs/panic`, {
    headers: { Authorization: `Bearer ${ADMIN_KEY}` },
  });
  expect(wiped.status()).toBe(200);
  await page.goto(`${subPathURL}/#token=${ADMIN_KEY}`);
  await expect(page.getByRole('status', { name: 'Connection: Connected' })).toBeVisible();
  await expect(page.getByText(`curl -X POST ${subPathURL}/logs`)).toBeVisible();

  const service = uniqueMarker('proxied');
  const posted = await request.post(`${subPathURL}/logs`, {
    headers: { Authorization: `Bearer ${INGEST_KEY}` },
    data: { level: 'warn', service, message: `behind the proxy ${service}` },
  });
  expect(posted.status()).toBe(201);

  const line = logLines(page).filter({ hasText: service });
  await expect(line).toBeVisible({ timeout: 1_000 });
  await saveScreenshot(page, 'sub-path');

  await line.click();
  const detail = page.getByRole('region', { name: 'Log entry details' });
  await detail.getByRole('button', { name: 'View in context' }).click();
  await expect(detail.getByRole('list', { name: 'Surrounding entries' })).toContainText(service);

  // A deep link with filters reloads under the sub-path and keeps them.
  await page.goto(`${subPathURL}/?services=${service}`);
  await expect(page).toHaveURL(new RegExp(`${SUB_PATH}/\\?services=${service}`));
  await expect(logLines(page)).toHaveCount(1);
});
