import type { GeneratedKey } from './api-key.service';
import { keysNotice } from './startup-notice';

const GENERATED: GeneratedKey[] = [
  { name: 'admin', role: 'admin', secret: 'rt_admin-secret-0000000000000000000' },
  { name: 'ingest', role: 'ingest', secret: 'rt_ingest-secret-000000000000000000' },
];
const URL = 'http://127.0.0.1:3000';

describe('keysNotice', () => {
  it('prints generated keys with a sign-in link, a first log and a panic, and where they were saved', () => {
    const notice = keysNotice({ kind: 'generated', savedTo: '.redtail/keys.json' }, GENERATED, URL);
    expect(notice).toContain('saved to\n.redtail/keys.json: they keep working after a restart');
    expect(notice).toContain(`dashboard:  ${URL}/#token=${GENERATED[0].secret}`);
    expect(notice).toContain(
      `curl -X POST ${URL}/logs -H 'Authorization: Bearer ${GENERATED[1].secret}' ` +
        `-H 'Content-Type: application/json' -d '{"message":"hello","service":"demo"}'`,
    );
    expect(notice).toContain(
      `panic:      curl -X POST ${URL}/logs/panic -H 'Authorization: Bearer ${GENERATED[0].secret}'`,
    );
  });

  it('says that keys made for one run go away with it, and how to keep them', () => {
    const notice = keysNotice({ kind: 'generated', savedTo: undefined }, GENERATED, URL);
    expect(notice).toContain('generated for this run only');
    expect(notice).toContain('set REDTAIL_KEYS_FILE');
  });

  it('summarises configured keys by name, role and source, without secrets', () => {
    const notice = keysNotice(
      {
        kind: 'configured',
        keys: [
          { name: 'admin', role: 'admin', source: '.redtail/keys.json' },
          { name: 'prometheus', role: 'viewer', source: '.redtail/keys.json' },
          { name: 'ci', role: 'ingest', source: 'REDTAIL_INGEST_KEYS' },
        ],
      },
      [],
      URL,
    );
    expect(notice).toBe(
      '3 API keys from .redtail/keys.json, REDTAIL_INGEST_KEYS: admin (admin), prometheus (viewer), ci (ingest)',
    );
  });

  it('says nothing about keys with auth off (the service has already warned)', () => {
    expect(keysNotice({ kind: 'auth-off' }, [], URL)).toBeUndefined();
  });
});
