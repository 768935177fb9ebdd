export { createMasker } from './lib/create-masker';
export { assertLinearTimeSafe, UnsafePatternError } from './lib/custom-patterns/linear-time-guard';
export { MASK_TYPES, UNMASKABLE } from './lib/mask-types';
export { MARKERS, setOwn } from './lib/mask-value';
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES } from './lib/options';
export { BUILT_IN_SENSITIVE_KEYS, isSensitiveKey } from './lib/sensitive-keys';
export type {
  BuiltInMaskType,
  CustomPattern,
  Masker,
  MaskCounts,
  MaskingOptions,
  MaskMode,
  MaskResult,
  MaskType,
} from './lib/types';
