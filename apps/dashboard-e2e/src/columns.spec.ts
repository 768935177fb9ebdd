import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { NARROW, WIDE, logLines, openDashboard, postEntry, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

test('field columns have a header row, aligned cells empty when missing, and a × to remove them', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('grid');
  await postEntry(request, {
    level: 'error',
    service,
    message: `failed ${service}`,
    context: { status: 502, user: { id: 'u-42' } },
  });
  await postEntry(request, {
    level: 'info',
    service,
    message: `ok ${service}`,
    context: { user: { id: 'u-7' } },
  });
  await page.setViewportSize(WIDE);
  await openDashboard(page, ADMIN_KEY, `?services=${service}&fields=status,user.id`);
  await expect(logLines(page)).toHaveCount(2);

  const heads = page.getByRole('group', { name: 'Columns' });
  await expect(heads).toContainText('status');
  await expect(heads).toContainText('user.id');
  const failed = logLines(page).filter({ hasText: `failed ${service}` });
  const ok = logLines(page).filter({ hasText: `ok ${service}` });
  await expect(failed.locator('[data-field="status"]')).toHaveText('502');
  await expect(ok.locator('[data-field="status"]')).toHaveText('');
  await expect(ok).not.toContainText('status=');
  // Cells of one column start at the same x on every line, under their header.
  const headBox = await heads.getByText('user.id', { exact: true }).boundingBox();
  const firstBox = await failed.locator('[data-field="user.id"]').boundingBox();
  const secondBox = await ok.locator('[data-field="user.id"]').boundingBox();
  expect(firstBox?.x).toBe(secondBox?.x);
  expect(Math.abs((headBox?.x ?? 0) - (firstBox?.x ?? 0))).toBeLessThan(1);
  await saveScreenshot(page, 'columns-1440');
  await page.setViewportSize(NARROW);
  await expect(heads).toContainText('status');
  await saveScreenshot(page, 'columns-390');
  await page.setViewportSize(WIDE);

  await heads.getByRole('button', { name: 'Remove column status' }).click();
  await expect(page).toHaveURL(/fields=user\.id(&|$)/);
  await expect(heads).not.toContainText('status');
  await expect(failed.locator('[data-field="status"]')).toHaveCount(0);
});

test('a context value in the detail pane becomes a column or a server-side field filter', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('where');
  await postEntry(request, {
    level: 'error',
    service,
    message: `checkout failed ${service}`,
    context: { status: 502, route: '/checkout' },
  });
  await postEntry(request, {
    level: 'info',
    service,
    message: `checkout ok ${service}`,
    context: { status: 200, route: '/checkout' },
  });
  await page.setViewportSize(WIDE);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(2);

  await logLines(page).filter({ hasText: 'checkout failed' }).click();
  const detail = page.getByRole('region', { name: 'Log entry details' });
  await detail.getByRole('button', { name: 'Add route as column' }).click();
  await expect(page).toHaveURL(/fields=route/);
  await expect(page.getByRole('group', { name: 'Columns' })).toContainText('route');
  await expect(detail.getByRole('button', { name: 'Add route as column' })).toHaveCount(0);

  await detail.getByRole('button', { name: 'Filter status=502' }).click();
  await expect(page).toHaveURL(/where=status%3D502/);
  await expect(logLines(page)).toHaveCount(1);
  await expect(logLines(page).first()).toContainText('checkout failed');
  await expect(page.getByRole('list', { name: 'Field filters' })).toContainText('status=502');
  await saveScreenshot(page, 'columns-where-1440');
  await page.setViewportSize(NARROW);
  await saveScreenshot(page, 'columns-where-390');
  await page.setViewportSize(WIDE);

  // The server applies it: a reload (a fresh backfill) shows the same single line.
  await page.reload();
  await expect(logLines(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Remove filter status=502' }).click();
  await expect(logLines(page)).toHaveCount(2);
});
