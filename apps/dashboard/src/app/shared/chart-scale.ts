/**
 * The smallest "round" number (1, 2 or 5 times a power of ten) at or above `max`, so a chart's
 * top gridline carries a label a reader can use; at least 1, so an empty chart still has a scale.
 */
export function niceCeiling(max: number): number {
  if (!(max > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power;
  }
  return 10 * power;
}

/** Compact axis label: 950, 1.2k, 35k, 4.1M. */
export function shortCount(value: number): string {
  if (value < 1000) return String(Math.round(value));
  if (value < 1_000_000) return `${trim(value / 1000)}k`;
  return `${trim(value / 1_000_000)}M`;
}

function trim(value: number): string {
  return value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
}
