import type { Authentication } from './api-key.service';
import { authenticateHeaders, secretsFromHeaders } from './credentials';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('secretsFromHeaders', () => {
  it.each([
    ['Bearer', { authorization: 'Bearer s3cret-key' }, ['s3cret-key']],
    ['bearer in any case', { authorization: 'bEaReR s3cret-key' }, ['s3cret-key']],
    [
      'Basic, the key as password',
      { authorization: `Basic ${b64('loki:s3cret-key')}` },
      ['s3cret-key'],
    ],
    ['Basic whose password holds colons', { authorization: `Basic ${b64('u:a:b:c')}` }, ['a:b:c']],
    ['Basic without a password', { authorization: `Basic ${b64('s3cret-key')}` }, []],
    ['Basic that is not base64', { authorization: 'Basic not*base64' }, []],
    ['ApiKey <key>', { authorization: 'ApiKey s3cret-key' }, ['s3cret-key']],
    [
      'ApiKey base64(id:key)',
      { authorization: `ApiKey ${b64('shipper:s3cret-key')}` },
      ['s3cret-key', b64('shipper:s3cret-key')],
    ],
    ['X-API-Key', { 'x-api-key': ' s3cret-key ' }, ['s3cret-key']],
    ['an unknown scheme', { authorization: 'Digest username="x"' }, []],
    ['nothing', {}, []],
  ])('reads %s', (_name, headers, secrets) => {
    expect(secretsFromHeaders(headers)).toEqual(secrets);
  });
});

describe('authenticateHeaders', () => {
  const known = (secret: string | undefined): Authentication =>
    secret === 'real-key'
      ? { identity: { name: 'shipper', role: 'ingest', authDisabled: false } }
      : { failure: secret ? 'unknown' : 'missing' };

  it('tries an ApiKey token decoded, then as it is', () => {
    expect(authenticateHeaders({ authorization: 'ApiKey real-key' }, known)).toHaveProperty(
      'identity.name',
      'shipper',
    );
    expect(
      authenticateHeaders({ authorization: `ApiKey ${b64('id:real-key')}` }, known),
    ).toHaveProperty('identity.name', 'shipper');
  });

  it('says why when no secret names a key', () => {
    expect(authenticateHeaders({ authorization: `ApiKey ${b64('id:wrong')}` }, known)).toEqual({
      failure: 'unknown',
    });
    expect(authenticateHeaders({}, known)).toEqual({ failure: 'missing' });
  });
});
