import type { Routes } from '@angular/router';

import { signedIn } from '../core/auth.guard';
import { signedOutRoutes } from '../account/account.routes';
import { ComingSoon } from '../shared/coming-soon';
import { StaffShell } from './staff-shell';

export const STAFF_ROUTES: Routes = [
  // Public pages of the staff area (no shell, no session needed).
  // Sign-in, forgot and reset: the same pages as the portal's, for the staff audience.
  ...signedOutRoutes('staff'),
  {
    path: 'activate',
    title: 'Set your password',
    loadComponent: () => import('./staff-activate-page').then((m) => m.StaffActivatePage),
  },

  // Everything else needs a signed-in staff member.
  {
    path: '',
    component: StaffShell,
    canActivate: [signedIn('staff')],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Staff dashboard',
        loadComponent: () => import('./staff-dashboard').then((m) => m.StaffDashboard),
      },
      {
        path: 'engagements',
        pathMatch: 'full',
        title: 'Engagements',
        loadComponent: () => import('./engagements/engagements-list').then((m) => m.EngagementsList),
      },
      {
        path: 'engagements/new',
        title: 'New engagement',
        loadComponent: () => import('./engagements/new-engagement-page').then((m) => m.NewEngagementPage),
      },
      {
        path: 'engagements/:id',
        title: 'Engagement',
        loadComponent: () => import('./engagements/engagement-detail-page').then((m) => m.EngagementDetailPage),
      },
      {
        path: 'clients/accounts/:id',
        title: 'Client account',
        loadComponent: () => import('./clients/account-detail-page').then((m) => m.AccountDetailPage),
      },
      {
        path: 'clients/contacts/:id',
        title: 'Contact',
        loadComponent: () => import('./clients/contact-detail-page').then((m) => m.ContactDetailPage),
      },
      {
        path: 'clients',
        loadComponent: () => import('./clients/clients-layout').then((m) => m.ClientsLayout),
        children: [
          {
            path: '',
            pathMatch: 'full',
            title: 'Clients',
            loadComponent: () => import('./clients/contacts-list').then((m) => m.ContactsList),
          },
          {
            path: 'accounts',
            pathMatch: 'full',
            title: 'Client accounts',
            loadComponent: () => import('./clients/accounts-list').then((m) => m.AccountsList),
          },
        ],
      },
      {
        path: 'documents',
        title: 'Documents',
        loadComponent: () => import('./documents/staff-documents-page').then((m) => m.StaffDocumentsPage),
      },
      {
        path: 'messages',
        title: 'Messages',
        component: ComingSoon,
        data: {
          heading: 'Messages',
          icon: 'message',
          summary: 'Conversations with your clients, contact-us reasons and reminders will live here.',
        },
      },
      {
        path: 'billing',
        title: 'Billing',
        component: ComingSoon,
        data: {
          heading: 'Billing',
          icon: 'payments',
          summary: 'Invoices, payments and payment methods will be managed here.',
        },
      },
      {
        path: 'settings',
        pathMatch: 'full',
        title: 'Settings',
        loadComponent: () => import('./settings/settings-home').then((m) => m.SettingsHome),
      },
      {
        path: 'settings/staff',
        title: 'Staff',
        loadComponent: () => import('./settings/staff-users-page').then((m) => m.StaffUsersPage),
      },
      {
        path: 'settings/security',
        title: 'Security settings',
        loadComponent: () => import('./settings/security-settings-page').then((m) => m.SecuritySettingsPage),
      },
      {
        path: 'settings/engagement-types',
        title: 'Engagement settings',
        loadComponent: () => import('./engagements/engagement-types-page').then((m) => m.EngagementTypesPage),
      },
      // My account (profile, password, two-step verification, sessions): the shared account pages, audience 'staff'.
      {
        path: 'account',
        loadChildren: () => import('../account/account.routes').then((m) => m.accountRoutes('staff')),
      },
    ],
  },
];
