const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/**
 * `256MiB`, `64 KiB`, `1GiB`, `1.5MiB` or plain bytes, as the docs write them; undefined for
 * anything else. Decimal units (`MB`) are refused on purpose: people mean MiB as often as
 * 10^6 bytes, and a store sized 5% off is a surprise best avoided.
 */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = UNITS[match[2].toLowerCase()];
  if (unit === undefined) return undefined;
  const bytes = Number(match[1]) * unit;
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** The largest binary unit that divides the size exactly: `256MiB`, `64KiB`, `1000 bytes`. */
export function formatSize(bytes: number): string {
  for (const unit of ['GiB', 'MiB', 'KiB'] as const) {
    const factor = UNITS[unit.toLowerCase()];
    if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return `${bytes} bytes`;
}
