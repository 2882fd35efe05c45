import type { Routes } from '@angular/router';

import { ComingSoon } from '../shared/coming-soon';
import { StaffShell } from './staff-shell';

export const STAFF_ROUTES: Routes = [
  {
    path: 'activate',
    title: 'Set your password',
    loadComponent: () => import('./staff-activate-page').then((m) => m.StaffActivatePage),
  },
  {
    path: '',
    component: StaffShell,
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Staff dashboard',
        loadComponent: () => import('./staff-dashboard').then((m) => m.StaffDashboard),
      },
      {
        path: 'clients',
        title: 'Clients',
        component: ComingSoon,
        data: {
          heading: 'Clients',
          icon: 'people',
          summary: 'Your contacts, their portal access and invitations will be managed here.',
        },
      },
      {
        path: 'documents',
        title: 'Documents',
        component: ComingSoon,
        data: {
          heading: 'Documents',
          icon: 'folder',
          summary: 'Folders, shared documents, requests and retention will be managed here.',
        },
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
        title: 'Settings',
        component: ComingSoon,
        data: {
          heading: 'Settings',
          icon: 'settings',
          summary: 'Branding, staff accounts, security policies and integrations will be configured here.',
        },
      },
    ],
  },
];
