import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';

test('the dashboard shell renders the product name and the connection state', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });

  await page.goto('/');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redtail');
  await expect(page.getByRole('status', { name: /Connection/ })).toBeVisible();
  await expect(page).toHaveTitle('Redtail');
  await saveScreenshot(page, 'shell');
  expect(consoleErrors).toEqual([]);
});
