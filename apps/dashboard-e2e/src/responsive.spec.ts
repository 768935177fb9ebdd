import { expect, type Page, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { logLines, openDashboard, postLog, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

async function pageOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

for (const width of [360, 390, 768, 1440]) {
  test(`nothing overflows the page sideways at ${width} px, with long lines and the detail pane open`, async ({
    page,
    request,
  }) => {
    const service = uniqueMarker('responsive-service-with-a-rather-long-name');
    await postLog(request, {
      level: 'fatal',
      service,
      message: `${'a-very-long-unbroken-token-'.repeat(12)} ${service}`,
      context: { user: { email: 'someone@example.com', phone: '+44 20 7946 0958' } },
    });
    await page.setViewportSize({ width, height: 800 });
    await openDashboard(page, ADMIN_KEY);
    const line = logLines(page).filter({ hasText: service });
    await expect(line).toBeVisible();
    // The masked-type list wraps rather than clipping its last entries.
    await expect(page.getByRole('list', { name: 'Masked values per type' })).toContainText('PHONE');
    let size = await pageOverflow(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);

    await line.click();
    await expect(page.getByRole('region', { name: 'Log entry details' })).toBeVisible();
    size = await pageOverflow(page);
    expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
    if (width === 1440) {
      // Beside the detail pane the tail's toolbar still fits on one row.
      const toolbar = page.getByRole('toolbar', { name: 'Live tail' });
      const pause = await toolbar.getByRole('button', { name: 'Pause' }).boundingBox();
      const keep = await toolbar
        .getByRole('combobox', { name: 'Lines kept in this tab' })
        .boundingBox();
      expect(
        pause && keep && Math.abs(keep.y + keep.height / 2 - (pause.y + pause.height / 2)),
      ).toBeLessThan(4);
    }
    if (width === 390 || width === 1440) await saveScreenshot(page, `responsive-${width}`);
  });
}

test('on a phone the header folds into a menu that still reaches Audit and Sign out', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openDashboard(page, ADMIN_KEY);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeHidden();

  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('button', { name: 'Audit' })).toBeVisible();
  await saveScreenshot(page, 'header-menu-390');

  await page.keyboard.press('Escape');
  await expect(signOut).toBeHidden();

  await menu.click();
  await signOut.click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('on a wide screen the header shows its actions without a menu', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDashboard(page, ADMIN_KEY);
  await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Audit' })).toBeVisible();
});

test('the service list opens inside the window wherever the filter bar puts its summary', async ({
  page,
  request,
}) => {
  await postLog(request, { level: 'info', service: uniqueMarker('svc'), message: 'one service' });
  await openDashboard(page, ADMIN_KEY);
  const summary = page.locator('details.services > summary');
  // Across these widths the summary moves from the start of a line to the far end of the bar.
  for (let width = 1240; width <= 1440; width += 8) {
    await page.setViewportSize({ width, height: 800 });
    await summary.click();
    await expect(page.locator('details.services fieldset')).toBeVisible();
    // Placed when the list has opened (the details element's toggle event).
    await expect
      .poll(
        async () => {
          const size = await pageOverflow(page);
          return size.scrollWidth - size.innerWidth;
        },
        { message: `at ${width} px` },
      )
      .toBeLessThanOrEqual(0);
    await summary.click();
  }
});
