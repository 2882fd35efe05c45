import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import type { Audience } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { Icon, type IconName } from '../shared/icon';

interface AccountNavItem {
  label: string;
  /** On narrow screens, so that the four tabs fit side by side. */
  short: string;
  path: string;
  icon: IconName;
}

/** "Your account": the heading and tabs above the profile, password, two-step and devices pages. */
@Component({
  selector: 'app-account-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, Icon],
  template: `
    <div class="account">
      <header class="account-head">
        <h1>Your account</h1>
        @if (me(); as me) {
          <p class="who">{{ me.name }} · {{ me.email }}</p>
        }
      </header>
      <nav class="account-nav" aria-label="Your account">
        <ul>
          @for (item of nav; track item.path) {
            <li>
              <a [routerLink]="item.path" routerLinkActive="active" ariaCurrentWhenActive="page">
                <app-icon [name]="item.icon" />
                <span class="long">{{ item.label }}</span>
                <span class="short">{{ item.short }}</span>
              </a>
            </li>
          }
        </ul>
      </nav>
      <div class="account-content">
        <router-outlet />
      </div>
    </div>
  `,
  styles: `
    .account {
      max-width: 48rem;
      margin: 0 auto;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
      font-weight: 650;
      margin: 0;
    }
    .who {
      margin: 0.25rem 0 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      overflow-wrap: anywhere;
    }
    .account-nav {
      margin: 1.25rem 0 1.5rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      ul {
        display: flex;
        gap: 0.25rem;
        margin: 0;
        padding: 0;
        list-style: none;
        overflow-x: auto;
        scrollbar-width: thin;
      }
      a {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.75rem 0.875rem 0.625rem;
        border-bottom: 3px solid transparent;
        color: var(--mat-sys-on-surface-variant);
        text-decoration: none;
        font: var(--mat-sys-label-large);
        white-space: nowrap;
        --app-icon-size: 20px;
        &:hover {
          color: var(--mat-sys-on-surface);
          background: var(--mat-sys-surface-container);
        }
        &.active {
          color: var(--portico-primary-text);
          border-bottom-color: var(--portico-primary-text);
          font-weight: 600;
        }
        &:focus-visible {
          outline-offset: -3px;
        }
      }
      .short {
        display: none;
      }
      @media (max-width: 600px) {
        a {
          padding: 0.75rem 0.625rem 0.625rem;
        }
        app-icon,
        .long {
          display: none;
        }
        .short {
          display: inline;
        }
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountLayout {
  private readonly auth = inject(AuthService);
  /** Route data: whose account this is. */
  readonly audience = input<Audience>('client');
  protected readonly me = computed(() => (this.audience() === 'staff' ? this.auth.staffMe() : this.auth.clientMe()));
  protected readonly nav: readonly AccountNavItem[] = [
    { label: 'Profile', short: 'Profile', path: 'profile', icon: 'person' },
    { label: 'Password', short: 'Password', path: 'password', icon: 'key' },
    { label: 'Two-step verification', short: 'Two-step', path: 'security', icon: 'shield' },
    { label: 'Signed-in devices', short: 'Devices', path: 'sessions', icon: 'devices' },
  ];
}
