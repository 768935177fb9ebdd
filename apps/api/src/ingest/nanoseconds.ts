/** Epoch nanoseconds (a decimal string, as OTLP JSON and Loki send them) → epoch milliseconds. */
export function millisFromNanos(nanos: string): number | undefined {
  if (!/^\d{1,20}$/.test(nanos)) return undefined;
  const millis = Number(BigInt(nanos) / 1_000_000n);
  return millis > 0 ? millis : undefined;
}
