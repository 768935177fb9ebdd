import type {
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
  SecurityRequirementObject,
} from '@nestjs/swagger';
import { ROLES, type Role } from '@redtail/contracts';
import {
  ACCESS_EXTENSION,
  type AccessRule,
  PUBLIC_WHEN_EXTENSION,
  type SwitchSetting,
} from '../auth/roles.decorator';
import type { Env } from './env';

const ERROR_BODY: ReferenceObject = { $ref: '#/components/schemas/ErrorBodyDto' };
const KEY_SCHEMES: SecurityRequirementObject[] = [{ bearer: [] }, { 'api-key': [] }];
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * Finishes the document Nest generated, from the same rules the server applies:
 *
 * - access: every operation says who may call it (`security`, `[]` for open routes), with its
 *   401/403/429 answers and a sentence naming the role, from the marker `@Roles`/`@Public` leave;
 * - NDJSON request bodies are text, one JSON value per line, not the JSON schema beside them;
 * - a route that reads parameters or a body can answer 400, and every answer has a description.
 */
export function finishDocument(document: OpenAPIObject, env: Env): OpenAPIObject {
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation) continue;
      describeAccess(operation, env);
      describeNdjson(operation);
      describeBadRequest(operation);
      describeEmptyAnswers(operation);
    }
  }
  return document;
}

function describeAccess(operation: OperationObject, env: Env): void {
  const extensions = operation as OperationObject & Record<string, unknown>;
  const rule = extensions[ACCESS_EXTENSION] as AccessRule | undefined;
  const publicWhen = extensions[PUBLIC_WHEN_EXTENSION] as SwitchSetting | undefined;
  delete extensions[ACCESS_EXTENSION];
  delete extensions[PUBLIC_WHEN_EXTENSION];
  if (!rule) {
    throw new Error(
      `${operation.operationId} has neither @Roles nor @Public; the guard refuses it`,
    );
  }
  // Every route, open ones included, shares the per-key (or per-address) budget.
  setResponse(operation, 429, {
    description:
      'Over the rate limit for this key, or for this address without a valid key; on routes ' +
      'that read the store, also when this key or the server already has its most reads in ' +
      'progress (REDTAIL_SCANS_PER_KEY, REDTAIL_SCANS_MAX).',
    headers: {
      'Retry-After': {
        description: 'Seconds to wait before sending the request again.',
        schema: { type: 'integer' },
      },
    },
  });
  if ('public' in rule) {
    operation.security = [];
    appendDescription(operation, 'Open to anyone: no key needed.');
    return;
  }
  const openNow = publicWhen !== undefined && env[publicWhen];
  operation.security = openNow ? [...KEY_SCHEMES, {}] : [...KEY_SCHEMES];
  const anyRole = ROLES.every((role) => rule.roles.includes(role));
  const roles = listed(rule.roles);
  appendDescription(
    operation,
    (anyRole
      ? `Needs a key of any role (${roles}).`
      : `Needs a key with the **${roles}** role (an admin key may call every route).`) +
      (publicWhen
        ? ` Open to anyone when ${publicWhen}=true${openNow ? ', as on this server' : ''}.`
        : ''),
  );
  setResponse(operation, 401, {
    description:
      'No key, an unknown key, or an Authorization header without the word Bearer; the message says how to send one.',
    headers: {
      'WWW-Authenticate': { description: 'Bearer realm="redtail"', schema: { type: 'string' } },
    },
  });
  if (!anyRole) {
    setResponse(operation, 403, {
      description: `The key is known but has neither the ${roles} nor the admin role; the message names both.`,
    });
  }
}

function describeNdjson(operation: OperationObject): void {
  const content = (operation.requestBody as { content?: Record<string, { schema?: unknown }> })
    ?.content;
  const ndjson = content?.['application/x-ndjson'];
  if (!ndjson) return;
  ndjson.schema = {
    type: 'string',
    description:
      'NDJSON: one JSON entry per line, in the shape of the application/json items; blank lines are skipped.',
    example: '{"level":"info","message":"started"}\n{"level":"error","message":"disk full"}\n',
  } satisfies SchemaObject;
}

function describeBadRequest(operation: OperationObject): void {
  const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody;
  if (!takesInput || operation.responses['400']) return;
  setResponse(operation, 400, {
    description:
      'A parameter or the body is invalid; `errors` names each field and the reason, one per field.',
  });
}

/** Nest leaves a success answer's description empty; the document requires one. */
function describeEmptyAnswers(operation: OperationObject): void {
  for (const response of Object.values(operation.responses)) {
    const answer = response as ResponseObject;
    if (!answer.description) answer.description = operation.summary ?? 'Success';
  }
}

function setResponse(
  operation: OperationObject,
  status: number,
  response: Omit<ResponseObject, 'content'>,
): void {
  operation.responses[String(status)] = {
    ...response,
    content: { 'application/json': { schema: ERROR_BODY } },
  };
}

/** `viewer`, `ingest or viewer`, `ingest, viewer or admin` */
function listed(roles: readonly Role[]): string {
  return roles.length === 1
    ? roles[0]
    : `${roles.slice(0, -1).join(', ')} or ${roles[roles.length - 1]}`;
}

function appendDescription(operation: OperationObject, sentence: string): void {
  operation.description = operation.description
    ? `${operation.description}\n\n${sentence}`
    : sentence;
}
