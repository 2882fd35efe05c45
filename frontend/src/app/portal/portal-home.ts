import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { Icon, type IconName } from '../shared/icon';

interface Feature {
  title: string;
  path: string;
  icon: IconName;
  text: string;
}

@Component({
  selector: 'app-portal-home',
  imports: [RouterLink, Icon],
  template: `
    @if (firmService.firm(); as firm) {
      <div class="layout">
        <div class="intro">
          <section class="hero" aria-labelledby="welcome-title">
            <p class="eyebrow">{{ firm.name }} · Client portal</p>
            <h1 id="welcome-title">{{ greeting() }}</h1>
            <p class="lede">
              Your secure place to share documents, exchange messages and settle invoices with {{ firm.name }} —
              no more e-mail attachments.
            </p>
          </section>

          <section aria-labelledby="features-title">
            <h2 id="features-title" class="visually-hidden">What you can do here</h2>
            <ul class="features">
              @for (feature of features; track feature.path) {
                <li>
                  <a class="feature card" [routerLink]="feature.path">
                    <span class="feature-icon" aria-hidden="true"><app-icon [name]="feature.icon" /></span>
                    <span class="feature-body">
                      <span class="feature-title">{{ feature.title }}</span>
                      <span class="feature-text">{{ feature.text }}</span>
                    </span>
                  </a>
                </li>
              }
            </ul>
          </section>
        </div>

        <aside class="side" aria-labelledby="account-title">
          <section class="card account-card">
            <div class="head">
              <span class="badge" aria-hidden="true"><app-icon name="person" /></span>
              <h2 id="account-title">Your account</h2>
            </div>
            @if (me(); as me) {
              <dl class="facts">
                <div>
                  <dt>Name</dt>
                  <dd>{{ me.name }}</dd>
                </div>
                <div>
                  <dt>Login e-mail</dt>
                  <dd>{{ me.email }}</dd>
                </div>
                <div>
                  <dt>Two-step verification</dt>
                  <dd>
                    @if (me.mfaEnabled) {
                      <span class="state on"><app-icon name="shield-check" />On</span>
                    } @else {
                      <span class="state off"><app-icon name="shield" />Off</span>
                      · <a routerLink="/account/security">Set it up</a>
                    }
                  </dd>
                </div>
              </dl>
              @if (passwordExpiresSoon(); as days) {
                <p class="expiry" role="note">
                  Your password expires in {{ days }} day{{ days === 1 ? '' : 's' }}.
                  <a routerLink="/account/password">Change it now</a>
                </p>
              }
            }
            <ul class="account-links">
              <li><a routerLink="/account/profile">Edit your profile</a></li>
              <li><a routerLink="/account/password">Change your password</a></li>
              <li><a routerLink="/account/sessions">Signed-in devices</a></li>
            </ul>
          </section>
          <p class="address">
            Portal address: <a [href]="firm.portalUrl">{{ displayUrl(firm.portalUrl) }}</a>
          </p>
        </aside>
      </div>
    }
  `,
  styles: `
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 22rem;
      gap: 2rem;
      align-items: start;
      @media (max-width: 900px) {
        grid-template-columns: 1fr;
      }
    }
    .hero {
      padding: 0.5rem 0 1.5rem;
    }
    .eyebrow {
      margin: 0;
      font: var(--mat-sys-label-large);
      text-transform: uppercase;
      letter-spacing: 0.08em;
      color: var(--mat-sys-on-surface-variant);
    }
    h1 {
      font: var(--mat-sys-headline-large);
      font-weight: 650;
      margin: 0.25rem 0 0.75rem;
    }
    .lede {
      margin: 0;
      max-width: 40rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .features {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 1rem;
    }
    .feature {
      display: flex;
      gap: 1rem;
      align-items: flex-start;
      color: inherit;
      text-decoration: none;
      transition: border-color 120ms ease, box-shadow 120ms ease;
      &:hover {
        border-color: color-mix(in srgb, var(--portico-primary) 45%, white);
        box-shadow: 0 4px 14px rgb(16 24 40 / 10%);
      }
    }
    .feature-icon {
      display: inline-flex;
      padding: 10px;
      border-radius: 12px;
      color: var(--portico-primary-text);
      background: color-mix(in srgb, var(--portico-primary) 10%, white);
    }
    .feature-body {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    .feature-title {
      font: var(--mat-sys-title-medium);
      font-weight: 600;
    }
    .feature-text {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .account-card {
      .head {
        display: flex;
        align-items: center;
        gap: 0.75rem;
      }
      h2 {
        font: var(--mat-sys-title-large);
        font-weight: 600;
        margin: 0;
      }
    }
    .badge {
      display: inline-flex;
      padding: 10px;
      border-radius: 12px;
      color: var(--portico-primary-text);
      background: color-mix(in srgb, var(--portico-primary) 10%, white);
    }
    .facts {
      margin: 1.25rem 0 0;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      dt {
        font: var(--mat-sys-label-medium);
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0.125rem 0 0;
        font: var(--mat-sys-body-medium);
        overflow-wrap: anywhere;
      }
    }
    .state {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      font-weight: 600;
      --app-icon-size: 18px;
      &.on {
        color: #1b6b3a;
      }
      &.off {
        color: var(--mat-sys-on-surface-variant);
      }
    }
    .expiry {
      margin: 1rem 0 0;
      padding: 0.625rem 0.875rem;
      border-radius: 10px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-body-medium);
    }
    .account-links {
      list-style: none;
      margin: 1.25rem 0 0;
      padding: 1rem 0 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      font: var(--mat-sys-body-medium);
    }
    .address {
      margin: 1rem 0.25rem 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalHome {
  protected readonly firmService = inject(FirmService);
  protected readonly me = inject(AuthService).clientMe;
  protected readonly greeting = computed(() => {
    const me = this.me();
    return me?.firstName ? `Welcome, ${me.firstName}` : `Welcome to ${this.firmService.firm()?.name ?? 'your portal'}`;
  });
  /** Days until the password expires, when that is within two weeks. */
  protected readonly passwordExpiresSoon = computed(() => {
    const at = this.me()?.passwordExpiresAt as unknown as string | null | undefined;
    if (!at) return null;
    const days = Math.ceil((new Date(at).getTime() - Date.now()) / 86_400_000);
    return days >= 0 && days <= 14 ? Math.max(days, 1) : null;
  });
  protected readonly features: readonly Feature[] = [
    {
      title: 'Your projects & cases',
      path: '/engagements',
      icon: 'work',
      text: 'Where each matter stands, when it should be done, and the tasks and appointments shared with you.',
    },
    {
      title: 'Documents',
      path: '/documents',
      icon: 'folder',
      text: 'Upload tax papers, contracts and statements, and download what the firm shares with you.',
    },
    {
      title: 'Messages',
      path: '/messages',
      icon: 'message',
      text: 'Ask questions and get answers in one secure thread instead of scattered e-mails.',
    },
    {
      title: 'Invoices',
      path: '/invoices',
      icon: 'receipt',
      text: 'See what you owe, download invoices and pay online.',
    },
  ];

  protected displayUrl(url: string): string {
    return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
  }
}
