import type { Routes } from '@angular/router';

import { ComingSoon } from '../shared/coming-soon';
import { PortalShell } from './portal-shell';

export const PORTAL_ROUTES: Routes = [
  {
    path: '',
    component: PortalShell,
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadComponent: () => import('./portal-home').then((m) => m.PortalHome),
      },
      {
        path: 'documents',
        title: 'Documents',
        component: ComingSoon,
        data: {
          heading: 'Documents',
          icon: 'folder',
          summary: 'Soon you will upload and download documents here, organised in folders your firm shares with you.',
        },
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
    ],
  },
];
