import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Role } from '@redtail/contracts';
import type { Env } from '../app/env';

export const ROLES_KEY = 'redtail:roles';
export const PUBLIC_KEY = 'redtail:public';

/**
 * Marks the OpenAPI operation with the same access rule the guard enforces; `describeAccess`
 * (app/openapi-document.ts) turns it into `security`, the 401/403/429 answers and a sentence
 * naming the role, so the document cannot drift from the check.
 */
export const ACCESS_EXTENSION = 'x-redtail-access';
export const PUBLIC_WHEN_EXTENSION = 'x-redtail-public-when';

export type AccessRule = { public: true } | { roles: Role[] };

/**
 * The roles allowed to call a route (admin is always allowed). Every route
 * either names its roles or is marked `@Public()`; the global guard refuses
 * anything that does neither, so a forgotten decorator fails closed.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension(ACCESS_EXTENSION, { roles }));

/** Open to anyone, e.g. `/health`. */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension(ACCESS_EXTENSION, { public: true }));

export const PUBLIC_WHEN_KEY = 'redtail:public-when';

/** Env settings that are on/off switches. */
export type SwitchSetting = {
  [K in keyof Env]-?: Env[K] extends boolean ? K : never;
}[keyof Env];

/**
 * Public when the operator turns `setting` on, otherwise guarded by `@Roles`,
 * e.g. `/metrics` for a Prometheus scraper with `REDTAIL_METRICS_PUBLIC=true`.
 */
export const PublicWhen = (setting: SwitchSetting) =>
  applyDecorators(
    SetMetadata(PUBLIC_WHEN_KEY, setting),
    ApiExtension(PUBLIC_WHEN_EXTENSION, setting),
  );
