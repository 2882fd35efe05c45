import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { FirmService } from '../core/firm.service';
import { Icon, type IconName } from '../shared/icon';
import { AuthService } from '../core/auth.service';
import { PortalAddress } from './ui/portal-address';

interface NextStep {
  title: string;
  text: string;
  path: string;
  icon: IconName;
}

@Component({
  selector: 'app-staff-dashboard',
  imports: [RouterLink, Icon, PortalAddress],
  template: `
    @if (firmService.firm(); as firm) {
      <h1 class="page-title">Dashboard</h1>
      @if (me(); as me) {
        <p class="greeting">Signed in as {{ me.name }}.</p>
      }

      <div class="grid">
        <section class="card welcome" aria-labelledby="welcome-title">
          <h2 id="welcome-title">Welcome to {{ firm.name }}</h2>
          <p class="muted">This is your firm's staff area, where you manage clients, their portal access and your firm's settings.</p>
          <dl class="facts">
            <div>
              <dt>Firm</dt>
              <dd>{{ firm.name }}</dd>
            </div>
            <div>
              <dt>Staff address</dt>
              <dd><a [href]="staffUrl()">{{ displayUrl(staffUrl()) }}</a></dd>
            </div>
          </dl>
        </section>

        <section class="card share" aria-labelledby="share-title">
          <h2 id="share-title">Share your portal</h2>
          <p class="muted">Give this address to your clients, or invite them from a contact's page: they sign in here to see what you share with them.</p>
          <app-portal-address />
          <a class="invite-link" routerLink="/staff/clients">Invite clients to the portal</a>
        </section>

        <section class="card steps" aria-labelledby="steps-title">
          <h2 id="steps-title">Getting started</h2>
          <ul>
            @for (step of steps; track step.path) {
              <li>
                <a [routerLink]="step.path">
                  <span class="step-icon" aria-hidden="true"><app-icon [name]="step.icon" /></span>
                  <span class="step-body">
                    <span class="step-title">{{ step.title }}</span>
                    <span class="step-text">{{ step.text }}</span>
                  </span>
                </a>
              </li>
            }
          </ul>
        </section>
      </div>
    }
  `,
  styles: `
    .page-title {
      font: var(--mat-sys-headline-small);
      font-weight: 600;
      margin: 0 0 0.25rem;
    }
    .greeting {
      margin: 0 0 1.25rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .invite-link {
      display: inline-block;
      margin-top: 1rem;
      font: var(--mat-sys-label-large);
    }
    .grid {
      display: grid;
      grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
      gap: 1.5rem;
      align-items: start;
      @media (max-width: 1000px) {
        grid-template-columns: 1fr;
      }
    }
    .welcome {
      border-top: 4px solid var(--portico-primary);
    }
    .steps {
      grid-column: 1 / -1;
    }
    h2 {
      font: var(--mat-sys-title-large);
      font-weight: 600;
      margin: 0;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
      margin: 0.5rem 0 1.25rem;
    }
    .facts {
      display: grid;
      gap: 0.75rem;
      margin: 0;
      div {
        display: grid;
        grid-template-columns: 9rem minmax(0, 1fr);
        gap: 1rem;
        padding-top: 0.75rem;
        border-top: 1px solid var(--mat-sys-outline-variant);
      }
      dt {
        font: var(--mat-sys-label-large);
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      @media (max-width: 560px) {
        div {
          grid-template-columns: 1fr;
          gap: 0.25rem;
        }
      }
    }
    .steps ul {
      list-style: none;
      margin: 1rem 0 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(12.5rem, 1fr));
      gap: 0.75rem;
    }
    .steps a {
      display: flex;
      gap: 0.875rem;
      height: 100%;
      padding: 1rem;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      color: inherit;
      text-decoration: none;
      &:hover {
        border-color: color-mix(in srgb, var(--portico-primary) 45%, white);
        background: color-mix(in srgb, var(--portico-primary) 4%, white);
      }
    }
    .step-icon {
      display: inline-flex;
      align-self: flex-start;
      padding: 8px;
      border-radius: 10px;
      color: var(--portico-primary-text);
      background: color-mix(in srgb, var(--portico-primary) 10%, white);
      --app-icon-size: 20px;
    }
    .step-body {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
    }
    .step-title {
      font: var(--mat-sys-title-small);
      font-weight: 600;
    }
    .step-text {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffDashboard {
  protected readonly firmService = inject(FirmService);
  protected readonly me = inject(AuthService).staffMe;

  protected readonly staffUrl = computed(() => {
    const portalUrl = this.firmService.firm()?.portalUrl ?? '';
    return portalUrl.replace(/\/$/, '') + '/staff';
  });

  protected readonly steps: readonly NextStep[] = [
    { title: 'Brand your portal', text: 'Logo and colours your clients will see.', path: '/staff/settings', icon: 'settings' },
    { title: 'Add your clients', text: 'Create contacts and invite them to the portal.', path: '/staff/clients', icon: 'people' },
    { title: 'Share documents', text: 'Organise folders and request files.', path: '/staff/documents', icon: 'folder' },
    { title: 'Set up billing', text: 'Choose how clients pay your invoices.', path: '/staff/billing', icon: 'payments' },
  ];

  protected displayUrl(url: string): string {
    return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
  }
}
