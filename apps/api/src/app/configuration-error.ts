/**
 * A mistake in the operator's settings. `main.ts` reports each problem on its own line and
 * exits, without a stack trace: the fix is in the configuration, not in the code.
 */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigurationError';
  }
}
