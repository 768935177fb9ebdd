import { type INestApplication, Logger } from '@nestjs/common';
import { ApiKeyService, type GeneratedKey, type KeyOrigin } from './api-key.service';

/**
 * Tells the operator, once at start-up, which keys this run accepts. Generated secrets are
 * printed here and nowhere else: they exist only in this process and in this output.
 */
export function announceKeys(app: INestApplication, baseUrl: string): void {
  const service = app.get(ApiKeyService);
  const notice = keysNotice(service.origin, service.takeGeneratedKeys(), baseUrl);
  if (notice) new Logger('Auth').log(notice);
}

export function keysNotice(
  origin: KeyOrigin,
  generated: GeneratedKey[],
  baseUrl: string,
): string | undefined {
  switch (origin.kind) {
    case 'auth-off':
      return undefined;
    case 'configured':
      return configuredNotice(origin.keys);
    case 'generated':
      return generatedNotice(generated, origin.savedTo, baseUrl);
  }
}

function configuredNotice(keys: readonly { name: string; role: string; source: string }[]): string {
  const sources = [...new Set(keys.map((key) => key.source))];
  const names = keys.map((key) => `${key.name} (${key.role})`).join(', ');
  return `${keys.length} API ${keys.length === 1 ? 'key' : 'keys'} from ${sources.join(', ')}: ${names}`;
}

function generatedNotice(
  keys: GeneratedKey[],
  savedTo: string | undefined,
  baseUrl: string,
): string {
  const lines = savedTo
    ? [
        `No API keys were configured, so these were generated and their SHA-256 digests saved to`,
        `${savedTo}: they keep working after a restart. The secrets are not stored and not shown again.`,
      ]
    : [
        'No API keys configured (REDTAIL_ADMIN_KEYS, REDTAIL_VIEWER_KEYS, REDTAIL_INGEST_KEYS or',
        'REDTAIL_KEYS_FILE), so these were generated for this run only. They are not shown again;',
        'set REDTAIL_KEYS_FILE to a path to keep generated keys across restarts.',
      ];
  const admin = keys.find((key) => key.role === 'admin');
  const ingest = keys.find((key) => key.role === 'ingest');
  if (admin) {
    lines.push(`  admin key:  ${admin.secret}`, `  dashboard:  ${baseUrl}/#token=${admin.secret}`);
  }
  if (ingest) {
    lines.push(
      `  ingest key: ${ingest.secret}`,
      `  send a log: curl -X POST ${baseUrl}/logs -H 'Authorization: Bearer ${ingest.secret}' ` +
        `-H 'Content-Type: application/json' -d '{"message":"hello","service":"demo"}'`,
    );
  }
  if (admin) {
    lines.push(
      `  panic:      curl -X POST ${baseUrl}/logs/panic -H 'Authorization: Bearer ${admin.secret}'`,
    );
  }
  return lines.join('\n');
}
