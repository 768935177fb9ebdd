import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { saveScreenshot } from './artifacts';
import { logLines, openDashboard, uniqueMarker } from './dashboard';
import { ADMIN_KEY, INGEST_KEY } from './keys';

const BUILT_SHIPPER = join(__dirname, '../../../dist/apps/shipper/main.js');

/**
 * Pipes `input` into the built redtail-ship, as `app | redtail-ship` would. It runs from a copy
 * outside the workspace, as on a host that has only Node.js: the file must need nothing else.
 */
function ship(input: string, service: string): Promise<{ code: number | null; stderr: string }> {
  const shipper = join(mkdtempSync(join(tmpdir(), 'redtail-ship-')), 'redtail-ship.js');
  copyFileSync(BUILT_SHIPPER, shipper);
  const child = spawn(process.execPath, [shipper, '--url', baseURL, '--service', service], {
    cwd: tmpdir(),
    env: { ...process.env, REDTAIL_KEY: INGEST_KEY },
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

test('lines piped into redtail-ship appear in the dashboard, levels read and data masked', async ({
  page,
}) => {
  const service = uniqueMarker('shipped');
  await openDashboard(page, ADMIN_KEY, `?services=${service}`);

  const result = await ship(
    [
      `2026-11-27 12:00:01 ERROR card 4111 1111 1111 1111 declined (${service})`,
      `WARN queue depth high (${service})`,
      JSON.stringify({
        level: 'debug',
        message: `structured line (${service})`,
        context: { a: 1 },
      }),
      '',
    ].join('\n'),
    service,
  );
  expect(result.stderr).toContain('3 delivered, 0 rejected, 0 not delivered');
  expect(result.code).toBe(0);

  await expect(logLines(page)).toHaveCount(3);
  await expect(logLines(page).nth(0)).toContainText('error');
  await expect(logLines(page).nth(0)).not.toContainText('4111 1111 1111 1111');
  await expect(logLines(page).nth(1)).toContainText('warn');
  await expect(logLines(page).nth(2)).toContainText('debug');
  await saveScreenshot(page, 'shipped-lines');
});
