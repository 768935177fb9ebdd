import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { WIDE, logLines, openDashboard, postEntry, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

test('a field’s most frequent values in the view, counted by the server, one click from a filter', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('values');
  const statuses = [500, 500, 500, 502, 200];
  for (const [index, status] of statuses.entries()) {
    await postEntry(request, {
      level: status === 200 ? 'info' : 'error',
      service,
      message: `request ${index} ${service}`,
      context: { http: { status }, user: { email: `u${index}@example.com` } },
    });
  }
  await postEntry(request, { level: 'error', service, message: `no status ${service}` });
  await page.setViewportSize(WIDE);
  await openDashboard(page, ADMIN_KEY, `?services=${service}&level=error`);
  await expect(logLines(page)).toHaveCount(5);

  await logLines(page)
    .filter({ hasText: `request 3 ${service}` })
    .click();
  const detail = page.getByRole('region', { name: 'Log entry details' });
  await detail.getByRole('button', { name: 'Values of http.status in this view' }).click();
  const values = detail.getByRole('region', { name: 'Values of http.status' });
  const list = values.getByRole('list', { name: 'Most frequent values of http.status' });
  await expect(list.getByRole('listitem')).toHaveText([/500\s*3\s*Filter/, /502\s*1\s*Filter/]);
  // Only the view's lines: the info line's 200 is not among them.
  await expect(values).toContainText('5 lines counted · 1 without it');
  await saveScreenshot(page, 'field-values');

  // Masked values are counted as stored.
  await detail.getByRole('button', { name: 'Values of user.email in this view' }).click();
  await expect(detail.getByRole('region', { name: 'Values of user.email' })).toContainText(
    /\[EMAIL\]\s*4/,
  );
  await expect(detail).not.toContainText('@example.com');

  await detail.getByRole('button', { name: 'Values of http.status in this view' }).click();
  await values.getByRole('button', { name: 'Filter http.status=500' }).click();
  await expect(page).toHaveURL(/where=http\.status%3D500/);
  await expect(logLines(page)).toHaveCount(3);
});
