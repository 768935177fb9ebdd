import { expect, test } from '@playwright/test';
import { saveScreenshot } from './artifacts';
import { NARROW, WIDE, logLines, openDashboard, postEntry, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

test('the keyboard drives the list: / searches, j/k move, Enter opens, Escape closes, Space pauses, ? helps', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('keys');
  for (const n of [1, 2, 3]) {
    await postEntry(request, { level: 'info', service, message: `line ${n} ${service}` });
  }
  await page.setViewportSize(WIDE);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(3);
  const detail = page.getByRole('region', { name: 'Log entry details' });

  await page.keyboard.press('k');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(detail).toContainText(`line 2 ${service}`);
  await page.keyboard.press('j');
  await expect(detail).toContainText(`line 3 ${service}`);
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);

  // Moving up the list paused it, as the arrow keys do; Space resumes and pauses again.
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Pause / resume the live tail');
  await saveScreenshot(page, 'keyboard-help-1440');
  await page.setViewportSize(NARROW);
  await saveScreenshot(page, 'keyboard-help-390');
  await page.setViewportSize(WIDE);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search messages' });
  await expect(search).toBeFocused();
  // Typing in the box types: j and Space are letters there, not shortcuts.
  await page.keyboard.type('line 1 j');
  await expect(search).toHaveValue('line 1 j');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('polish: the panic prompt fits one line, Audit keeps its label, Load older hides on a wiped list', async ({
  page,
  request,
}) => {
  const service = uniqueMarker('polish');
  await postEntry(request, { level: 'info', service, message: `before ${service}` });
  await page.setViewportSize(WIDE);
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);
  await expect(logLines(page)).toHaveCount(1);

  // The first line sits wholly below "Load older".
  const loadOlder = page.getByRole('button', { name: 'Load older' });
  const olderBox = await loadOlder.boundingBox();
  const firstBox = await logLines(page).first().boundingBox();
  expect((firstBox?.y ?? 0) >= (olderBox?.y ?? 0) + (olderBox?.height ?? 0)).toBe(true);

  const audit = page.getByRole('button', { name: 'Audit' });
  await audit.click();
  await expect(audit).toHaveAttribute('aria-expanded', 'true');
  // Still under the pointer: the label must stay readable against the pressed colour.
  const colours = await audit.evaluate((button) => {
    const style = getComputedStyle(button);
    return { fg: style.color, bg: style.backgroundColor };
  });
  expect(colours.fg).not.toBe(colours.bg);
  expect(colours.bg).not.toBe('rgb(243, 244, 246)');
  await saveScreenshot(page, 'polish-audit-1440');
  await audit.click();

  await page.getByRole('button', { name: 'Panic…' }).click();
  const dialog = page.getByRole('alertdialog');
  const prompt = dialog.getByText(/Type PANIC to confirm/);
  const promptBox = await prompt.boundingBox();
  const lineHeight = await prompt.evaluate(
    (el) => parseFloat(getComputedStyle(el).lineHeight) || 20,
  );
  expect(promptBox?.height ?? 0).toBeLessThan(lineHeight * 1.5);
  await saveScreenshot(page, 'polish-panic-1440');
  await page.setViewportSize(NARROW);
  const narrowBox = await prompt.boundingBox();
  expect(narrowBox?.height ?? 0).toBeLessThan(lineHeight * 1.5);
  await saveScreenshot(page, 'polish-panic-390');
  await page.setViewportSize(WIDE);
  await dialog.getByLabel(/Type PANIC to confirm/).fill('PANIC');
  await dialog.getByRole('button', { name: 'Wipe everything' }).click();

  await expect(page.getByTestId('panic-alert')).toBeVisible();
  await expect(logLines(page)).toHaveCount(0);
  await expect(loadOlder).toHaveCount(0);
  await saveScreenshot(page, 'polish-after-panic-1440');
});
