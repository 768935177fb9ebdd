import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { NARROW, WIDE, logLines, openDashboard, postEntry, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

test('times show a date when not from today, switch to UTC, say how long ago on hover, and travel in the URL', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('time');
  const lastYear = new Date();
  lastYear.setUTCFullYear(lastYear.getUTCFullYear() - 1, 5, 15);
  lastYear.setUTCHours(12, 0, 0, 0);
  await postEntry(request, {
    level: 'info',
    service,
    message: `old ${service}`,
    timestamp: lastYear.toISOString(),
  });
  await postEntry(request, { level: 'info', service, message: `new ${service}` });
  await page.setViewportSize(WIDE);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(2);

  const year = lastYear.getUTCFullYear();
  const oldTime = logLines(page)
    .filter({ hasText: `old ${service}` })
    .locator('time');
  const newTime = logLines(page)
    .filter({ hasText: `new ${service}` })
    .locator('time');
  await expect(oldTime).toHaveText(new RegExp(`^${year}-06-1[45] \\d{2}:\\d{2}:\\d{2}\\.\\d{3}$`));
  await expect(newTime).toHaveText(/^\d{2}:\d{2}:\d{2}\.\d{3}$/);

  await page.getByRole('button', { name: 'UTC' }).click();
  await expect(page).toHaveURL(/tz=utc/);
  await expect(oldTime).toHaveText(`${year}-06-15 12:00:00.000`);
  await expect(page.getByRole('group', { name: 'Columns' })).toContainText('Time (UTC)');

  await newTime.hover();
  await expect(newTime).toHaveAttribute('title', /^(just now|\d+ s ago|\d+ min ago) · /);
  await oldTime.hover();
  await expect(oldTime).toHaveAttribute('title', /^\d+ days ago · /);
  await saveScreenshot(page, 'time-utc-1440');
  await page.setViewportSize(NARROW);
  await expect(oldTime).toBeVisible();
  await saveScreenshot(page, 'time-utc-390');

  // The link carries the zone: opened elsewhere, it shows the same times.
  await page.goto(`/?services=${service}&tz=utc#token=${ADMIN_KEY}`);
  await expect(
    logLines(page)
      .filter({ hasText: `old ${service}` })
      .locator('time'),
  ).toHaveText(`${year}-06-15 12:00:00.000`);
});
