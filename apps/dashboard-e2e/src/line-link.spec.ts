import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { logLines, openDashboard, postLog, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

test('a line’s link opens it for a teammate who signs in, with the view around it', async ({
  page,
  context,
  browser,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const marker = uniqueMarker('linked');
  await postLog(request, { level: 'error', service: 'billing', message: `${marker} failed` });
  await openDashboard(page, ADMIN_KEY, `?q=${marker}`);
  await logLines(page).filter({ hasText: marker }).click();
  const detail = page.getByRole('region', { name: 'Log entry details' });
  await expect(detail).toContainText(`${marker} failed`);
  // The address names the open line.
  // The address names the open line: its id, and the tag of the key epoch it belongs to.
  await expect(page).toHaveURL(/[?&]line=\d+-\d+(~|%7E)[\w-]{16}(&|$)/);
  const param = new URL(page.url()).searchParams.get('line') ?? '';
  const id = param.split('~')[0];

  await detail.getByRole('button', { name: 'Copy link' }).click();
  await expect(detail.getByRole('status')).toHaveText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).searchParams.get('line')).toBe(param);
  expect(new URL(link).searchParams.get('q')).toBe(marker);
  expect(link).not.toContain('#');
  expect(link).not.toContain(ADMIN_KEY);

  // Closing the pane takes the line out of the address.
  await detail.getByRole('button', { name: 'Close details' }).click();
  await expect(page).not.toHaveURL(/line=/);

  // Someone else opens the link in a browser of their own and signs in with their key.
  const teammate = await browser.newPage();
  try {
    await teammate.goto(link);
    await expect(teammate.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await teammate.getByLabel('API key (viewer or admin)').fill(ADMIN_KEY);
    await teammate.getByRole('button', { name: 'Sign in' }).click();
    const opened = teammate.getByRole('region', { name: 'Log entry details' });
    await expect(opened).toContainText(`${marker} failed`);
    await expect(opened).toContainText(id);
    await expect(teammate.getByRole('searchbox', { name: 'Search messages' })).toHaveValue(marker);
    await saveScreenshot(teammate, 'line-link-opened');
  } finally {
    await teammate.close();
  }
});

test('a link to a line no longer stored says so and opens nothing', async ({ page }) => {
  await openDashboard(page, ADMIN_KEY, '?line=1-999999999');
  await expect(page.getByRole('status').filter({ hasText: 'linked line' })).toHaveText(
    /The linked line is no longer stored: it was evicted, or wiped by a panic\./,
  );
  await expect(page.getByRole('region', { name: 'Log entry details' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page).not.toHaveURL(/line=/);

  // The same id under another epoch tag (a restarted server's): not this server's line.
  await openDashboard(page, ADMIN_KEY);
  const known = await page.evaluate(async (key) => {
    const answer = await fetch('/logs?limit=1', { headers: { Authorization: `Bearer ${key}` } });
    return ((await answer.json()) as { entries: { id: string }[] }).entries[0]?.id ?? '1-1';
  }, ADMIN_KEY);
  await page.goto(`/?line=${known}~anotherServersTag0`);
  await expect(page.getByRole('status').filter({ hasText: 'linked line' })).toHaveText(
    /no longer stored/,
  );
  await expect(page.getByRole('region', { name: 'Log entry details' })).toHaveCount(0);

  await page.goto('/?line=3-1e3');
  await expect(page.getByRole('status').filter({ hasText: 'line' })).toHaveText(
    /This link’s line is not an entry id/,
  );
});
