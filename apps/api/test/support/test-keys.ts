/** Fixed keys for the auth tests; each long enough to pass the minimum length. */
export const KEYS = {
  admin: 'test-admin-secret-00000000',
  viewer: 'test-viewer-secret-0000000',
  ingest: 'test-ingest-secret-0000000',
  boundIngest: 'test-bound-ingest-secret-0',
} as const;

export const KEY_ENV = {
  REDTAIL_ADMIN_KEYS: `ops:${KEYS.admin}`,
  REDTAIL_VIEWER_KEYS: `alice:${KEYS.viewer}`,
  REDTAIL_INGEST_KEYS: `shipper:${KEYS.ingest},checkout:${KEYS.boundIngest}@checkout`,
};

export const bearer = (secret: string) => ({ Authorization: `Bearer ${secret}` });
