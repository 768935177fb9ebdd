import { MASK_TYPES } from './mask-types';
import { assertPseudonymKey } from './rendering/pseudonym';
import type { CustomPattern, MaskingOptions, MaskMode } from './types';

export const DEFAULT_MAX_DEPTH = 32;
export const DEFAULT_MAX_NODES = 10_000;
// Each nesting level is one stack frame of the recursive walk; this stays far below V8's limit.
const MAX_ALLOWED_DEPTH = 1000;
const MODES: readonly MaskMode[] = ['redact', 'partial', 'pseudonym'];

export interface ResolvedOptions {
  mode: MaskMode;
  pseudonymKey: Uint8Array | undefined;
  disabledDetectors: ReadonlySet<string>;
  sensitiveKeys: readonly string[];
  customPatterns: readonly CustomPattern[];
  maxDepth: number;
  maxNodes: number;
}

function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  max = Infinity,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    const range = max === Infinity ? 'a positive integer' : `an integer from 1 to ${max}`;
    throw new TypeError(`${name} must be ${range}, got ${String(value)}`);
  }
  return value;
}

function stringList(name: string, value: readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new TypeError(`${name} must be an array of non-empty strings`);
  }
  return value;
}

/** Validates options once, at start-up, so a bad configuration fails loudly instead of leaking. */
export function resolveOptions(options: MaskingOptions): ResolvedOptions {
  const mode = options.mode ?? 'redact';
  if (!MODES.includes(mode)) {
    throw new TypeError(`mode must be one of ${MODES.join(', ')}, got ${String(mode)}`);
  }
  if (mode === 'pseudonym' || options.pseudonymKey !== undefined) {
    assertPseudonymKey(options.pseudonymKey);
  }
  const customPatterns = options.customPatterns ?? [];
  if (!Array.isArray(customPatterns)) throw new TypeError('customPatterns must be an array');
  const knownTypes = new Set<string>([
    ...MASK_TYPES,
    ...customPatterns.map((custom) => custom?.type),
  ]);
  const disabled = stringList('disabledDetectors', options.disabledDetectors);
  const unknown = disabled.filter((type) => !knownTypes.has(type));
  if (unknown.length > 0) {
    throw new TypeError(
      `disabledDetectors has unknown type(s) ${unknown.join(', ')}; known: ${[...knownTypes].join(', ')}`,
    );
  }
  return {
    mode,
    pseudonymKey: options.pseudonymKey,
    disabledDetectors: new Set(disabled),
    sensitiveKeys: stringList('sensitiveKeys', options.sensitiveKeys),
    customPatterns,
    maxDepth: positiveInteger('maxDepth', options.maxDepth, DEFAULT_MAX_DEPTH, MAX_ALLOWED_DEPTH),
    maxNodes: positiveInteger('maxNodes', options.maxNodes, DEFAULT_MAX_NODES),
  };
}
