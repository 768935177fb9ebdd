import { expect, test, type Locator } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { openDashboard, postLog, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

function lines(pane: Locator): Locator {
  return pane.getByRole('listbox', { name: 'Log lines' }).getByRole('option');
}

test('a split view pins a second live stream with its own filter, kept in the URL', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('split');
  await postLog(request, { level: 'info', service, message: `alpha before ${service}` });
  await postLog(request, { level: 'info', service, message: `beta before ${service}` });
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);

  await page.getByRole('button', { name: 'Split view' }).click();
  const main = page.getByRole('region', { name: 'Main stream' });
  const pinned = page.getByRole('region', { name: 'Pinned stream' });
  await expect(pinned).toBeVisible();
  await expect(lines(pinned)).toHaveCount(2);

  await main.getByRole('searchbox', { name: 'Search messages' }).fill('alpha');
  await pinned.getByRole('searchbox', { name: 'Search messages' }).fill('beta');
  await expect(lines(main)).toHaveCount(1);
  await expect(lines(pinned)).toHaveCount(1);
  await expect(page).toHaveURL(/split=/);
  expect(new URL(page.url()).searchParams.get('split')).toBe(`services=${service}&q=beta`);

  for (const word of ['alpha', 'beta', 'gamma']) {
    await postLog(request, { level: 'warn', service, message: `${word} live ${service}` });
  }
  await expect(lines(main).filter({ hasText: 'alpha live' })).toHaveCount(1);
  await expect(lines(pinned).filter({ hasText: 'beta live' })).toHaveCount(1);
  await expect(lines(main)).toHaveCount(2);
  await expect(lines(pinned)).toHaveCount(2);
  await expect(lines(main).filter({ hasText: 'beta' })).toHaveCount(0);
  await expect(lines(pinned).filter({ hasText: 'alpha' })).toHaveCount(0);
  await expect(page.getByText('gamma live')).toHaveCount(0);

  const mainBox = await main.boundingBox();
  const pinnedBox = await pinned.boundingBox();
  expect(pinnedBox?.x).toBeGreaterThan((mainBox?.x ?? 0) + (mainBox?.width ?? 0) - 1);
  await saveScreenshot(page, 'split-view-1440');

  // The link opens the same two panes.
  await page.goto(`${new URL(page.url()).pathname}${new URL(page.url()).search}`);
  await expect(lines(pinned)).toHaveCount(2);
  await expect(lines(main)).toHaveCount(2);

  await page.setViewportSize({ width: 390, height: 844 });
  const narrowMain = await main.boundingBox();
  const narrowPinned = await pinned.boundingBox();
  expect(narrowPinned?.y).toBeGreaterThanOrEqual((narrowMain?.y ?? 0) + (narrowMain?.height ?? 0));
  await saveScreenshot(page, 'split-view-390');

  await pinned.getByRole('button', { name: 'Close split view' }).click();
  await expect(pinned).toHaveCount(0);
  await expect(page).not.toHaveURL(/split=/);
  await expect(lines(main)).toHaveCount(2);
});
