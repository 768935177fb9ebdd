import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { saveScreenshot } from './artifacts';
import { WIDE, logLines, openDashboard, postEntry, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

interface Frames {
  sent: string[];
  received: string[];
}

/** Every WebSocket text frame the page sends and receives, as they travelled. */
function recordFrames(page: Page): Frames {
  const frames: Frames = { sent: [], received: [] };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload === 'string') frames.sent.push(payload);
    });
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload === 'string') frames.received.push(payload);
    });
  });
  return frames;
}

/**
 * Waits until a `subscribe` the page sent after its `from`th frame has been acknowledged: only
 * then do live lines follow the new subscription. A line stored before the server reads the
 * request still goes out under the one it replaces (and the replay after it), so a line posted
 * right after the click could travel either way.
 */
async function resubscribed(frames: Frames, from: number): Promise<void> {
  await expect
    .poll(() =>
      frames.sent.slice(from).some((frame) => {
        // Engine.IO message, Socket.IO event with an ack id, in the /logs namespace.
        const id = /^42\/logs,(\d+)\["subscribe"/.exec(frame)?.[1];
        return (
          id !== undefined && frames.received.some((answer) => answer.startsWith(`43/logs,${id}[`))
        );
      }),
    )
    .toBe(true);
}

/** The `logs` frame that carried `message` live (not a subscription's acknowledgement). */
function liveFrameWith(frames: Frames, message: string): string | undefined {
  return frames.received.find((frame) => frame.includes('"logs"') && frame.includes(message));
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
  // By the field's name, which no service marker can contain (a marker may end in "o-17").
  expect(bare).not.toContain('"orderId"');

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
  let sentBefore = frames.sent.length;
  await detail.getByRole('button', { name: 'Add orderId as column' }).click();
  await expect(page).toHaveURL(/fields=orderId/);
  await resubscribed(frames, sentBefore);
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
  expect(liveFrameWith(frames, second)).toContain('"orderId":"o-18"');
  await saveScreenshot(page, 'live-context-column-1440');

  // Without it the stream drops the context again, and no line is lost or repeated.
  sentBefore = frames.sent.length;
  await page
    .getByRole('group', { name: 'Columns' })
    .getByRole('button', { name: 'Remove column orderId' })
    .click();
  await resubscribed(frames, sentBefore);
  const third = `order shipped ${service}`;
  await postEntry(request, {
    level: 'info',
    service,
    message: third,
    context: { orderId: 'o-19' },
  });
  await expect(logLines(page).filter({ hasText: third })).toHaveCount(1);
  expect(liveFrameWith(frames, third)).not.toContain('"orderId"');
  await expect(logLines(page)).toHaveCount(4);
});
