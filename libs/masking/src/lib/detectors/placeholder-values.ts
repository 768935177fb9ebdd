// Values that hide nothing: already masked upstream (`****`, `xxxx`, `[REDACTED]`, `<redacted>`).
const MASKED_ALREADY = /^(?:\*+|x{3,}|X{3,}|\[[A-Za-z _-]{1,30}\]|<[^<>]{0,30}>)$/;

/** Whether a value found by a context detector is a stand-in rather than the secret itself. */
export function isPlaceholderValue(value: string): boolean {
  return value === '' || MASKED_ALREADY.test(value);
}
