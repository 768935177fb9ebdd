import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/**
 * Every setting the API reads from the environment, with its default. A bad
 * value stops the boot with one line per variable saying what is wrong, so a
 * typo in a deployment fails loudly instead of running with a surprise.
 */
export class Env {
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Loopback by default: exposing a log monitor is a deliberate choice. */
  @IsString()
  @Matches(/^[A-Za-z0-9.:[\]-]+$/, { message: 'HOST must be a hostname or an IP address' })
  HOST = '127.0.0.1';

  /** The built dashboard; defaults to the Angular build next to the API's. */
  @IsOptional()
  @IsString()
  REDTAIL_DASHBOARD_DIR?: string;
}

export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(Env, pickDefined(raw), {
    enableImplicitConversion: true,
  });
  const problems = validateSync(env, { stopAtFirstError: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (reason) => `  ${error.property}=${JSON.stringify(raw[error.property])}: ${reason}`,
    ),
  );
  if (problems.length > 0) {
    throw new InvalidEnvironmentError(problems);
  }
  return env;
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment, Redtail cannot start:\n${problems.join('\n')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

/** Empty variables mean "use the default", as in most twelve-factor tools. */
function pickDefined(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
}
