import { expect, type Page, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { logLines, openDashboard, postLog, uniqueMarker } from './dashboard';
import { ADMIN_KEY, INGEST_KEY } from './keys';

function histogram(page: Page) {
  return page.getByRole('img', { name: /^Volume by level/ });
}

async function postMany(
  request: Parameters<typeof postLog>[0],
  service: string,
  words: string[],
  level = 'info',
): Promise<void> {
  for (const word of words)
    await postLog(request, { level, service, message: `${word} ${service}` });
}

for (const width of [1440, 390]) {
  test(`a preset range pauses live and "Back to live" resumes with no gap and no duplicate (${width} px)`, async ({
    page,
    request,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    const service = uniqueMarker('range');
    await postMany(request, service, ['before-1', 'before-2', 'before-3']);
    await postLog(request, { level: 'error', service, message: `before-4 ${service}` });
    await openDashboard(page, ADMIN_KEY, `?services=${service}`);
    await expect(logLines(page)).toHaveCount(4);
    await expect(histogram(page)).toHaveAttribute('aria-label', /4 entries, 1 errors or worse/);

    await page
      .getByRole('group', { name: 'Time range' })
      .getByRole('button', { name: 'Last 5 min' })
      .click();
    await expect(page).toHaveURL(/since=.*until=/);
    await expect(page.getByTestId('range-shown')).toBeVisible();
    await expect(logLines(page)).toHaveCount(4);
    await saveScreenshot(page, `volume-range-${width}`);

    // Lines that arrive while a past range is shown wait for "Back to live".
    await postMany(request, service, ['during-1', 'during-2']);
    await page.waitForTimeout(700);
    await expect(logLines(page)).toHaveCount(4);

    await page.getByRole('button', { name: 'Back to live' }).click();
    await expect(page).not.toHaveURL(/since=/);
    await expect(logLines(page)).toHaveCount(6);
    for (const word of ['before-1', 'before-2', 'before-3', 'before-4', 'during-1', 'during-2']) {
      await expect(logLines(page).filter({ hasText: `${word} ${service}` })).toHaveCount(1);
    }
    await expect(histogram(page)).toHaveAttribute('aria-label', /6 entries/);

    // Live again: new lines show up and are counted into the chart.
    await postMany(request, service, ['after-1']);
    await expect(logLines(page).filter({ hasText: `after-1 ${service}` })).toHaveCount(1);
    await expect(histogram(page)).toHaveAttribute('aria-label', /7 entries/);
    await saveScreenshot(page, `volume-live-${width}`);
  });
}

test('dragging across the histogram zooms into that time range and puts it in the URL', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const service = uniqueMarker('brush');
  await postMany(request, service, ['one', 'two']);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(2);

  const box = await histogram(page).boundingBox();
  if (!box) throw new Error('the histogram has no box');
  // From the left of the plot to its right edge: the whole window, which holds both lines.
  await page.mouse.move(box.x + 40, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width - 9, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();

  await expect(page).toHaveURL(/since=.*until=/);
  await expect(page.getByTestId('range-shown')).toBeVisible();
  await expect(logLines(page)).toHaveCount(2);
  await saveScreenshot(page, 'volume-brushed-1440');

  // The browser's Back button returns to live.
  await page.goBack();
  await expect(page).not.toHaveURL(/since=/);
  await expect(
    page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: 'Live' }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('a custom range reads both dates, refuses them reversed and shows only its lines', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const service = uniqueMarker('custom');
  await postMany(request, service, ['now-line']);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(1);

  await page.getByRole('button', { name: 'Custom…' }).click();
  const form = page.getByRole('form', { name: 'Custom time range' });
  await form.getByLabel('From').fill('2026-01-02T10:00:00');
  await form.getByLabel('To').fill('2026-01-01T10:00:00');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(form.getByRole('alert')).toHaveText('The start must be before the end.');

  await form.getByLabel('To').fill('2026-01-03T10:00:00');
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('range-shown')).toContainText(
    '2026-01-02 10:00:00 – 2026-01-03 10:00:00',
  );
  await expect(page).toHaveURL(/since=2026-01-0/);
  await expect(logLines(page)).toHaveCount(0);
  await expect(histogram(page)).toHaveAttribute('aria-label', /: 0 entries/);

  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(logLines(page)).toHaveCount(1);
});

test('a shared link with a range opens on that range', async ({ page, request }) => {
  const service = uniqueMarker('link');
  await postMany(request, service, ['linked']);
  const since = new Date(Date.now() - 10 * 60_000).toISOString();
  const until = new Date(Date.now() + 60_000).toISOString();
  await openDashboard(page, ADMIN_KEY, `?services=${service}&since=${since}&until=${until}`);
  await expect(page.getByTestId('range-shown')).toBeVisible();
  await expect(logLines(page)).toHaveCount(1);
  await expect(
    page.getByRole('group', { name: 'Time range' }).getByRole('button', { name: 'Live' }),
  ).toHaveAttribute('aria-pressed', 'false');
});

test('a range holding more than a page pages back within it and never past its start', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('paged');
  const now = Date.now();
  const inside = Array.from({ length: 250 }, (_, i) => ({
    level: 'info',
    service,
    message: `inside ${250 - i} of ${service}`,
    timestamp: new Date(now - (i + 1) * 5_000).toISOString(),
  }));
  const before = Array.from({ length: 5 }, (_, i) => ({
    level: 'warn',
    service,
    message: `two hours ago ${i} of ${service}`,
    timestamp: new Date(now - 2 * 3_600_000 - i * 1_000).toISOString(),
  }));
  const posted = await request.post('/logs/batch', {
    headers: { Authorization: `Bearer ${INGEST_KEY}` },
    data: [...before, ...inside],
  });
  expect(posted.status()).toBe(201);

  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await page
    .getByRole('group', { name: 'Time range' })
    .getByRole('button', { name: 'Last 1 h' })
    .click();
  await expect(histogram(page)).toHaveAttribute('aria-label', /: 250 entries, 0 errors/);
  // The first page of the range, then the rest of it from GET /logs's cursor.
  await expect(logLines(page).first()).toBeVisible();
  // The list may already have paged back by itself (reaching the top loads older lines), which
  // disables the button; otherwise the reader asks for the rest.
  const loadOlder = page.getByRole('button', { name: 'Load older' });
  const status = page.getByTestId('history-status');
  await expect(async () => {
    if (await loadOlder.isEnabled()) await loadOlder.click({ timeout: 1_000 });
    await expect(status).toHaveText('No older entries', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole('listbox', { name: 'Log lines' })).not.toContainText('two hours ago');
  await expect(page.getByText(/^250 lines$/)).toBeVisible();
});
