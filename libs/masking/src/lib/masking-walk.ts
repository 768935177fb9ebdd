import { increment } from './mask-text';
import type { MaskCounts } from './types';

// Integers this large may be card numbers written as JSON numbers.
const SMALLEST_CARD_NUMBER = 1e12;

export interface ValueMaskingLimits {
  maxDepth: number;
  maxNodes: number;
}

export interface ValueMaskingParts {
  maskText(text: string, counts: MaskCounts): string;
  /**
   * Type to replace `value` under `key` with, or undefined when the key is not sensitive or the
   * value hides nothing (a boolean, an empty string, a word under a key for personal numbers).
   */
  sensitiveTypeOf(key: string, value: unknown): string | undefined;
  /** Replacement for a whole value under a sensitive key. */
  renderSecret(type: string, value: unknown): string;
}

/**
 * What every structured walk shares, so `maskValue` and `maskJson` cannot drift apart on
 * scalars, sensitive keys or the node budget: each walk only says how it visits objects.
 */
export abstract class MaskingWalk {
  private nodes = 0;

  constructor(
    protected readonly parts: ValueMaskingParts,
    protected readonly limits: ValueMaskingLimits,
    protected readonly counts: MaskCounts,
  ) {}

  visit(value: unknown, depth: number): unknown {
    this.nodes++;
    switch (typeof value) {
      case 'string':
        return this.parts.maskText(value, this.counts);
      case 'number':
        return isCardSized(value) ? this.maskNumber(value) : value;
      // A card number must not slip through just because it came as a bigint.
      case 'bigint':
        return this.maskNumber(value);
      case 'object':
        return value === null ? value : this.visitObject(value, depth);
      default:
        return value;
    }
  }

  protected abstract visitObject(value: object, depth: number): unknown;

  protected get exhausted(): boolean {
    return this.nodes >= this.limits.maxNodes;
  }

  /** A member's value: replaced whole under a sensitive key, walked otherwise. */
  protected visitProperty(key: string, item: unknown, depth: number): unknown {
    const type =
      item === null || item === undefined ? undefined : this.parts.sensitiveTypeOf(key, item);
    if (type === undefined) {
      return this.visit(item, depth + 1);
    }
    this.nodes++;
    increment(this.counts, type);
    return this.parts.renderSecret(type, item);
  }

  /**
   * Runs the text masker over a number's digits. The sign is left out of the text (the card
   * detector, rightly, never matches digits glued to a `-`) and out of a masked result: no card
   * number is negative, so `-4111…` is a card with a stray sign, and it masks as the card does.
   * A number with nothing to mask comes back as it was, sign included.
   */
  private maskNumber(value: number | bigint): unknown {
    const text = value < 0 ? String(-value) : String(value);
    const masked = this.parts.maskText(text, this.counts);
    return masked === text ? value : masked;
  }
}

function isCardSized(value: number): boolean {
  return Number.isSafeInteger(value) && Math.abs(value) >= SMALLEST_CARD_NUMBER;
}
