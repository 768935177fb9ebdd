import { regexDetector, type Detector } from '../detector';
import { Trigger } from '../triggers';
import type { CustomPattern } from '../types';
import { assertLinearTimeSafe, UnsafePatternError } from './linear-time-guard';

const TYPE_NAME = /^[A-Z][A-Z0-9_]{0,31}$/;

/** Validates one configured pattern and turns it into a detector; throws a readable error otherwise. */
export function customDetector(custom: CustomPattern, index: number): Detector {
  const label = `customPatterns[${index}]`;
  if (typeof custom?.type !== 'string' || !TYPE_NAME.test(custom.type)) {
    throw new TypeError(`${label}: type must be UPPER_SNAKE_CASE, such as ORDER_ID`);
  }
  const flags = custom.flags ?? '';
  try {
    assertLinearTimeSafe(String(custom.pattern), flags);
  } catch (error) {
    if (error instanceof UnsafePatternError) {
      throw new TypeError(
        `${label} (${custom.type}) /${custom.pattern}/ is rejected: it ${error.message}`,
      );
    }
    throw error;
  }
  if (
    custom.trigger !== undefined &&
    (typeof custom.trigger !== 'string' || custom.trigger === '')
  ) {
    throw new TypeError(`${label} (${custom.type}): trigger must be a non-empty string`);
  }
  const detector = regexDetector({
    type: custom.type,
    trigger: Trigger.ALWAYS,
    pattern: new RegExp(custom.pattern, `${flags}g`),
  });
  const trigger = custom.trigger;
  if (trigger === undefined) return detector;
  return {
    ...detector,
    find(text, emit) {
      if (text.includes(trigger)) detector.find(text, emit);
    },
  };
}
