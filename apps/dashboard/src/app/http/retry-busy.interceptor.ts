import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { retry, throwError, timer } from 'rxjs';

/** A refused read is asked again this many times before the error reaches the view. */
export const BUSY_RETRIES = 3;
/** Upper bound on one wait, whatever `Retry-After` says: a tab never looks frozen for longer. */
export const MAX_BUSY_WAIT_MS = 10_000;

/**
 * The server answers 429 when a key has too many reads in progress or has spent its read budget
 * (docs/security.md). Reads are idempotent, so a GET is asked again after the server's
 * `Retry-After`; anything that changes state (panic, resume) is never repeated behind the user's back.
 */
export const retryBusyInterceptor: HttpInterceptorFn = (request, next) => {
  const answer = next(request);
  if (request.method !== 'GET') return answer;
  return answer.pipe(
    retry({
      count: BUSY_RETRIES,
      delay: (error: unknown) =>
        error instanceof HttpErrorResponse && error.status === 429
          ? timer(busyWaitMs(error.headers.get('Retry-After')))
          : throwError(() => error),
    }),
  );
};

/** `Retry-After` in whole seconds (the only form the API sends), at least one second. */
export function busyWaitMs(retryAfter: string | null): number {
  const seconds = Number(retryAfter);
  const wait = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
  return Math.min(wait, MAX_BUSY_WAIT_MS);
}
