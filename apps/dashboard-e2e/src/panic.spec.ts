import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { logLines, openDashboard, postLog, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

/** Wipes the server's logs: every other test posts its own lines and never relies on older ones. */
test('panic from one dashboard alerts a second one and empties both lists', async ({
  browser,
  request,
}) => {
  const service = uniqueMarker('panic');
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const admin = await first.newPage();
    const watcher = await second.newPage();
    await openDashboard(admin, ADMIN_KEY, `?services=${service}`);
    await openDashboard(watcher, ADMIN_KEY, `?services=${service}`);
    await postLog(request, { level: 'error', service, message: `before panic ${service}` });
    await expect(logLines(admin)).toHaveCount(1);
    await expect(logLines(watcher)).toHaveCount(1);

    await admin.getByRole('button', { name: 'Panic…' }).click();
    const dialog = admin.getByRole('alertdialog');
    const confirm = dialog.getByRole('button', { name: 'Wipe everything' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/Type PANIC to confirm/).fill('PANIC');
    await confirm.click();

    for (const page of [admin, watcher]) {
      await expect(page.getByTestId('panic-alert')).toContainText(
        /Panic mode — logs wiped and key rotated at \d{2}:\d{2}:\d{2}/,
      );
      await expect(logLines(page)).toHaveCount(0);
    }
    await saveScreenshot(watcher, 'panic-alert');

    await postLog(request, { level: 'info', service, message: `after panic ${service}` });
    await expect(logLines(watcher)).toHaveCount(1);
    await expect(logLines(watcher)).toContainText('after panic');
  } finally {
    await first.close();
    await second.close();
  }
});
