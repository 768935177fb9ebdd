import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { logLines, openDashboard, postLog, uniqueMarker } from './dashboard';
import { INGEST_KEY, VIEWER_KEY } from './keys';

test('load older brings cleared lines back from the server, oldest first', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('history');
  for (let i = 1; i <= 5; i += 1) {
    await postLog(request, { level: 'info', service, message: `history ${i} of ${service}` });
  }
  await openDashboard(page, VIEWER_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(5);

  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(logLines(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Load older' }).click();
  await expect(logLines(page)).toHaveCount(5);
  await expect(logLines(page).first()).toContainText(`history 1 of ${service}`);
  await expect(logLines(page).last()).toContainText(`history 5 of ${service}`);
  // Five lines are less than a page, so the server says there is nothing further back.
  await expect(page.getByTestId('history-status')).toHaveText('No older entries');
  await expect(page.getByRole('button', { name: 'Load older' })).toBeDisabled();
});

test('scrolling to the top loads older lines by itself and keeps the reader in place', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('scrollback');
  const total = 260;
  const batch = Array.from({ length: total }, (_, i) => ({
    level: 'info',
    service,
    message: `line ${i + 1} of ${service}`,
  }));
  const posted = await request.post('/logs/batch', {
    headers: { Authorization: `Bearer ${INGEST_KEY}` },
    data: batch,
  });
  expect(posted.status()).toBe(201);

  // The dashboard opens with the newest 200 lines (its backfill), following the bottom.
  await openDashboard(page, VIEWER_KEY, `?services=${service}`);
  const list = page.getByRole('listbox', { name: 'Log lines' });
  const row = (n: number) =>
    list.getByRole('option', { name: new RegExp(`line ${n} of ${service}$`) });
  await expect(row(total)).toBeInViewport();

  await list.hover();
  await page.mouse.wheel(0, -1_000_000);
  await expect(page.getByTestId('history-status')).toHaveText('No older entries');
  // The line that was at the top stays there; the 60 older ones wait above it.
  await expect(row(61)).toBeInViewport();
  await expect(row(1)).toHaveCount(0);

  await page.mouse.wheel(0, -1_000_000);
  await expect(row(1)).toBeInViewport();
  await saveScreenshot(page, 'scrollback');
});

test('download saves the lines shown as NDJSON', async ({ page, request }) => {
  const service = uniqueMarker('export');
  await postLog(request, {
    level: 'warn',
    service,
    message: `card 4111 1111 1111 1111 declined (${service})`,
  });
  await openDashboard(page, VIEWER_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(1);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^redtail-.+\.ndjson$/);
  const path = await download.path();
  const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  const saved = JSON.parse(lines[0]);
  expect(saved.service).toBe(service);
  expect(saved.message).not.toContain('4111 1111 1111 1111');
});
