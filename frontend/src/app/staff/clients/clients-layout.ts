import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { ClientAccountDetail } from '../../core/api-types';
import { PortalAddress } from '../ui/portal-address';
import { Icon } from '../../shared/icon';
import { ClientsEvents } from './clients-events';
import { NewClientDialog } from './new-client-dialog';

/** `/staff/clients`: the heading, "New client", the portal address and the Contacts / Accounts tabs. */
@Component({
  selector: 'app-clients-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatButtonModule, MatTabsModule, PortalAddress, Icon],
  providers: [ClientsEvents],
  template: `
    <div class="page-head">
      <div>
        <h1>Clients</h1>
        <p class="sub">Client accounts, their contacts, and who can use the portal.</p>
      </div>
      <div class="head-actions">
        <button mat-flat-button type="button" (click)="newClient()" data-testid="new-client"><app-icon matButtonIcon name="add" />New client</button>
      </div>
    </div>

    <div class="card address-card">
      <app-portal-address />
    </div>

    <nav mat-tab-nav-bar [tabPanel]="tabPanel" aria-label="Clients views" class="tabs" mat-stretch-tabs="false" mat-align-tabs="start">
      @for (tab of tabs; track tab.path) {
        <a
          mat-tab-link
          [routerLink]="tab.path"
          routerLinkActive
          #rla="routerLinkActive"
          [routerLinkActiveOptions]="{ paths: 'exact', queryParams: 'ignored', matrixParams: 'ignored', fragment: 'ignored' }"
          [active]="rla.isActive"
          >{{ tab.label }}</a
        >
      }
    </nav>
    <mat-tab-nav-panel #tabPanel>
      <router-outlet />
    </mat-tab-nav-panel>
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    .address-card {
      padding: 1rem 1.25rem;
      margin-bottom: 1.25rem;
    }
    .tabs {
      margin-bottom: 1.25rem;
      background: transparent;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientsLayout {
  private readonly dialog = inject(MatDialog);
  private readonly events = inject(ClientsEvents);

  protected readonly tabs = [
    { label: 'Contacts', path: '/staff/clients' },
    { label: 'Accounts', path: '/staff/clients/accounts' },
  ] as const;

  protected async newClient(): Promise<void> {
    const ref = this.dialog.open<NewClientDialog, void, ClientAccountDetail>(NewClientDialog, {
      width: '40rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
    });
    const created = await firstValueFrom(ref.afterClosed());
    if (created) this.events.created.set(created);
  }
}
