/** How many failing seeds one report lists; the count says how many more there were. */
const LISTED = 40;

/**
 * Runs `check` on every seed, one after the other, and fails with every seed that did not hold,
 * each under its name (file and title). Seeds are not fast-check examples: fast-check stops at
 * the first failure and counts examples inside `numRuns`, dropping any beyond it unrun.
 */
export async function expectEverySeedHolds<T extends { name: string }>(
  seeds: readonly T[],
  check: (seed: T) => Promise<void>,
): Promise<void> {
  const failures: string[] = [];
  for (const seed of seeds) {
    try {
      await check(seed);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`${seed.name}: ${message.slice(0, 400)}`);
    }
  }
  if (failures.length === 0) return;
  const more = failures.length > LISTED ? `\n… and ${failures.length - LISTED} more` : '';
  throw new Error(
    `${failures.length} of ${seeds.length} seeds failed:\n${failures.slice(0, LISTED).join('\n')}${more}`,
  );
}
