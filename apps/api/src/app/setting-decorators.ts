import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';
import { formatSize, parseSize } from './sizes';

/**
 * Decorators for `Env`. Each one converts the raw text itself and, when the text does not fit,
 * says in one phrase what would (`must be an integer from 1 to 65535`); `validateEnv` puts the
 * variable's name and value in front.
 */

/** Whole numbers only: `8080`, never `8080.5`, `8e3` or `0x1f90`. */
export function IntegerSetting(min: number, max?: number): PropertyDecorator {
  const phrase =
    max === undefined
      ? `must be an integer of at least ${min}`
      : `must be an integer from ${min} to ${max}`;
  return combine(
    Transform(({ value }) => (typeof value === 'string' ? parseInteger(value) : value)),
    rule('integerSetting', phrase, (value) => inRange(value, min, max)),
  );
}

/** Byte sizes with binary units (`256MiB`) or plain bytes. */
export function SizeSetting(min: number, max?: number): PropertyDecorator {
  const range =
    max === undefined
      ? `of at least ${formatSize(min)}`
      : `from ${formatSize(min)} to ${formatSize(max)}`;
  const phrase = `must be a size ${range}, such as 256MiB, 64KiB or a number of bytes`;
  return combine(
    Transform(({ value }) => (typeof value === 'string' ? (parseSize(value) ?? value) : value)),
    rule('sizeSetting', phrase, (value) => inRange(value, min, max)),
  );
}

/** `true`/`1` or `false`/`0`. */
export function BooleanSetting(): PropertyDecorator {
  return combine(
    Transform(({ value }) => parseBoolean(value)),
    rule(
      'booleanSetting',
      'must be true or false (or 1 or 0)',
      (value) => typeof value === 'boolean',
    ),
  );
}

export function OneOfSetting(allowed: readonly string[]): PropertyDecorator {
  const phrase = `must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  return rule('oneOfSetting', phrase, (value) => allowed.includes(value as string));
}

/** A text setting with a shape; `phrase` says what is expected, e.g. "must be a path such as /redtail". */
export function PatternSetting(pattern: RegExp, phrase: string): PropertyDecorator {
  return rule(
    'patternSetting',
    phrase,
    (value) => typeof value === 'string' && pattern.test(value),
  );
}

function rule(name: string, phrase: string, check: (value: unknown) => boolean): PropertyDecorator {
  return ValidateBy({ name, validator: { validate: check, defaultMessage: () => phrase } });
}

function combine(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

function parseInteger(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : text;
}

function inRange(value: unknown, min: number, max: number | undefined): boolean {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    value >= min &&
    (max === undefined || value <= max)
  );
}

function parseBoolean(value: unknown): unknown {
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
}
