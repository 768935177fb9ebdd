import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { Session } from './session';

/** Adds the session's key to API calls and signs out when the server stops accepting it. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(Session);
  const token = session.token();
  const authorised =
    token && !request.headers.has('Authorization')
      ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
      : request;
  return next(authorised).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        session.state() === 'signed-in'
      ) {
        session.signOut('The server no longer accepts this key.');
      }
      return throwError(() => error);
    }),
  );
};
