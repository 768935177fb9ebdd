import {
  ArgumentMetadata,
  BadRequestException,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
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
      exceptionFactory: (errors) => fieldErrors(flattenErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (this.toValidate(metadata) && nestsDeeperThan(value, MAX_DTO_DEPTH)) {
      const field = metadata.type === 'query' ? 'query' : 'body';
      throw fieldErrors([{ field, reason: `nested deeper than ${MAX_DTO_DEPTH} levels` }]);
    }
    return super.transform(value, metadata);
  }
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
