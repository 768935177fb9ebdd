import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { ADMIN_KEY } from './keys';

const KEYLESS = 'Continue without a key (authentication off)';

test('a link with a key pasted into the open sign-in tab signs in without a reload', async ({
  page,
}) => {
  await page.goto('/?level=warn');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // Survives only if the page is not reloaded.
  await page.evaluate(() => document.documentElement.setAttribute('data-same-page', 'yes'));

  await page.goto(`/?level=warn#key=${ADMIN_KEY}`);
  await expect(page.getByRole('status', { name: 'Connection: Connected' })).toBeVisible();
  await expect(page.getByTestId('role')).toHaveText('admin');
  await expect(page.locator('html')).toHaveAttribute('data-same-page', 'yes');
  expect(await page.evaluate(() => [location.hash, location.search])).toEqual(['', '?level=warn']);
});

test('the keyless path shows only when the server reports authentication off', async ({ page }) => {
  // This server asks for keys: no keyless path.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const answer = await page.request.get('/auth/mode');
  expect(await answer.json()).toEqual({ authDisabled: false });
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('button', { name: KEYLESS })).toHaveCount(0);
  await saveScreenshot(page, 'sign-in-keys-1440');

  // The browser tests' servers all ask for keys, so the answer of one running with
  // REDTAIL_AUTH=off (tested against the API itself) is played back here.
  await page.route('**/auth/mode', (route) => route.fulfill({ json: { authDisabled: true } }));
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByRole('button', { name: KEYLESS })).toBeVisible();
  await saveScreenshot(page, 'sign-in-auth-off-390');
});
