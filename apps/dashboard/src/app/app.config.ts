import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideRouter } from '@angular/router';
import { appRoutes } from './app.routes';
import { authInterceptor } from './auth/auth.interceptor';
import { Session } from './auth/session';
import { retryBusyInterceptor } from './http/retry-busy.interceptor';
import { provideLogSocket } from './logs/socket-io';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideHttpClient(withInterceptors([authInterceptor, retryBusyInterceptor])),
    provideRouter(appRoutes),
    provideLogSocket(),
    // Before the first navigation, so a `#token=` link is consumed before the router sees it.
    provideAppInitializer(() => inject(Session).start()),
  ],
};
