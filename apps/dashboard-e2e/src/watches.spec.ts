import { expect, type Page, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { logLines, openDashboard, postLog, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

/** Filters the main view by a search and waits for the link to carry it. */
async function search(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search messages' }).fill(text);
  await expect(page).toHaveURL(
    new RegExp(`q=${encodeURIComponent(text).replace(/%20/g, '(\\+|%20)')}`),
  );
}

async function watchView(page: Page, name: string): Promise<void> {
  const toggle = page.getByRole('button', { name: /^Watches/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const panel = page.getByRole('region', { name: 'Watches' });
  await panel.getByRole('textbox', { name: 'Name' }).fill(name);
  await panel.getByRole('button', { name: 'Watch this view' }).click();
  await expect(panel.getByRole('list', { name: 'Watched filters' })).toContainText(name);
  await expect(panel.getByRole('listitem').filter({ hasText: name })).toContainText('no new lines');
}

test('a watch counts matching lines the view does not show, in its menu and the tab title, and opens them', async ({
  page,
  request,
}) => {
  const marker = uniqueMarker('declined');
  const service = uniqueMarker('watch-checkout');
  await openDashboard(page, ADMIN_KEY);

  // Nothing to watch while the view shows every line.
  await page.getByRole('button', { name: /^Watches/ }).click();
  const panel = page.getByRole('region', { name: 'Watches' });
  await expect(panel.getByRole('button', { name: 'Watch this view' })).toBeDisabled();
  await expect(panel).toContainText('Filter the view first');

  await search(page, `card ${marker}`);
  await watchView(page, 'Card declines');
  await saveScreenshot(page, 'watches-added');

  // Look at something else: another service's lines.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await search(page, 'nothing-that-matches-this');
  await postLog(request, { level: 'warn', service, message: `card ${marker} for [EMAIL] (1)` });
  await postLog(request, { level: 'info', service, message: `paid ${marker}` });
  await postLog(request, { level: 'error', service, message: `card ${marker} again (2)` });

  const badge = page.getByTestId('watches-unseen');
  await expect(badge).toHaveText(/^\s*,?\s*2\s*new\s*$/);
  await expect(page).toHaveTitle('(2) Redtail');
  await page.getByRole('button', { name: /^Watches/ }).click();
  const item = panel.getByRole('listitem').filter({ hasText: 'Card declines' });
  await expect(item).toContainText('2 new');
  await saveScreenshot(page, 'watches-counted');

  await item.getByRole('button', { name: 'Card declines', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=card(\\+|%20)${marker}`));
  await expect(logLines(page)).toHaveCount(2);
  await expect(badge).toBeHidden();
  await expect(page).toHaveTitle('Redtail');
  // Showing a watch is a step of its own: Back returns to what was shown before.
  await page.goBack();
  await expect(page).toHaveURL(/q=nothing-that-matches-this/);

  // Kept in this browser: a reload watches again, and removing it stops.
  await page.reload();
  await expect(page.getByRole('status', { name: 'Connection: Connected' })).toBeVisible();
  await page.getByRole('button', { name: /^Watches/ }).click();
  await expect(item).toContainText('no new lines');
  await item.getByRole('button', { name: 'Remove watch Card declines' }).click();
  await expect(panel.getByRole('list', { name: 'Watched filters' })).toBeHidden();
});

test('a hidden tab gets a desktop notification naming the watch, never the line, and its click shows the lines', async ({
  page,
  request,
}) => {
  // The browser's notifications and visibility, as a person switching tabs would have them.
  await page.addInitScript(() => {
    type Shown = { title: string; body?: string; tag?: string; click: () => void };
    const shown: Shown[] = [];
    let hidden = false;
    const global = window as unknown as Record<string, unknown>;
    global['__notifications'] = shown;
    global['__setHidden'] = (value: boolean) => {
      hidden = value;
      document.dispatchEvent(new Event('visibilitychange'));
    };
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (hidden ? 'hidden' : 'visible'),
    });
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static async requestPermission(): Promise<NotificationPermission> {
        FakeNotification.permission = 'granted';
        return 'granted';
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options: NotificationOptions = {}) {
        shown.push({ title, body: options.body, tag: options.tag, click: () => this.onclick?.() });
      }
      close(): void {
        // Nothing is on a desktop.
      }
    }
    global['Notification'] = FakeNotification;
  });

  const marker = uniqueMarker('oom');
  await openDashboard(page, ADMIN_KEY);
  await search(page, marker);
  await watchView(page, 'Out of memory');
  const panel = page.getByRole('region', { name: 'Watches' });
  await panel.getByRole('checkbox', { name: /Desktop notification/ }).check();
  await expect(panel.getByRole('status')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await search(page, 'something-else-entirely');

  await page.evaluate(() =>
    (window as unknown as { __setHidden: (v: boolean) => void }).__setHidden(true),
  );
  await postLog(request, {
    level: 'fatal',
    service: 'worker',
    message: `${marker} killed, user someone@example.com`,
  });
  const notifications = () =>
    page.evaluate(() =>
      (
        window as unknown as { __notifications: { title: string; body?: string }[] }
      ).__notifications.map(({ title, body }) => ({ title, body })),
    );
  await expect
    .poll(notifications)
    .toEqual([{ title: 'Redtail: Out of memory', body: '1 new line matches this watch.' }]);
  expect(JSON.stringify(await notifications())).not.toMatch(/killed|EMAIL|example/);

  await page.evaluate(() => {
    const global = window as unknown as {
      __setHidden: (v: boolean) => void;
      __notifications: { click: () => void }[];
    };
    global.__setHidden(false);
    global.__notifications[0].click();
  });
  await expect(page).toHaveURL(new RegExp(`q=${marker}`));
  await expect(logLines(page).filter({ hasText: marker })).toHaveCount(1);
  await expect(page).toHaveTitle('Redtail');
});

test('on a phone the watches panel opens whole, inside the screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openDashboard(page, ADMIN_KEY, '?level=error');
  await page.getByRole('button', { name: /^Watches/ }).click();
  const panel = page.getByRole('region', { name: 'Watches' });
  await panel.getByRole('button', { name: 'Watch this view' }).click();
  await expect(panel.getByRole('listitem')).toContainText('error and above');
  const box = await panel.boundingBox();
  expect(
    box && box.x >= 0 && box.x + box.width <= 360 && box.y >= 0 && box.y + box.height <= 740,
  ).toBe(true);
  await saveScreenshot(page, 'watches-360');
});

test('Escape closes the watches panel and leaves the open line alone', async ({
  page,
  request,
}) => {
  const marker = uniqueMarker('escape');
  await postLog(request, { level: 'info', service: 'esc', message: `${marker} open me` });
  await openDashboard(page, ADMIN_KEY, `?q=${marker}`);
  await logLines(page).filter({ hasText: marker }).click();
  const detail = page.getByRole('region', { name: 'Log entry details' });
  await expect(detail).toBeVisible();
  await page.getByRole('button', { name: /^Watches/ }).click();
  const panel = page.getByRole('region', { name: 'Watches' });
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(detail).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
});

test('a view whose pattern the server refused cannot be watched', async ({ page }) => {
  await openDashboard(page, ADMIN_KEY, `?regex=1&q=${encodeURIComponent('(unclosed')}`);
  await page.getByRole('button', { name: /^Watches/ }).click();
  const panel = page.getByRole('region', { name: 'Watches' });
  await expect(panel).toContainText('The server refused this view’s pattern');
  await expect(panel.getByRole('button', { name: 'Watch this view' })).toBeDisabled();
});
