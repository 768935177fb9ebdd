import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { RunningApp, startApp } from './support/start-app';
import { bearer, KEY_ENV, KEYS } from './support/test-keys';

const WORKSPACE = join(__dirname, '../../..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_BODY = { $ref: '#/components/schemas/ErrorBodyDto' };

interface Operation {
  name: string;
  operation: OperationObject;
}

function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation: item[method] as OperationObject,
    })),
  );
}

function schemaOf(
  response: ResponseObject | ReferenceObject | undefined,
  type = 'application/json',
) {
  return (response as ResponseObject | undefined)?.content?.[type]?.schema as
    | SchemaObject
    | ReferenceObject
    | undefined;
}

/**
 * The OpenAPI document as a client generator reads it: every operation says who may call it,
 * every answer is described and typed, errors share one schema, and a linter finds nothing.
 */
/** Routes anyone may call: probes, and whether the server asks for keys at all. */
const OPEN_ROUTES = ['GET /health', 'GET /health/live', 'GET /auth/mode'];

describe('the OpenAPI document', () => {
  let running: RunningApp;
  let document: OpenAPIObject;
  let operations: Operation[];

  beforeAll(async () => {
    running = await startApp(KEY_ENV);
    document = (await request(running.url).get('/api/docs-json').expect(200)).body;
    operations = operationsOf(document);
  });
  afterAll(() => running.close());

  it('describes every route the server has', () => {
    expect(operations.map((entry) => entry.name)).toEqual(
      expect.arrayContaining([
        'POST /logs',
        'POST /logs/batch',
        'GET /logs',
        'GET /logs/metrics',
        'POST /logs/panic',
        'POST /logs/resume',
        'GET /logs/{id}',
        'GET /metrics',
        'GET /health',
        'GET /auth/me',
        'GET /audit',
      ]),
    );
  });

  it('declares opaque API keys, not JWTs', () => {
    expect(document.components?.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', description: expect.any(String) },
      'api-key': {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description: expect.any(String),
      },
    });
    expect(document.security).toBeUndefined();
  });

  it('marks the open routes with an empty security list and no 401', () => {
    for (const name of OPEN_ROUTES) {
      const { operation } = operations.find((entry) => entry.name === name) as Operation;
      expect(operation.security).toEqual([]);
      expect(operation.responses['401']).toBeUndefined();
      expect(operation.description).toContain('Open to anyone');
    }
  });

  it('names the role on every other route, with its 401, 403 and 429 answers', () => {
    for (const { name, operation } of operations.filter(
      (entry) => !OPEN_ROUTES.includes(entry.name),
    )) {
      expect({ name, security: operation.security }).toEqual({
        name,
        security: [{ bearer: [] }, { 'api-key': [] }],
      });
      expect({ name, description: operation.description }).toEqual({
        name,
        description: expect.stringMatching(/Needs a key (with the \*\*\w+\*\* role|of any role)/),
      });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '429']));
    }
    const panic = operations.find((entry) => entry.name === 'POST /logs/panic') as Operation;
    expect(panic.operation.description).toContain('**admin** role');
    expect(panic.operation.responses['403']).toBeDefined();
  });

  it('describes every answer, and gives every error the one error schema', () => {
    for (const { name, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const answer = response as ResponseObject;
        expect({ name, status, description: answer.description }).toEqual({
          name,
          status,
          description: expect.stringMatching(/\S/),
        });
        if (Number(status) >= 400) {
          expect({ name, status, schema: schemaOf(answer) }).toEqual({
            name,
            status,
            schema: ERROR_BODY,
          });
        }
      }
    }
  });

  it('types every success answer', () => {
    for (const { name, operation } of operations) {
      const [status, response] = Object.entries(operation.responses).find(([code]) =>
        code.startsWith('2'),
      ) as [string, ResponseObject];
      const content = Object.values(response.content ?? {});
      expect({
        name,
        status,
        typed: content.length > 0 && content.every((media) => media.schema),
      }).toEqual({
        name,
        status,
        typed: true,
      });
    }
  });

  it.each([
    ['POST /logs', ['400', '413', '415', '503']],
    ['POST /logs/batch', ['400', '413', '415', '503']],
    ['GET /logs', ['400', '503']],
    ['GET /logs/{id}', ['400', '404', '503']],
    ['POST /logs/panic', ['400', '415']],
  ])('lists the error answers of %s', (name, statuses) => {
    const { operation } = operations.find((entry) => entry.name === name) as Operation;
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(statuses));
  });

  it('documents the NDJSON batch as text and the JSON batch as an array', () => {
    const { operation } = operations.find(
      (entry) => entry.name === 'POST /logs/batch',
    ) as Operation;
    const content = (operation.requestBody as { content: Record<string, { schema: SchemaObject }> })
      .content;
    expect(content['application/x-ndjson'].schema).toMatchObject({ type: 'string' });
    expect(content['application/json'].schema).toMatchObject({ type: 'array' });
  });

  it('makes the panic body optional, so a bare POST is a documented call', () => {
    const { operation } = operations.find(
      (entry) => entry.name === 'POST /logs/panic',
    ) as Operation;
    expect(operation.requestBody).toMatchObject({ required: false });
  });

  it('types /logs/metrics with every field the server sends', async () => {
    const { operation } = operations.find(
      (entry) => entry.name === 'GET /logs/metrics',
    ) as Operation;
    expect(schemaOf(operation.responses['200'])).toEqual({
      $ref: '#/components/schemas/MetricsSnapshotDto',
    });
    const documented = Object.keys(
      (document.components?.schemas?.['MetricsSnapshotDto'] as SchemaObject).properties ?? {},
    );
    const sent = await request(running.url)
      .get('/logs/metrics')
      .set(bearer(KEYS.viewer))
      .expect(200);
    expect(documented).toEqual(expect.arrayContaining(Object.keys(sent.body)));
  });

  it('documents exactly the fields POST /logs answers with', async () => {
    const sent = await request(running.url)
      .post('/logs')
      .set(bearer(KEYS.ingest))
      .send({ message: 'hi' })
      .expect(201);
    const documented = (document.components?.schemas?.['IngestResultDto'] as SchemaObject)
      .properties;
    expect(Object.keys(documented ?? {}).sort()).toEqual(Object.keys(sent.body).sort());
  });

  it('leaves no internal marker in the document', () => {
    expect(JSON.stringify(document)).not.toMatch(/x-redtail-/);
  });

  it('passes Redocly’s recommended rules, offline and without telemetry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'redtail-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      const refuseNetwork = join(dir, 'refuse-network.cjs');
      writeFileSync(refuseNetwork, REFUSE_NETWORK);
      const lint = spawnSync(
        process.execPath,
        [
          '-r',
          refuseNetwork,
          join(WORKSPACE, 'node_modules/@redocly/cli/bin/cli.js'),
          'lint',
          file,
          '--config',
          join(WORKSPACE, 'redocly.yaml'),
          '--format',
          'json',
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        },
      );
      expect(lint.stderr).not.toContain('NETWORK ATTEMPT');
      const report = JSON.parse(lint.stdout) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string }[];
      };
      expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
      expect(lint.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the OpenAPI document with REDTAIL_METRICS_PUBLIC=true', () => {
  it('lets /metrics be called without a key, and says so', async () => {
    const running = await startApp({ ...KEY_ENV, REDTAIL_METRICS_PUBLIC: 'true' });
    try {
      const document = (await request(running.url).get('/api/docs-json').expect(200)).body;
      const metrics = document.paths['/metrics'].get as OperationObject;
      expect(metrics.security).toEqual([{ bearer: [] }, { 'api-key': [] }, {}]);
      expect(metrics.description).toContain('as on this server');
    } finally {
      await running.close();
    }
  });
});

/** Preloaded into the linter: any attempt to open a connection or resolve a name is reported. */
const REFUSE_NETWORK = `
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const refuse = (what) => function () {
  process.stderr.write('NETWORK ATTEMPT: ' + what + '\\n');
  throw new Error('no network in this test');
};
net.connect = net.createConnection = refuse('net.connect');
net.Socket.prototype.connect = refuse('socket.connect');
tls.connect = refuse('tls.connect');
dns.lookup = refuse('dns.lookup');
dns.promises.lookup = refuse('dns.promises.lookup');
`;
