import { PERSONAL_DATA_DETECTORS, secretDetectors } from './builtin-detectors';
import { customDetector } from './custom-patterns/custom-detector';
import type { Detector } from './detector';
import { MASK_TYPES, UNMASKABLE } from './mask-types';
import { placeholderPattern, TextMasker } from './mask-text';
import { JsonMasker } from './mask-json';
import { ValueMasker } from './mask-value';
import type { ValueMaskingParts } from './masking-walk';
import { resolveOptions } from './options';
import { assertPseudonymKey, PseudonymKey } from './rendering/pseudonym';
import { createRenderer, placeholder, type Renderer } from './rendering/renderer';
import { isShellDirectory } from './secret-value';
import { SensitiveKeys } from './sensitive-keys';
import { TriggerScanner } from './trigger-scan';
import type { Masker, MaskCounts, MaskingOptions, MaskResult } from './types';

// Values under a sensitive key that hide nothing: `"password": ""`, `"enabled": true`.
const HOLDS_DIGIT = /[0-9]/;

function holdsSecret(value: unknown, digitsOnly: boolean): boolean {
  if (typeof value === 'boolean') return false;
  if (typeof value === 'string') {
    return value.trim() !== '' && (!digitsOnly || HOLDS_DIGIT.test(value));
  }
  return true;
}

/**
 * Builds a masker from validated options. Everything expensive (pattern checks, key tries,
 * detector tables) happens here, once; the returned masker is safe to call per log line.
 */
export function createMasker(options: MaskingOptions = {}): Masker {
  const settings = resolveOptions(options);
  const custom = settings.customPatterns.map(customDetector);
  const allTypes = new Set<string>([
    ...MASK_TYPES,
    ...custom.flatMap((detector) => detector.types),
  ]);
  const keys = new SensitiveKeys(settings.sensitiveKeys, allTypes);
  const enabled = (type: string): boolean => !settings.disabledDetectors.has(type);
  const detectors: Detector[] = [
    ...secretDetectors(keys),
    ...custom,
    ...PERSONAL_DATA_DETECTORS,
  ].filter((detector) => detector.types.some(enabled));
  const enabledTypes = new Set([...allTypes].filter(enabled));
  const pseudonyms =
    settings.pseudonymKey === undefined ? undefined : new PseudonymKey(settings.pseudonymKey);
  const render: Renderer = createRenderer(settings.mode, pseudonyms);

  const text = new TextMasker(
    detectors,
    enabledTypes,
    new TriggerScanner(keys),
    placeholderPattern([...allTypes, UNMASKABLE]),
    render,
  );
  const parts: ValueMaskingParts = {
    maskText: (value, counts) => text.mask(value, counts),
    sensitiveTypeOf: (key, value) => {
      const match = keys.match(key);
      if (match === undefined || !enabledTypes.has(match.type)) return undefined;
      if (typeof value === 'string' && isShellDirectory(key, value)) return undefined;
      return holdsSecret(value, match.digitsOnly) ? match.type : undefined;
    },
    renderSecret: (type, value) =>
      typeof value === 'string' || typeof value === 'number'
        ? render(type, String(value))
        : placeholder(type),
  };
  const limits = { maxDepth: settings.maxDepth, maxNodes: settings.maxNodes };
  const values = new ValueMasker(parts, limits);
  const json = new JsonMasker(parts, limits, values);

  return {
    maskText(value: string, counts: MaskCounts = {}): MaskResult<string> {
      const input = typeof value === 'string' ? value : String(value);
      return { value: text.mask(input, counts), counts };
    },
    maskValue<T>(value: T, counts: MaskCounts = {}): MaskResult<T> {
      return { value: values.mask(value, counts), counts };
    },
    maskJson<T>(value: T, counts: MaskCounts = {}): MaskResult<T> {
      return { value: json.mask(value, counts), counts };
    },
    setPseudonymKey(key: Uint8Array): void {
      // Validated in every mode so a bad key surfaces even before pseudonym mode is switched on.
      assertPseudonymKey(key);
      pseudonyms?.replace(key);
    },
  };
}
