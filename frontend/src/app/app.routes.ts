import type { Routes } from '@angular/router';

import { firmHostGuard } from './core/firm-host.guard';

export const routes: Routes = [
  {
    path: 'setup',
    title: 'Set up Portico',
    loadComponent: () => import('./setup/setup-page').then((m) => m.SetupPage),
  },
  {
    path: 'staff',
    canActivate: [firmHostGuard],
    loadChildren: () => import('./staff/staff.routes').then((m) => m.STAFF_ROUTES),
  },
  {
    path: '',
    canActivate: [firmHostGuard],
    loadChildren: () => import('./portal/portal.routes').then((m) => m.PORTAL_ROUTES),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./shared/not-found-page').then((m) => m.NotFoundPage),
  },
];
