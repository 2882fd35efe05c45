import type { Routes } from '@angular/router';

import type { Audience } from '../core/api-types';

/**
 * "Your account" pages for one audience, to mount behind that audience's
 * sign-in guard: the portal mounts `accountRoutes('client')` at `/account`,
 * the staff area `accountRoutes('staff')` at `/staff/account`. Every route
 * carries `data.audience`, which the pages receive as their `audience` input.
 */
export function accountRoutes(audience: Audience): Routes {
  const data = { audience };
  return [
    {
      path: '',
      data,
      loadComponent: () => import('./account-layout').then((m) => m.AccountLayout),
      children: [
        { path: '', pathMatch: 'full', redirectTo: 'profile' },
        { path: 'profile', title: 'Profile', data, loadComponent: () => import('./profile-page').then((m) => m.ProfilePage) },
        { path: 'password', title: 'Change password', data, loadComponent: () => import('./password-page').then((m) => m.PasswordPage) },
        {
          path: 'security',
          title: 'Two-step verification',
          data,
          loadComponent: () => import('./security-page').then((m) => m.SecurityPage),
        },
        {
          path: 'sessions',
          title: 'Signed-in devices',
          data,
          loadComponent: () => import('./sessions-page').then((m) => m.SessionsPage),
        },
      ],
    },
  ];
}

/**
 * The signed-out pages of an audience (sign-in, "Need help?", reset link), to
 * mount outside its signed-in shell: at `/` for clients, under `/staff` for staff.
 */
export function signedOutRoutes(audience: Audience): Routes {
  const data = { audience };
  return [
    { path: 'sign-in', title: 'Sign in', data, loadComponent: () => import('./sign-in-page').then((m) => m.SignInPage) },
    {
      path: 'forgot-password',
      title: 'Reset your password',
      data,
      loadComponent: () => import('./forgot-password-page').then((m) => m.ForgotPasswordPage),
    },
    {
      path: 'reset-password',
      title: 'Choose a new password',
      data,
      loadComponent: () => import('./reset-password-page').then((m) => m.ResetPasswordPage),
    },
  ];
}
