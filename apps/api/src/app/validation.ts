import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { nestsDeeperThan } from './nesting-depth';

/**
 * Constraints that say what kind of value is expected. When one of them fails, the range
 * checks after it fail too (`limit=abc` is not an integer, so also "not ≥ 1" and "not ≤ 1000"),
 * and only the kind is worth saying.
 */
const KIND_CONSTRAINTS = ['isInt', 'isNumber', 'isBoolean', 'isString', 'isIn', 'isEnum'];

/**
 * The DTOs (query strings, the panic options) are flat; class-transformer and class-validator
 * walk a value by recursion, so a body of 10 000 nested brackets would overflow the stack
 * before either could refuse it.
 */
export const MAX_DTO_DEPTH = 16;

/**
 * The global pipe: strips unknown fields, converts query strings to the DTO's
 * types, and answers 400 with one `{ field, reason }` per bad field, so a client
 * learns exactly what to fix.
 */
export class RedtailValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // Described in `transform`, which knows where the value came from.
      exceptionFactory: (errors) => new Refusal(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const source = sourceOf(metadata);
    if (this.toValidate(metadata) && nestsDeeperThan(value, MAX_DTO_DEPTH)) {
      throw fieldErrors([{ field: source, reason: `nested deeper than ${MAX_DTO_DEPTH} levels` }]);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      throw fieldErrors(describe(error.errors, source, acceptedNames(metadata)));
    }
  }
}

/** What class-validator found, on its way from the pipe's exception factory to `transform`. */
class Refusal {
  constructor(readonly errors: ValidationError[]) {}
}

type Source = 'query' | 'path' | 'body';

function sourceOf(metadata: ArgumentMetadata): Source {
  if (metadata.type === 'query') return 'query';
  return metadata.type === 'param' ? 'path' : 'body';
}

/** The DTO's own field names (every decorated property, `@Allow()` ones included). */
function acceptedNames(metadata: ArgumentMetadata): string[] {
  if (typeof metadata.metatype !== 'function') return [];
  const rules = getMetadataStorage().getTargetValidationMetadatas(
    metadata.metatype,
    '',
    true,
    false,
  );
  return [...new Set(rules.map((rule) => rule.propertyName))];
}

/**
 * One `{ field, reason }` per bad field. A field the DTO does not have is the sender's own text
 * (`?zq…=1`, a key in a body), so it is not named: they are counted under `query` or `body`, with
 * the names that are accepted. A known name dressed in brackets (`q[]=x`, `q[$ne]=1`, the
 * operator-injection shape) is named by that known name.
 */
function describe(
  errors: ValidationError[],
  source: Source,
  accepted: string[],
): { field: string; reason: string }[] {
  const details: { field: string; reason: string }[] = [];
  let unknown = 0;
  for (const error of errors) {
    if (error.constraints?.['whitelistValidation'] === undefined) {
      details.push(...flattenErrors([error]));
      continue;
    }
    const base = error.property.split('[')[0];
    if (base !== error.property && accepted.includes(base)) {
      details.push({ field: base, reason: `must be given as ${base}=<value>, without brackets` });
    } else {
      unknown += 1;
    }
  }
  if (unknown > 0) {
    const what = source === 'body' ? 'field' : 'parameter';
    const count = unknown === 1 ? `an unknown ${what}` : `${unknown} unknown ${what}s`;
    const names = accepted.length > 0 ? `accepted: ${accepted.join(', ')}` : `none is accepted`;
    details.push({ field: source, reason: `${count} (not named back); ${names}` });
  }
  return details;
}

export function createValidationPipe(): ValidationPipe {
  return new RedtailValidationPipe();
}

function fieldErrors(details: { field: string; reason: string }[]): BadRequestException {
  return new BadRequestException({
    error: 'Bad Request',
    message: details.map((detail) => `${detail.field}: ${detail.reason}`).join('; '),
    errors: details,
  });
}

function flattenErrors(
  errors: ValidationError[],
  parent = '',
): { field: string; reason: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const reason = mainReason(error);
    const own = reason === undefined ? [] : [{ field, reason }];
    return [...own, ...flattenErrors(error.children ?? [], field)];
  });
}

/** One reason per field, without class-validator's leading property name (the field says it). */
function mainReason(error: ValidationError): string | undefined {
  const constraints = error.constraints ?? {};
  if (constraints['whitelistValidation'] !== undefined) return 'unknown field';
  const kind = KIND_CONSTRAINTS.find((name) => constraints[name] !== undefined);
  const reason = kind ? constraints[kind] : Object.values(constraints)[0];
  if (reason === undefined) return undefined;
  return reason.startsWith(`${error.property} `) ? reason.slice(error.property.length + 1) : reason;
}
