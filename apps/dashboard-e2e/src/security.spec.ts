import { expect, type Page, test } from '@playwright/test';
import { ADMIN_KEY } from './keys';

/** Collects CSP violations both ways the browser reports them: the DOM event and the console. */
async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(text)) {
      fromConsole.push(text);
    }
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return async () => [
    ...fromConsole,
    ...(await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    )),
  ];
}

test('the dashboard is served with a Content-Security-Policy that forbids inline scripts', async ({
  page,
}) => {
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("script-src-attr 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
});

test('the dashboard loads and runs with no CSP violations', async ({ page }) => {
  const violations = await watchCspViolations(page);
  await page.goto(`/#token=${ADMIN_KEY}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redtail');
  // Give the socket and the lazily started parts of the app time to run under the policy.
  await page.waitForLoadState('networkidle');
  expect(await violations()).toEqual([]);
});

test('Swagger UI works under the policy', async ({ page }) => {
  const violations = await watchCspViolations(page);
  await page.goto('/api/docs');
  await expect(page.getByRole('button', { name: /Authorize/ })).toBeVisible();
  await expect(page.getByText('/auth/me').first()).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('an inline script is blocked and reported, so the checks above can fail', async ({ page }) => {
  const violations = await watchCspViolations(page);
  await page.goto('/');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.body.append(script);
  });
  await expect
    .poll(violations)
    .toEqual(expect.arrayContaining([expect.stringMatching(/script-src/)]));
  expect(await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
});
