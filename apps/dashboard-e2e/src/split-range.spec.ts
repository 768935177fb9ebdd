import { expect, test, type Locator } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { NARROW, WIDE, openDashboard, postEntry, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

function lines(pane: Locator): Locator {
  return pane.getByRole('listbox', { name: 'Log lines' }).getByRole('option');
}

test('the histogram and its range belong to the main pane: a range there leaves the pinned pane live', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('split-range');
  await postEntry(request, { level: 'info', service, message: `first ${service}` });
  await page.setViewportSize(WIDE);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await page.getByRole('button', { name: 'Split view' }).click();
  const main = page.getByRole('region', { name: 'Main stream' });
  const pinned = page.getByRole('region', { name: 'Pinned stream' });
  await expect(lines(pinned)).toHaveCount(1);
  await expect(main.getByRole('region', { name: 'Volume over time' })).toBeVisible();
  await expect(pinned.getByRole('region', { name: 'Volume over time' })).toHaveCount(0);

  await main
    .getByRole('group', { name: 'Time range' })
    .getByRole('button', { name: 'Last 15 min' })
    .click();
  await expect(main.getByRole('button', { name: 'Back to live' })).toBeVisible();
  await expect(main.getByTestId('tail-state')).toHaveText('Live paused · time range shown');
  await expect(pinned.getByTestId('tail-state')).toHaveText('Live');
  expect(new URL(page.url()).searchParams.get('split')).toBe(`services=${service}`);

  await postEntry(request, { level: 'info', service, message: `second ${service}` });
  await expect(lines(pinned)).toHaveCount(2);
  await expect(lines(main)).toHaveCount(1);
  await saveScreenshot(page, 'split-range-1440');
  await page.setViewportSize(NARROW);
  await saveScreenshot(page, 'split-range-390');
  await page.setViewportSize(WIDE);

  await main.getByRole('button', { name: 'Back to live' }).click();
  await expect(lines(main)).toHaveCount(2);
  await expect(lines(pinned)).toHaveCount(2);
});
