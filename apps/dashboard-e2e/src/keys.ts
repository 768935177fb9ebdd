/**
 * The keys the e2e server starts with (see playwright.config.ts). Test-only
 * values on a loopback server; never use them anywhere else.
 */
export const ADMIN_KEY = 'e2e-admin-secret-0000000000';
export const VIEWER_KEY = 'e2e-viewer-secret-000000000';
export const INGEST_KEY = 'e2e-ingest-secret-000000000';

export const E2E_KEY_ENV = {
  REDTAIL_ADMIN_KEYS: `admin:${ADMIN_KEY}`,
  REDTAIL_VIEWER_KEYS: `viewer:${VIEWER_KEY}`,
  REDTAIL_INGEST_KEYS: `ingest:${INGEST_KEY}`,
};
