import { type ExecutionContext, SetMetadata } from '@nestjs/common';

export const SCANS_KEY = 'redtail:scans';

/**
 * A route that scans the store with the caller's filter: besides its usual rate limit it spends
 * one scan from the key's REDTAIL_SCAN_RATE_LIMIT, the budget socket replays spend too.
 */
export const Scans = () => SetMetadata(SCANS_KEY, true);

/** Per class, then per handler: the answer depends on route metadata only. */
const scanRoutes = new WeakMap<object, WeakMap<object, boolean>>();

export function isScanRoute(context: ExecutionContext): boolean {
  const handler = context.getHandler();
  const classRef = context.getClass();
  let byHandler = scanRoutes.get(classRef);
  if (!byHandler) {
    byHandler = new WeakMap();
    scanRoutes.set(classRef, byHandler);
  }
  let scans = byHandler.get(handler);
  if (scans === undefined) {
    scans = Reflect.getMetadata(SCANS_KEY, handler) === true;
    byHandler.set(handler, scans);
  }
  return scans;
}
