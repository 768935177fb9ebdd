/** Bits of V8's %GetOptimizationStatus (src/runtime/runtime-test.cc). */
const OPTIMIZED = 1 << 4;
const MAGLEVVED = 1 << 5;
const TURBOFANNED = 1 << 6;
const BASELINE = 1 << 15;

// Natives syntax only parses where --allow-natives-syntax is set, so it is compiled at run time.
const optimizationStatus = new Function('f', 'return %GetOptimizationStatus(f)') as (
  f: unknown,
) => number;

/** The tier V8 runs `fn` in now; the process must run with --allow-natives-syntax. */
export function tierOf(fn: unknown): string {
  const status = optimizationStatus(fn);
  if (status & TURBOFANNED) return 'TurboFan';
  if (status & MAGLEVVED) return 'Maglev';
  if (status & OPTIMIZED) return 'optimised';
  if (status & BASELINE) return 'Sparkplug (baseline)';
  return 'interpreter';
}
