import { expect, test, type Locator } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { NARROW, WIDE, logLines, openDashboard, postEntry, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

/** The row is as tall as its text: nothing is cut at the bottom. */
async function fitsItsText(line: Locator): Promise<boolean> {
  return line.evaluate((row) => row.scrollHeight <= row.clientHeight + 1);
}

const TRACE = [
  'Error: order 42 could not be placed',
  '    at Layer.handle (/srv/shop/node_modules/express/lib/router/layer.js:95:5)',
  '    at placeOrder (/srv/shop/src/orders.js:12:19)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
].join('\n');

test('long lines end in an ellipsis, wrap when asked, and the choice is remembered', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('wrap');
  const long = `${'word '.repeat(80)}end-of-line ${service}`;
  await postEntry(request, { level: 'info', service, message: long });
  await page.setViewportSize(WIDE);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  const line = logLines(page).first();
  await expect(line).toContainText('word word');
  const text = line.locator('.text');
  await expect(text).toHaveCSS('text-overflow', 'ellipsis');
  const oneLine = (await line.boundingBox())?.height ?? 0;

  await page.getByRole('button', { name: 'Wrap' }).click();
  await expect(page).toHaveURL(/wrap=1/);
  await expect(page.getByRole('button', { name: 'Wrap' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await line.boundingBox())?.height ?? 0).toBeGreaterThan(oneLine);
  // The whole line is on screen: its end is not cut off.
  await expect(line.getByText(`end-of-line ${service}`)).toBeInViewport();
  expect(await fitsItsText(line)).toBe(true);
  await saveScreenshot(page, 'lines-wrapped-1440');
  await page.setViewportSize(NARROW);
  // On a phone the list sits below the metrics, filters and histogram: the page scrolls to it.
  await line.getByText(`end-of-line ${service}`).scrollIntoViewIfNeeded();
  await expect(line.getByText(`end-of-line ${service}`)).toBeInViewport();
  await expect.poll(() => fitsItsText(line)).toBe(true);
  await saveScreenshot(page, 'lines-wrapped-390');

  // A link without wrap= opens as this browser last chose.
  await page.goto(`/?services=${service}`);
  await expect(page.getByRole('button', { name: 'Wrap' })).toHaveAttribute('aria-pressed', 'true');
});

test('a stack trace shows its first line with +N lines, expands in place, and reads line by line in the detail pane', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('trace');
  await postEntry(request, { level: 'error', service, message: TRACE });
  await page.setViewportSize(WIDE);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  const line = logLines(page).first();
  await expect(line).toContainText('Error: order 42 could not be placed');
  await expect(line).not.toContainText('placeOrder');

  const more = line.getByText('+3 lines', { exact: true });
  await more.click();
  await expect(line).toContainText('at placeOrder (/srv/shop/src/orders.js:12:19)');
  await expect(line.getByText('at placeOrder (/srv/shop/src/orders.js:12:19)')).toBeInViewport();
  expect(await fitsItsText(line)).toBe(true);
  await saveScreenshot(page, 'lines-expanded-1440');

  await line.click();
  const detail = page.getByRole('region', { name: 'Log entry details' });
  const lines = detail.getByTestId('message-lines').locator('.line');
  await expect(lines).toHaveCount(4);
  await expect(lines.nth(2)).toHaveAttribute('data-kind', 'app-frame');
  await expect(lines.nth(1)).toHaveAttribute('data-kind', 'frame');
  await expect(lines.nth(2)).toHaveCSS('white-space', 'pre-wrap');
  await saveScreenshot(page, 'lines-detail-1440');
  await page.setViewportSize(NARROW);
  await expect(lines.nth(2)).toBeVisible();
  await saveScreenshot(page, 'lines-detail-390');

  await line.getByText('fold', { exact: true }).click();
  await expect(line).not.toContainText('placeOrder');
});
