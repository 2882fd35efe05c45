import type { Routes } from '@angular/router';

import { accountRoutes, signedOutRoutes } from '../account/account.routes';
import { signedIn } from '../core/auth.guard';
import { ComingSoon } from '../shared/coming-soon';
import { PortalShell } from './portal-shell';

export const PORTAL_ROUTES: Routes = [
  // Signed out: firm-branded pages outside the shell.
  ...signedOutRoutes('client'),
  {
    path: 'accept-invitation',
    title: 'Accept your invitation',
    loadComponent: () => import('./accept-invitation-page').then((m) => m.AcceptInvitationPage),
  },
  {
    path: 'verify-email',
    title: 'Confirm your login e-mail',
    loadComponent: () => import('./verify-email-page').then((m) => m.VerifyEmailPage),
  },
  // Signed in.
  {
    path: '',
    component: PortalShell,
    canActivate: [signedIn('client')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./portal-home').then((m) => m.PortalHome),
      },
      {
        path: 'engagements',
        title: 'Projects & cases',
        loadComponent: () => import('./engagements/portal-engagements-page').then((m) => m.PortalEngagementsPage),
      },
      {
        path: 'engagements/:id',
        title: 'Project or case',
        loadComponent: () => import('./engagements/portal-engagement-detail-page').then((m) => m.PortalEngagementDetailPage),
      },
      {
        path: 'documents',
        title: 'Documents',
        loadComponent: () => import('./documents/portal-documents-page').then((m) => m.PortalDocumentsPage),
      },
      {
        path: 'messages',
        title: 'Messages',
        component: ComingSoon,
        data: {
          heading: 'Messages',
          icon: 'message',
          summary: 'Soon you will write to your firm here and receive its answers, with notifications by e-mail.',
        },
      },
      {
        path: 'invoices',
        title: 'Invoices',
        component: ComingSoon,
        data: {
          heading: 'Invoices',
          icon: 'receipt',
          summary: 'Soon you will see your invoices here, download them and pay online.',
        },
      },
      { path: 'account', children: accountRoutes('client') },
    ],
  },
];
