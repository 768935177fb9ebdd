import { SetMetadata } from '@nestjs/common';
import type { Role } from '@redtail/contracts';
import type { Env } from '../app/env';

export const ROLES_KEY = 'redtail:roles';
export const PUBLIC_KEY = 'redtail:public';

/**
 * The roles allowed to call a route (admin is always allowed). Every route
 * either names its roles or is marked `@Public()`; the global guard refuses
 * anything that does neither, so a forgotten decorator fails closed.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Open to anyone, e.g. `/health`. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const PUBLIC_WHEN_KEY = 'redtail:public-when';

/** Env settings that are on/off switches. */
export type SwitchSetting = {
  [K in keyof Env]-?: Env[K] extends boolean ? K : never;
}[keyof Env];

/**
 * Public when the operator turns `setting` on, otherwise guarded by `@Roles`,
 * e.g. `/metrics` for a Prometheus scraper with `REDTAIL_METRICS_PUBLIC=true`.
 */
export const PublicWhen = (setting: SwitchSetting) => SetMetadata(PUBLIC_WHEN_KEY, setting);
