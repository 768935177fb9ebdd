import { ConfigurationError } from '../app/configuration-error';

/**
 * Parses REDTAIL_CLUSTER_KEK, the key-encryption key every cluster node shares:
 * exactly 32 bytes, written as 64 hex characters or as base64. Anything else is
 * refused, because a short or mistyped KEK would silently weaken every data key.
 */
export function parseClusterKek(raw: string | undefined): Buffer {
  const value = (raw ?? '').trim();
  if (value === '') {
    throw new ConfigurationError([
      'REDTAIL_CLUSTER_KEK is required in cluster mode (REDIS_URL is set): 32 random bytes as 64 hex characters or base64, e.g. `openssl rand -hex 32`',
    ]);
  }
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(value) || /^[A-Za-z0-9_-]{43}=?$/.test(value)) {
    const decoded = Buffer.from(
      value,
      value.includes('-') || value.includes('_') ? 'base64url' : 'base64',
    );
    if (decoded.length === 32) return decoded;
  }
  throw new ConfigurationError([
    `REDTAIL_CLUSTER_KEK must be 32 bytes as 64 hex characters or base64 (got ${value.length} characters that decode to something else)`,
  ]);
}
