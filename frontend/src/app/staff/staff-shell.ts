import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatMenuModule } from '@angular/material/menu';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { FirmMark } from '../shared/firm-mark';
import { FirmUnavailable } from '../shared/firm-unavailable';
import { Icon, type IconName } from '../shared/icon';
import { ROLE_LABELS } from './ui/format';

interface NavItem {
  label: string;
  path: string;
  icon: IconName;
  exact: boolean;
}

@Component({
  selector: 'app-staff-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatMenuModule, FirmMark, FirmUnavailable, Icon],
  templateUrl: './staff-shell.html',
  styleUrl: './staff-shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffShell {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly firmService = inject(FirmService);

  protected readonly me = this.auth.staffMe;
  protected readonly roleLabel = computed(() => ROLE_LABELS[this.me()?.role ?? 'staff']);
  protected readonly initials = computed(() => {
    const me = this.me();
    if (!me) return '';
    const parts = [me.firstName, me.lastName].filter(Boolean);
    const letters = parts.length ? parts.map((p) => p[0]) : me.name.split(/\s+/).map((p) => p[0]);
    return letters.slice(0, 2).join('').toUpperCase();
  });
  protected readonly signingOut = signal(false);

  protected readonly nav: readonly NavItem[] = [
    { label: 'Dashboard', path: '/staff', icon: 'dashboard', exact: true },
    { label: 'Clients', path: '/staff/clients', icon: 'people', exact: false },
    { label: 'Engagements', path: '/staff/engagements', icon: 'work', exact: false },
    { label: 'Documents', path: '/staff/documents', icon: 'folder', exact: false },
    { label: 'Messages', path: '/staff/messages', icon: 'message', exact: false },
    { label: 'Billing', path: '/staff/billing', icon: 'payments', exact: false },
    { label: 'Settings', path: '/staff/settings', icon: 'settings', exact: false },
  ];

  protected async signOut(): Promise<void> {
    this.signingOut.set(true);
    try {
      await this.auth.signOut('staff');
    } catch {
      // The session is forgotten here either way; the server ends it when the token expires.
    } finally {
      this.signingOut.set(false);
    }
    await this.router.navigate(['/staff/sign-in'], { queryParams: { signedOut: 1 } });
  }
}
