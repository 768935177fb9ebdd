import { type INestApplication, Logger } from '@nestjs/common';
import { ApiKeyService, type GeneratedKey } from './api-key.service';

/**
 * Prints the keys generated at start-up, once. They are the operator's own
 * and exist only in this process, so this is the one place a secret is ever
 * printed; restarting the server makes new ones.
 */
export function announceGeneratedKeys(app: INestApplication, baseUrl: string): void {
  const keys = app.get(ApiKeyService).takeGeneratedKeys();
  if (keys.length === 0) return;
  new Logger('Auth').log(generatedKeysNotice(keys, baseUrl));
}

export function generatedKeysNotice(keys: GeneratedKey[], baseUrl: string): string {
  const admin = keys.find((key) => key.role === 'admin');
  const ingest = keys.find((key) => key.role === 'ingest');
  const lines = [
    'No API keys configured (REDTAIL_ADMIN_KEYS, REDTAIL_VIEWER_KEYS, REDTAIL_INGEST_KEYS or',
    'REDTAIL_KEYS_FILE), so these were generated for this run only. They are not shown again.',
  ];
  if (admin) {
    lines.push(`  admin key:  ${admin.secret}`, `  dashboard:  ${baseUrl}/#token=${admin.secret}`);
  }
  if (ingest) {
    lines.push(
      `  ingest key: ${ingest.secret}`,
      `  send a log: curl -X POST ${baseUrl}/logs -H 'Authorization: Bearer ${ingest.secret}' ` +
        `-H 'Content-Type: application/json' -d '{"level":"info","message":"hello","service":"demo"}'`,
    );
  }
  return lines.join('\n');
}
