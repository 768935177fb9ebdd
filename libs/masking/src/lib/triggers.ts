/**
 * Bits set by the trigger scan. A detector declares the bits it needs and only runs on text where
 * the scan saw one of them, which keeps the expensive patterns off the ~95 % of log lines that
 * contain nothing sensitive.
 */
export const Trigger = {
  /** A code unit ≥ 0x80: the text is normalised (NFKC, invisibles, confusables) before detection. */
  NON_ASCII: 1 << 20,
  /** `%XX`, `&#…;` or `\uXXXX`: detection runs on a decoded copy. */
  ESCAPED: 1 << 21,
  AT_SIGN: 1 << 0,
  NUMBER_RUN: 1 << 1,
  PHONE_PREFIX: 1 << 2,
  IBAN_PREFIX: 1 << 3,
  HEX_COLONS: 1 << 4,
  JWT_HEADER: 1 << 5,
  AUTH_SCHEME: 1 << 6,
  AWS_KEY_PREFIX: 1 << 7,
  VENDOR_TOKEN_PREFIX: 1 << 8,
  PEM_HEADER: 1 << 9,
  SENSITIVE_KEY: 1 << 10,
  // Set by the context pass (detectors/context-triggers.ts).
  QUERY_PARAM: 1 << 11,
  MARKUP: 1 << 12,
  COMMAND: 1 << 13,
  URL: 1 << 14,
  KEYWORD_VALUE: 1 << 15,
  DIGIT_GROUPS: 1 << 16,
  /** A credential in a fixed phrase of a tool (detectors/phrase-triggers.ts). */
  PHRASE: 1 << 17,
  /**
   * A credential named in running text (`password`, `PIN`, `recovery codes`, `mysqli`, a USSD
   * string; detectors/prose-credentials.ts).
   */
  PROSE: 1 << 18,
  /** A run of 9 to 15 digits standing alone: a number written without `+` or separators. */
  BARE_DIGITS: 1 << 19,
  ALWAYS: 1 << 30,
} as const;

export const ALL_TRIGGERS = 0x7fffffff;
