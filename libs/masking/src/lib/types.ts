export type BuiltInMaskType =
  | 'EMAIL'
  | 'PHONE'
  | 'CREDIT_CARD'
  | 'IBAN'
  | 'US_SSN'
  | 'NATIONAL_ID'
  | 'SUBSCRIBER_ID'
  | 'CARD_SECURITY'
  | 'IPV4'
  | 'IPV6'
  | 'JWT'
  | 'BEARER_TOKEN'
  | 'BASIC_AUTH'
  | 'AWS_ACCESS_KEY'
  | 'AWS_SECRET_KEY'
  | 'GITHUB_TOKEN'
  | 'SLACK_TOKEN'
  | 'STRIPE_KEY'
  | 'API_KEY'
  | 'WEBHOOK_URL'
  | 'PRIVATE_KEY'
  | 'PASSWORD'
  | 'SECRET';

// `string & {}` keeps editor completion for the built-in names while still accepting custom ones.
export type MaskType = BuiltInMaskType | (string & {});

export type MaskCounts = Partial<Record<string, number>>;

export type MaskMode = 'redact' | 'partial' | 'pseudonym';

export interface CustomPattern {
  type: string;
  pattern: string;
  flags?: string;
  /** Literal text every match contains; when given, the pattern only runs on text that includes it. */
  trigger?: string;
}

export interface MaskingOptions {
  mode?: MaskMode;
  pseudonymKey?: Uint8Array;
  disabledDetectors?: string[];
  sensitiveKeys?: string[];
  customPatterns?: CustomPattern[];
  maxDepth?: number;
  maxNodes?: number;
}

export interface MaskResult<T> {
  value: T;
  counts: MaskCounts;
}

export interface Masker {
  /** Masks one string. Pass `counts` to accumulate into an existing object instead of a fresh one. */
  maskText(text: string, counts?: MaskCounts): MaskResult<string>;
  /** Masks every string in a structured value; returns a copy and never mutates the input. */
  maskValue<T>(value: T, counts?: MaskCounts): MaskResult<T>;
  /**
   * Masks a value straight out of `JSON.parse` (plain objects, arrays, strings, numbers,
   * booleans, null) with the same result and counts as `maskValue`, without copying what holds
   * nothing to mask: most log contexts hold nothing, and copying each in full dominated ingest.
   * The result shares every unchanged subtree with the input (an untouched input comes back
   * as itself), so treat both as read-only. The input is never mutated. Given anything else
   * (a Map, Set, Date, Error or class instance anywhere inside), it hands the whole value to
   * `maskValue`: slower, never weaker. A cycle of plain objects is cut by `maxDepth` rather than
   * marked `[CIRCULAR]`.
   */
  maskJson<T>(value: T, counts?: MaskCounts): MaskResult<T>;
  setPseudonymKey(key: Uint8Array): void;
}
