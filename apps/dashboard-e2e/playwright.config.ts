import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './src/chromium';
import { E2E_KEY_ENV } from './src/keys';

const workspaceRoot = join(__dirname, '..', '..');
const port = Number(process.env['E2E_PORT'] ?? 3917);
export const baseURL = `http://127.0.0.1:${port}`;
/** A second server, as a reverse proxy would serve it under a sub-path (REDTAIL_BASE_PATH). */
export const SUB_PATH = '/tools/redtail';
export const subPathURL = `http://127.0.0.1:${port + 1}${SUB_PATH}`;

const serverEnv = {
  HOST: '127.0.0.1',
  NODE_ENV: 'production',
  ...E2E_KEY_ENV,
  // Browser tests reload pages and poll; the default limit is for real clients.
  REDTAIL_RATE_LIMIT: '100000',
};

export default defineConfig({
  testDir: './src',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  forbidOnly: !!process.env['CI'],
  reporter: [['list'], ['json', { outputFile: join(__dirname, 'test-results', 'results.json') }]],
  use: {
    baseURL,
    headless: true,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: [
    {
      command: 'node dist/apps/api/main.js',
      cwd: workspaceRoot,
      url: `${baseURL}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ...serverEnv, PORT: String(port) },
    },
    {
      command: 'node dist/apps/api/main.js',
      cwd: workspaceRoot,
      url: `${subPathURL}/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ...serverEnv, PORT: String(port + 1), REDTAIL_BASE_PATH: SUB_PATH },
    },
  ],
});
