import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { saveScreenshot } from './artifacts';
import { WIDE, logLines, openDashboard, postEntry, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

/** Every WebSocket text frame the page receives, as sent. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') frames.push(payload);
    }),
  );
  return frames;
}

/** The `logs` frame that carried `message` live (not a subscription's acknowledgement). */
function liveFrameWith(frames: readonly string[], message: string): string | undefined {
  return frames.find((frame) => frame.includes('"logs"') && frame.includes(message));
}

test('live lines come without their context until a column reads it; the pane and the export fetch it', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('bare');
  const frames = recordFrames(page);
  await page.setViewportSize(WIDE);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  // A first line seen means the subscription is acknowledged: what follows arrives live.
  await postEntry(request, { level: 'info', service, message: `ready ${service}` });
  await expect(logLines(page)).toHaveCount(1);

  const first = `order failed ${service}`;
  await postEntry(request, {
    level: 'error',
    service,
    message: first,
    context: { orderId: 'o-17', status: 502 },
  });
  await expect(logLines(page)).toHaveCount(2);
  const bare = liveFrameWith(frames, first);
  expect(bare).toBeDefined();
  expect(bare).not.toContain('o-17');

  // The detail pane fetches the line whole.
  await logLines(page).filter({ hasText: first }).click();
  const detail = page.getByRole('region', { name: 'Log entry details' });
  await expect(detail).toContainText('o-17');
  await expect(detail.getByRole('button', { name: 'Add orderId as column' })).toBeVisible();
  await saveScreenshot(page, 'live-context-detail-1440');

  // So does the export.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download' }).click(),
  ]);
  const saved = (await readFile(await download.path(), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  expect(saved.map((entry) => entry.message)).toEqual([`ready ${service}`, first]);
  expect(saved[1].context).toEqual({ orderId: 'o-17', status: 502 });
  expect(saved[1]).not.toHaveProperty('contextWithheld');

  // A column that reads the context fills it in for the lines shown and brings it back live.
  await detail.getByRole('button', { name: 'Add orderId as column' }).click();
  await expect(page).toHaveURL(/fields=orderId/);
  const column = (message: string) =>
    logLines(page).filter({ hasText: message }).locator('[data-field="orderId"]');
  await expect(column(first)).toHaveText('o-17');
  await expect(logLines(page)).toHaveCount(2);
  const second = `order retried ${service}`;
  await postEntry(request, {
    level: 'warn',
    service,
    message: second,
    context: { orderId: 'o-18' },
  });
  await expect(column(second)).toHaveText('o-18');
  expect(liveFrameWith(frames, second)).toContain('o-18');
  await saveScreenshot(page, 'live-context-column-1440');

  // Without it the stream drops the context again, and no line is lost or repeated.
  await page
    .getByRole('group', { name: 'Columns' })
    .getByRole('button', { name: 'Remove column orderId' })
    .click();
  const third = `order shipped ${service}`;
  await postEntry(request, {
    level: 'info',
    service,
    message: third,
    context: { orderId: 'o-19' },
  });
  await expect(logLines(page).filter({ hasText: third })).toHaveCount(1);
  expect(liveFrameWith(frames, third)).not.toContain('o-19');
  await expect(logLines(page)).toHaveCount(4);
});
