import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { saveScreenshot } from './artifacts';
import { logLines, openDashboard, postEntry, postLog, uniqueMarker } from './dashboard';
import { ADMIN_KEY } from './keys';

/** axe-core's browser bundle; evaluated in the page because the CSP refuses injected script tags. */
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

async function seriousViolations(page: Page): Promise<Finding[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((node) => node.target.join(' ')),
      }));
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in the ${scheme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1440, height: 900 });
    });

    test(`the login view has no serious accessibility violations (${scheme})`, async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test(`the tail and the open detail pane have no serious accessibility violations (${scheme})`, async ({
      page,
      request,
    }) => {
      const service = uniqueMarker('a11y');
      for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'fatal']) {
        await postLog(request, {
          level,
          service,
          message: `${level} line for ${service} from someone@example.com`,
          context: { status: 500 },
        });
      }
      await openDashboard(page, ADMIN_KEY);
      await expect(logLines(page).filter({ hasText: service })).toHaveCount(6);
      expect(await seriousViolations(page)).toEqual([]);

      await logLines(page)
        .filter({ hasText: `error line for ${service}` })
        .click();
      await expect(page.getByRole('region', { name: 'Log entry details' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, `a11y-detail-${scheme}-1440`);
    });

    test(`field columns, a folded stack trace, the detail pane's field filters and the shortcuts dialog have no serious accessibility violations (${scheme})`, async ({
      page,
      request,
    }) => {
      const service = uniqueMarker('a11y-list');
      await postEntry(request, {
        level: 'error',
        service,
        message: `checkout failed for ${service}\n    at com.shop.Checkout.pay(Checkout.java:42)\n    at java.base/java.lang.Thread.run(Thread.java:833)`,
        context: { status: 502, user: { id: 'u-9' } },
      });
      await postEntry(request, { level: 'info', service, message: `checkout ok ${service}` });
      await openDashboard(
        page,
        ADMIN_KEY,
        `?services=${service}&fields=status,user.id&where=status%3D502`,
      );
      await expect(logLines(page)).toHaveCount(1);
      await expect(page.getByRole('group', { name: 'Columns' })).toContainText('user.id');
      await expect(logLines(page).getByText('+2 lines', { exact: true })).toBeVisible();
      await expect(page.getByRole('list', { name: 'Field filters' })).toContainText('status=502');
      expect(await seriousViolations(page)).toEqual([]);

      await logLines(page).click();
      const detail = page.getByRole('region', { name: 'Log entry details' });
      await expect(detail.getByRole('table', { name: 'Context fields' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, `a11y-list-detail-${scheme}-1440`);

      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test(`a past range with the custom form open has no serious accessibility violations (${scheme})`, async ({
      page,
    }) => {
      await openDashboard(page, ADMIN_KEY);
      await page
        .getByRole('group', { name: 'Time range' })
        .getByRole('button', { name: 'Last 15 min' })
        .click();
      await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();
      await page.getByRole('button', { name: 'Custom…' }).click();
      await expect(page.getByRole('form', { name: 'Custom time range' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test(`the split view beside a past range has no serious accessibility violations (${scheme})`, async ({
      page,
    }) => {
      await openDashboard(page, ADMIN_KEY, '?split=levels%3Dwarn,error');
      await expect(page.getByRole('region', { name: 'Pinned stream' })).toBeVisible();
      await page
        .getByRole('group', { name: 'Time range' })
        .getByRole('button', { name: 'Last 1 h' })
        .click();
      await expect(page.getByRole('button', { name: 'Back to live' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test(`the audit trail has no serious accessibility violations (${scheme})`, async ({
      page,
    }) => {
      await openDashboard(page, ADMIN_KEY);
      await page.getByRole('button', { name: 'Audit' }).click();
      await expect(page.locator('#audit-panel')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });

    test(`the watches panel with a counted watch has no serious accessibility violations (${scheme})`, async ({
      page,
      request,
    }) => {
      const marker = uniqueMarker('a11y-watch');
      await openDashboard(page, ADMIN_KEY, `?q=${marker}`);
      await page.getByRole('button', { name: /^Watches/ }).click();
      const panel = page.getByRole('region', { name: 'Watches' });
      await panel.getByRole('button', { name: 'Watch this view' }).click();
      await expect(panel.getByRole('listitem')).toContainText('no new lines');
      await postLog(request, { level: 'error', service: 'a11y', message: `${marker} counted` });
      await expect(panel.getByRole('listitem')).toContainText('1 new');
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, `a11y-watches-${scheme}`);
    });

    test(`the phone layout with its menu open has no serious accessibility violations (${scheme})`, async ({
      page,
    }) => {
      await page.setViewportSize({ width: 390, height: 800 });
      await openDashboard(page, ADMIN_KEY);
      await page.getByRole('button', { name: 'Menu' }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await saveScreenshot(page, `a11y-menu-${scheme}-390`);
    });
  });
}
