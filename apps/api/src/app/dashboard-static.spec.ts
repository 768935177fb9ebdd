import { dashboardIndex, isDashboardRequest } from './dashboard-static';

const MODIFIED = new Date('2026-11-27T10:00:00Z');

describe('dashboardIndex', () => {
  it('points the built <base href> at the base path', () => {
    const built = '<html><head><base href="/"><title>Redtail</title></head></html>';
    expect(dashboardIndex(built, '/tools/redtail', MODIFIED).html).toBe(
      '<html><head><base href="/tools/redtail/" /><title>Redtail</title></head></html>',
    );
    expect(dashboardIndex(built, '', MODIFIED).html).toContain('<base href="/" />');
  });

  it('adds a <base href> to a page built without one', () => {
    expect(dashboardIndex('<html><head></head></html>', '/r', MODIFIED).html).toContain(
      '<head>\n    <base href="/r/" />',
    );
  });

  it('gives each rewritten page its own ETag and the file time as Last-Modified', () => {
    const built = '<html><head><base href="/"></head></html>';
    const root = dashboardIndex(built, '', MODIFIED);
    const proxied = dashboardIndex(built, '/r', MODIFIED);
    expect(root.etag).toMatch(/^"[\w-]{27}"$/);
    expect(proxied.etag).not.toBe(root.etag);
    expect(root.lastModified).toBe('Fri, 27 Nov 2026 10:00:00 GMT');
  });
});

describe('isDashboardRequest', () => {
  it.each([
    ['GET', '/', true],
    ['HEAD', '/some/view', true],
    ['GET', '/main-ABC123.js', true],
    ['GET', '/logs', false],
    ['GET', '/logs/1-2/context', false],
    ['GET', '/api/docs', false],
    ['GET', '/socket.io/', false],
    ['POST', '/', false],
    ['GET', '/pino-2026.12.02/_refresh', false],
    ['GET', '/v1/logs', false],
    ['GET', '/loki/api/v1/push', false],
  ])('%s %s → %p', (method, path, expected) => {
    expect(isDashboardRequest({ method, path, headers: {} })).toBe(expected);
  });

  it.each([
    [{ accept: 'application/vnd.elasticsearch+json; compatible-with=8' }],
    [{ 'x-elastic-client-meta': 'es=8.19.2,js=20.20.2,t=8.9.7,hc=20.20.2' }],
    [{ accept: 'application/json' }],
  ])('leaves GET / from an Elasticsearch client (%p) to its node info', (headers) => {
    expect(isDashboardRequest({ method: 'GET', path: '/', headers })).toBe(false);
  });

  it('serves GET / to a browser', () => {
    const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    expect(isDashboardRequest({ method: 'GET', path: '/', headers: { accept } })).toBe(true);
  });
});
