import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';

import { AuthService } from './auth.service';

/**
 * Adds the audience's access token to API calls that need it; on a 401 it
 * refreshes once and retries, and when that fails sends the person to sign in.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const audience = auth.audienceOf(req.url);
  if (!audience) return next(req);
  const withToken = () => {
    const token = auth.accessToken(audience);
    return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
  };
  return next(withToken()).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) return throwError(() => error);
      return from(auth.refresh(audience)).pipe(
        switchMap((ok) => {
          if (ok) return next(withToken());
          const signIn = audience === 'staff' ? '/staff/sign-in' : '/sign-in';
          void router.navigate([signIn], { queryParams: { returnTo: router.url, ended: 1 } });
          return throwError(() => error);
        }),
      );
    }),
  );
};
