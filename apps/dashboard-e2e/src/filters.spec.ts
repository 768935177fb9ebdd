import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { logLines, openDashboard, postLog, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

test('exclude and regex filters narrow the stream and travel in the URL', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('exclude');
  for (const word of ['keep-1', 'keep-22', 'keep-x']) {
    await postLog(request, { level: 'info', service, message: `${word} ${service}` });
  }
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(3);

  const exclude = page.getByRole('searchbox', { name: 'Exclude messages containing' });
  await exclude.fill('KEEP-22');
  await expect(logLines(page)).toHaveCount(2);
  await expect(logLines(page).filter({ hasText: 'keep-22' })).toHaveCount(0);
  await expect(page).toHaveURL(/exclude=KEEP-22/);

  await exclude.fill('');
  await expect(logLines(page)).toHaveCount(3);
  const search = page.getByRole('searchbox', { name: 'Search messages' });
  await search.fill('^keep-\\d+');
  await expect(logLines(page)).toHaveCount(0);
  const regex = page.getByRole('button', { name: 'Regular expressions' });
  await regex.click();
  await expect(regex).toHaveAttribute('aria-pressed', 'true');
  await expect(logLines(page)).toHaveCount(2);
  await expect(logLines(page).filter({ hasText: 'keep-x' })).toHaveCount(0);
  await expect(page).toHaveURL(/regex=1/);
  const shared = new URL(page.url());
  expect(shared.searchParams.get('q')).toBe('^keep-\\d+');
  expect(shared.searchParams.has('exclude')).toBe(false);

  await page.goto(`${shared.pathname}${shared.search}`);
  await expect(page.getByRole('button', { name: 'Regular expressions' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(logLines(page)).toHaveCount(2);

  // Patterns run on RE2, so lookaround (which needs backtracking) is refused with a reason.
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('keep(?=-x)');
  await expect(page.locator('#rt-pattern-error')).toContainText('Search pattern');
  await expect(page.getByRole('searchbox', { name: 'Search messages' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
});

test('context fields chosen as columns show on every line and travel in the URL', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('columns');
  await postLog(request, {
    level: 'error',
    service,
    message: `upstream failed ${service}`,
    context: { status: 502, user: { id: 'u-42', email: 'ann@example.com' } },
  });
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(1);

  const columns = page.getByRole('textbox', { name: 'Columns' });
  await columns.fill('status, user.id, user.email');
  await columns.press('Enter');
  await expect(page).toHaveURL(
    /fields=status%2Cuser\.id%2Cuser\.email|fields=status,user\.id,user\.email/,
  );
  const line = logLines(page).first();
  const heads = page.getByRole('group', { name: 'Columns' });
  await expect(heads).toContainText('status');
  await expect(heads).toContainText('user.email');
  await expect(line.locator('[data-field="status"]')).toHaveText('502');
  await expect(line.locator('[data-field="user.id"]')).toHaveText('u-42');
  await expect(line.locator('[data-field="user.email"]')).toHaveText('[EMAIL]');
  await expect(line).not.toContainText('ann@example.com');
  await saveScreenshot(page, 'field-columns');

  // The layout is part of the link: reopening it shows the same columns.
  await page.reload();
  await expect(logLines(page).first().locator('[data-field="user.id"]')).toHaveText('u-42');
  await expect(page.getByRole('textbox', { name: 'Columns' })).toHaveValue(
    'status, user.id, user.email',
  );
});
