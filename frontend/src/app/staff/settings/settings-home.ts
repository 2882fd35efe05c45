import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth.service';
import { Icon, type IconName } from '../../shared/icon';

interface Section {
  title: string;
  text: string;
  icon: IconName;
  path: string | null;
  adminOnly: boolean;
}

/** `/staff/settings`: the firm's settings, one card per section. */
@Component({
  selector: 'app-settings-home',
  imports: [RouterLink, Icon],
  template: `
    <div class="page-head">
      <div>
        <h1>Settings</h1>
        <p class="sub">How your firm's portal works, and who on your team can use the staff area.</p>
      </div>
    </div>
    <ul class="sections">
      @for (s of sections(); track s.title) {
        <li>
          @if (s.path) {
            <a class="section" [routerLink]="s.path">
              <span class="section-icon" aria-hidden="true"><app-icon [name]="s.icon" /></span>
              <span class="section-body">
                <span class="section-title">{{ s.title }}</span>
                <span class="section-text">{{ s.text }}</span>
              </span>
              <app-icon name="chevron" class="go" />
            </a>
          } @else {
            <div class="section later">
              <span class="section-icon" aria-hidden="true"><app-icon [name]="s.icon" /></span>
              <span class="section-body">
                <span class="section-title">{{ s.title }} <span class="tag">Coming later</span></span>
                <span class="section-text">{{ s.text }}</span>
              </span>
            </div>
          }
        </li>
      }
    </ul>
    @if (!isAdmin()) {
      <p class="note"><app-icon name="info" /> Staff accounts are managed by your firm's admins; you can read the security settings.</p>
    }
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    .sections {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
      gap: 1rem;
    }
    .section {
      display: flex;
      align-items: flex-start;
      gap: 1rem;
      height: 100%;
      padding: 1.25rem;
      border-radius: var(--portico-radius);
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-lowest);
      box-shadow: var(--portico-shadow);
      color: inherit;
      text-decoration: none;
    }
    a.section:hover {
      border-color: color-mix(in srgb, var(--portico-primary) 45%, white);
      background: color-mix(in srgb, var(--portico-primary) 4%, white);
    }
    .later {
      box-shadow: none;
      background: transparent;
      border-style: dashed;
    }
    .section-icon {
      display: inline-flex;
      padding: 10px;
      border-radius: 12px;
      color: var(--portico-primary-text);
      background: color-mix(in srgb, var(--portico-primary) 10%, white);
      --app-icon-size: 22px;
    }
    .later .section-icon {
      color: var(--mat-sys-on-surface-variant);
      background: var(--mat-sys-surface-container);
    }
    .section-body {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      flex: 1;
      min-width: 0;
    }
    .section-title {
      font: var(--mat-sys-title-medium);
      font-weight: 600;
    }
    .section-text {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .go {
      align-self: center;
      color: var(--mat-sys-on-surface-variant);
    }
    .note {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin-top: 1.5rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
      --app-icon-size: 18px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsHome {
  private readonly auth = inject(AuthService);
  protected readonly isAdmin = computed(() => this.auth.staffMe()?.role === 'admin');

  private readonly all: readonly Section[] = [
    { title: 'Staff', text: 'Add colleagues, choose their role and engagement access, turn their access off.', icon: 'person', path: '/staff/settings/staff', adminOnly: true },
    { title: 'Security', text: 'Invitation links, temporary passwords, password policy, two-step verification for clients.', icon: 'shield-check', path: '/staff/settings/security', adminOnly: false },
    { title: 'Engagements', text: 'Types and subtypes of your cases, matters and projects; whether clients may tick tasks done.', icon: 'work', path: '/staff/settings/engagement-types', adminOnly: false },
    { title: 'Branding', text: 'Your logo and colours, as your clients see them.', icon: 'edit', path: null, adminOnly: false },
    { title: 'E-mail', text: 'The sender name and the messages your clients receive.', icon: 'mail', path: null, adminOnly: false },
  ];
  protected readonly sections = computed(() => this.all.filter((s) => !s.adminOnly || this.isAdmin()));
}
