import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { FirmService } from '../core/firm.service';
import { Icon, type IconName } from '../shared/icon';
import { SignInPlaceholder } from '../shared/sign-in-placeholder';

interface Feature {
  title: string;
  path: string;
  icon: IconName;
  text: string;
}

@Component({
  selector: 'app-portal-home',
  imports: [RouterLink, Icon, SignInPlaceholder],
  template: `
    @if (firmService.firm(); as firm) {
      <div class="layout">
        <div class="intro">
          <section class="hero" aria-labelledby="welcome-title">
            <p class="eyebrow">Client portal</p>
            <h1 id="welcome-title">Welcome to {{ firm.name }}</h1>
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

        <aside class="side" aria-label="Your account">
          <app-sign-in-placeholder
            [explanation]="firm.name + ' will e-mail you an invitation when your portal account is ready; you will then choose your password and sign in here.'"
          />
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
  protected readonly features: readonly Feature[] = [
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
