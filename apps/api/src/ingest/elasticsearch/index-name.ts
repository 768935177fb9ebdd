/** Elasticsearch's rules for an index name (lower case, none of `\ / * ? " < > | , # :` or space). */
export function isValidIndexName(name: string): boolean {
  return (
    name.length > 0 &&
    Buffer.byteLength(name) <= 255 &&
    name !== '.' &&
    name !== '..' &&
    !/^[-_+]/.test(name) &&
    !/[\\/*?"<>| ,#:A-Z]/.test(name)
  );
}

/** `pino-2026.12.02` or `logs-2026-12-02` → `pino`, `logs`: the service a dated index stands for. */
export function serviceOfIndex(index: string): string {
  return index.replace(/-\d{4}([.-])\d{2}\1\d{2}$/, '') || index;
}
