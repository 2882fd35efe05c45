import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatDividerModule } from '@angular/material/divider';
import { MatMenuModule } from '@angular/material/menu';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { Icon, type IconName } from '../shared/icon';
import { FirmMark } from '../shared/firm-mark';
import { FirmUnavailable } from '../shared/firm-unavailable';

interface NavItem {
  label: string;
  path: string;
  icon: IconName;
  exact: boolean;
}

interface AccountItem {
  label: string;
  path: string;
  icon: IconName;
}

@Component({
  selector: 'app-portal-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatMenuModule, MatDividerModule, Icon, FirmMark, FirmUnavailable],
  templateUrl: './portal-shell.html',
  styleUrl: './portal-shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalShell {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly firmService = inject(FirmService);
  protected readonly me = this.auth.clientMe;
  protected readonly initials = computed(() => {
    const me = this.me();
    if (!me) return '';
    const letters = [me.firstName, me.lastName].map((n) => [...(n ?? '').trim()][0] ?? '').join('');
    return (letters || [...me.name][0] || '?').toUpperCase();
  });
  protected readonly year = new Date().getFullYear();
  protected readonly nav: readonly NavItem[] = [
    { label: 'Home', path: '/', icon: 'home', exact: true },
    { label: 'Projects & cases', path: '/engagements', icon: 'work', exact: false },
    { label: 'Documents', path: '/documents', icon: 'folder', exact: false },
    { label: 'Messages', path: '/messages', icon: 'message', exact: false },
    { label: 'Invoices', path: '/invoices', icon: 'receipt', exact: false },
  ];
  protected readonly accountItems: readonly AccountItem[] = [
    { label: 'Profile', path: '/account/profile', icon: 'person' },
    { label: 'Password', path: '/account/password', icon: 'key' },
    { label: 'Two-step verification', path: '/account/security', icon: 'shield' },
    { label: 'Signed-in devices', path: '/account/sessions', icon: 'devices' },
  ];

  protected async signOut(): Promise<void> {
    // Forgets the session here even when the server cannot be reached.
    await this.auth.signOut('client').catch(() => undefined);
    await this.router.navigate(['/sign-in'], { queryParams: { notice: 'signed-out' } });
  }
}
