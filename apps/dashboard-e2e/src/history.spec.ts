import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { logLines, openDashboard, postLog, uniqueMarker } from './dashboard';
import { VIEWER_KEY } from './keys';

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
