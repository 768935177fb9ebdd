import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * The global pipe: strips unknown fields, converts query strings to the DTO's
 * types, and answers 400 with one `{ field, reason }` per problem, so a client
 * learns exactly what to fix.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flattenErrors(errors);
      return new BadRequestException({
        error: 'Bad Request',
        message: details.map((detail) => `${detail.field}: ${detail.reason}`).join('; '),
        errors: details,
      });
    },
  });
}

function flattenErrors(
  errors: ValidationError[],
  parent = '',
): { field: string; reason: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flattenErrors(error.children ?? [], field)];
  });
}
