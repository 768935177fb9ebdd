import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { openDashboard } from './dashboard';
import { ADMIN_KEY, VIEWER_KEY } from './keys';

test('an admin sees an auth failure and a panic in the audit trail', async ({ page, request }) => {
  const refused = await request.get('/logs/metrics', {
    headers: { Authorization: 'Bearer not-a-key-of-this-server' },
  });
  expect(refused.status()).toBe(401);

  await openDashboard(page, ADMIN_KEY);
  const toggle = page.getByRole('button', { name: 'Audit' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  const trail = page.getByRole('region', { name: 'Audit trail' });
  await expect(trail).toBeVisible();
  await expect(trail.getByRole('heading', { name: 'Audit trail' })).toBeFocused();
  const failure = trail
    .getByRole('row')
    .filter({ hasText: 'Authentication failed' })
    .filter({ hasText: 'GET /logs/metrics' })
    .first();
  await expect(failure).toContainText('unknown');
  await expect(failure).toContainText(/\d{2}:\d{2}:\d{2}/);
  await expect(failure).toContainText('127.0.0.1');

  // The panel refreshes by itself when the socket reports the panic.
  await page.getByRole('button', { name: 'Panic…' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByLabel(/Type PANIC to confirm/).fill('PANIC');
  await dialog.getByRole('button', { name: 'Wipe everything' }).click();
  await expect(page.getByTestId('panic-alert')).toBeVisible();
  const newest = trail.getByRole('row').nth(1);
  await expect(newest).toContainText('Panic');
  await expect(newest).toContainText('admin');
  await saveScreenshot(page, 'audit-trail');

  await trail.getByRole('button', { name: 'Refresh' }).focus();
  await page.keyboard.press('Escape');
  await expect(trail).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});

test('a viewer has no audit control', async ({ page }) => {
  await openDashboard(page, VIEWER_KEY);
  await expect(page.getByTestId('role')).toHaveText('viewer');
  await expect(page.getByRole('button', { name: 'Audit' })).toHaveCount(0);
});
