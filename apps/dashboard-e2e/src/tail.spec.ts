import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { logLines, openDashboard, postLog, uniqueMarker } from './dashboard';
import { ADMIN_KEY, INGEST_KEY, VIEWER_KEY } from './keys';

test('a posted log appears within a second with personal data masked', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('signup');
  await openDashboard(page, ADMIN_KEY);
  await expect(page).not.toHaveURL(/token=/);

  await postLog(request, {
    level: 'info',
    service,
    message: `new account for jane.doe@example.com (${service})`,
    context: { user: { email: 'jane.doe@example.com', plan: 'pro' } },
  });

  const line = logLines(page).filter({ hasText: service });
  await expect(line).toBeVisible({ timeout: 1_000 });
  await expect(line).toContainText('[EMAIL]');
  await expect(line).not.toContainText('jane.doe');
  await saveScreenshot(page, 'main-view');

  await line.click();
  const detail = page.getByRole('region', { name: 'Log entry details' });
  const fields = detail.getByRole('table', { name: 'Context fields' });
  await expect(fields.getByRole('row').filter({ hasText: 'user.plan' })).toContainText('pro');
  await expect(detail).toContainText('EMAIL × 2');
  await expect(detail).not.toContainText('jane.doe');
  await saveScreenshot(page, 'detail-pane');

  await detail.getByRole('button', { name: 'View in context' }).click();
  await expect(detail.getByRole('list', { name: 'Surrounding entries' })).toContainText(service);
});

test('the level filter and the search narrow the list', async ({ page, request }) => {
  const service = uniqueMarker('filters');
  for (const [level, word] of [
    ['info', 'alpha'],
    ['error', 'beta'],
    ['warn', 'gamma'],
  ]) {
    await postLog(request, { level, service, message: `${word} ${service}` });
  }
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(3);

  await page
    .getByRole('group', { name: 'Show only these levels' })
    .getByRole('button', { name: /^error/ })
    .click();
  await expect(logLines(page)).toHaveCount(1);
  await expect(logLines(page)).toContainText('beta');
  await expect(page).toHaveURL(/levels=error/);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.goto(`/?services=${service}`);
  await expect(logLines(page)).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('GAMMA');
  await expect(logLines(page)).toHaveCount(1);
  await expect(logLines(page).locator('mark')).toHaveText('gamma');
  await expect(page).toHaveURL(/q=GAMMA/);
});

test('pause counts new lines and resume shows them all', async ({ page, request }) => {
  const service = uniqueMarker('pause');
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await postLog(request, { level: 'info', service, message: `first ${service}` });
  await expect(logLines(page)).toHaveCount(1);

  await page.getByRole('button', { name: 'Pause' }).click();
  for (let i = 1; i <= 5; i++) {
    await postLog(request, { level: 'info', service, message: `held ${i} ${service}` });
  }
  await expect(page.getByText('5 new')).toBeVisible();
  await expect(logLines(page)).toHaveCount(1);

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(logLines(page)).toHaveCount(6);
  await expect(logLines(page).last()).toContainText('held 5');
});

test('a viewer sees the role and no panic button; an admin does', async ({ page }) => {
  await openDashboard(page, VIEWER_KEY);
  await expect(page.getByTestId('role')).toHaveText('viewer');
  await expect(page.getByRole('button', { name: /Panic/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('API key (viewer or admin)')).toBeVisible();
  await page.getByLabel('API key (viewer or admin)').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('role')).toHaveText('admin');
  await expect(page.getByRole('button', { name: /Panic/ })).toBeVisible();
});

test('a rejected key clears the screen and says why', async ({ page }) => {
  await page.goto('/#token=not-a-real-key');
  await expect(page.getByRole('alert')).toContainText('not accepted');
  await expect(page.getByRole('listbox', { name: 'Log lines' })).toHaveCount(0);
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('the live tail keeps the newest line in view while wrapped lines of any height stream in', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('follow');
  await openDashboard(page, VIEWER_KEY, `?services=${service}&wrap=1`);
  const list = page.getByRole('listbox', { name: 'Log lines' });
  for (let batch = 1; batch <= 6; batch += 1) {
    // Lines of one to six wrapped rows, so the content's height changes by uneven steps.
    const lines = Array.from({ length: 40 }, (_, i) => ({
      level: 'info',
      service,
      message: `batch ${batch} line ${i + 1} ${'padding '.repeat(((i * 7) % 6) * 30)}end`,
    }));
    const posted = await request.post('/logs/batch', {
      headers: { Authorization: `Bearer ${INGEST_KEY}` },
      data: lines,
    });
    expect(posted.status()).toBe(201);
    const newest = list.getByRole('option', { name: new RegExp(`batch ${batch} line 40 `) });
    await expect(newest).toBeInViewport();
  }
  await expect(page.getByTestId('tail-state')).toHaveText('Live');
  await saveScreenshot(page, 'tail-follows-wrapped-lines');
});
