import type { MaskCounts } from '@redtail/contracts';

/**
 * What the pipeline needs from `@redtail/masking`'s `createMasker()`. An
 * abstract class so it doubles as the DI token and tests can pass a fake.
 */
export abstract class LogMasker {
  abstract maskText(text: string, counts?: MaskCounts): { value: string; counts: MaskCounts };
  abstract maskValue<T>(value: T, counts?: MaskCounts): { value: T; counts: MaskCounts };
  /** `maskValue` for parsed JSON: shares unchanged subtrees with the input, so treat both as read-only. */
  abstract maskJson<T>(value: T, counts?: MaskCounts): { value: T; counts: MaskCounts };
  abstract setPseudonymKey(key: Uint8Array): void;
}
