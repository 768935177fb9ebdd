import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { NARROW, WIDE, logLines, openDashboard, postEntry, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

test('while a past range is shown the list says live is paused, Space leaves it alone, and Back to live is live again', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('range-tail');
  await postEntry(request, { level: 'info', service, message: `before ${service}` });
  await page.setViewportSize(WIDE);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(1);
  const state = page.getByTestId('tail-state');
  await expect(state).toHaveText('Live');

  await page
    .getByRole('group', { name: 'Time range' })
    .getByRole('button', { name: 'Last 15 min' })
    .click();
  await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();
  await expect(state).toHaveText('Live paused · time range shown');
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  await page.keyboard.press(' ');
  await expect(state).toHaveText('Live paused · time range shown');
  await postEntry(request, { level: 'info', service, message: `during ${service}` });
  await saveScreenshot(page, 'range-tail-1440');
  await page.setViewportSize(NARROW);
  await saveScreenshot(page, 'range-tail-390');
  await page.setViewportSize(WIDE);

  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(state).toHaveText('Live');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(logLines(page)).toHaveCount(2);
});

test('on a phone the list keeps most of a screen below the histogram, and the page scrolls to it', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('phone-list');
  await postEntry(request, { level: 'info', service, message: `phone ${service}` });
  await page.setViewportSize(NARROW);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  const list = page.getByRole('listbox', { name: 'Log lines' });
  await expect(logLines(page)).toHaveCount(1);
  const box = await list.boundingBox();
  expect(box?.height ?? 0).toBeGreaterThan(NARROW.height / 2);
  await logLines(page).first().scrollIntoViewIfNeeded();
  await expect(logLines(page).first()).toBeInViewport();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(NARROW.width);
});
