import { entries } from '../../testing/fake-log-socket';
import { contextFields } from './context-fields';

describe('contextFields', () => {
  it('flattens nested context to dotted paths with the conditions the server matches', () => {
    const [entry] = entries(1, 1, {
      context: { status: 502, user: { id: 'u-9', email: '[EMAIL]' }, ok: false, gone: null },
      traceId: 'abc123',
    });
    expect(contextFields(entry)).toEqual([
      { path: 'status', text: '502', column: true, condition: 'status=502' },
      { path: 'user.id', text: 'u-9', column: true, condition: 'user.id=u-9' },
      { path: 'user.email', text: '[EMAIL]', column: true, condition: 'user.email=[EMAIL]' },
      { path: 'ok', text: 'false', column: true, condition: 'ok=false' },
      { path: 'gone', text: 'null', column: true, condition: 'gone=null' },
      { path: 'traceId', text: 'abc123', column: true, condition: 'traceId=abc123' },
    ]);
  });

  it('offers no condition for arrays or for keys a dotted path cannot name', () => {
    const [entry] = entries(1, 1, { context: { tags: ['a', 'b'], 'odd key': 1, 'a.b': 2 } });
    expect(contextFields(entry)).toEqual([
      { path: 'tags', text: '["a","b"]', column: true, condition: null },
      { path: 'odd key', text: '1', column: false, condition: null },
      { path: 'a.b', text: '2', column: false, condition: null },
    ]);
  });
});
