import type { OpenAPIObject } from '@nestjs/swagger';
import { validateEnv } from './env';
import { finishDocument } from './openapi-document';

function documentWith(operation: Record<string, unknown>): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: { '/x': { get: { responses: { '200': { description: '' } }, ...operation } } },
  } as OpenAPIObject;
}

describe('finishDocument', () => {
  const env = validateEnv({});

  it('refuses to describe a route that declares no access rule', () => {
    expect(() => finishDocument(documentWith({ operationId: 'X_get' }), env)).toThrow(
      'X_get has neither @Roles nor @Public',
    );
  });

  it('turns a roles marker into security, the answers a key check gives, and a sentence', () => {
    const document = finishDocument(
      documentWith({ summary: 'Read x', 'x-redtail-access': { roles: ['viewer'] } }),
      env,
    );
    const operation = document.paths['/x'].get as unknown as Record<string, unknown>;
    expect(operation['security']).toEqual([{ bearer: [] }, { 'api-key': [] }]);
    expect(Object.keys(operation['responses'] as object).sort()).toEqual([
      '200',
      '401',
      '403',
      '429',
    ]);
    expect(operation['description']).toBe(
      'Needs a key with the **viewer** role (an admin key may call every route).',
    );
    expect(operation['x-redtail-access']).toBeUndefined();
    expect(
      (operation['responses'] as Record<string, { description: string }>)['200'].description,
    ).toBe('Read x');
  });

  it('opens a public route explicitly', () => {
    const document = finishDocument(documentWith({ 'x-redtail-access': { public: true } }), env);
    expect(document.paths['/x'].get?.security).toEqual([]);
  });
});
