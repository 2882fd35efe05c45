import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';

import type { Audience } from './api-types';
import { AuthService } from './auth.service';

/** Route guard: the audience must be signed in (or be restorable from the cookie). */
export function signedIn(audience: Audience): CanActivateFn {
  return async (_route, state) => {
    const auth = inject(AuthService);
    const router = inject(Router);
    if (await auth.ensure(audience)) return true;
    const signIn = audience === 'staff' ? '/staff/sign-in' : '/sign-in';
    return router.createUrlTree([signIn], { queryParams: state.url && state.url !== '/' && state.url !== '/staff' ? { returnTo: state.url } : {} });
  };
}
