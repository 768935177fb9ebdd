import { expect, type Page, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { openDashboard } from './dashboard';
import { ADMIN_KEY } from './keys';

function pageBackground(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
}

const LIGHT = 'rgb(255, 255, 255)';
const DARK = 'rgb(13, 17, 23)';

test('the theme follows the system until switched, and the switch is remembered', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDashboard(page, ADMIN_KEY);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => pageBackground(page)).toBe(DARK);
  await saveScreenshot(page, 'theme-dark-1440');

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => pageBackground(page)).toBe(LIGHT);
  await saveScreenshot(page, 'theme-light-1440');

  await page.reload();
  await expect(page.getByRole('status', { name: 'Connection: Connected' })).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => pageBackground(page)).toBe(LIGHT);
});

test('on a phone the theme switch sits in the header menu', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 390, height: 800 });
  await openDashboard(page, ADMIN_KEY);
  await expect.poll(() => pageBackground(page)).toBe(LIGHT);

  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect.poll(() => pageBackground(page)).toBe(DARK);
  await saveScreenshot(page, 'theme-dark-390');
});

test('a stored theme is on the page before the app starts, so it never flashes the other one', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'light' });
  // 'interactive' comes when parsing ends and before any module script (the app) runs.
  await page.addInitScript(() => {
    localStorage.setItem('redtail.theme', 'dark');
    document.addEventListener('readystatechange', () => {
      if (document.readyState !== 'interactive') return;
      (window as unknown as { themeAtParse: string | null }).themeAtParse =
        document.documentElement.getAttribute('data-theme');
    });
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redtail');
  expect(
    await page.evaluate(() => (window as unknown as { themeAtParse: string | null }).themeAtParse),
  ).toBe('dark');
});
