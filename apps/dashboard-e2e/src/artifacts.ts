import type { Page } from '@playwright/test';
import { join } from 'node:path';

/** Screenshots kept as CI artifacts: apps/dashboard-e2e/artifacts/<name>.png */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: join(__dirname, '..', 'artifacts', `${name}.png`),
    fullPage: true,
  });
}
