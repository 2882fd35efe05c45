import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { FirmService } from '../core/firm.service';
import { FirmMark } from '../shared/firm-mark';
import { FirmUnavailable } from '../shared/firm-unavailable';
import { Icon, type IconName } from '../shared/icon';

interface NavItem {
  label: string;
  path: string;
  icon: IconName;
  exact: boolean;
}

@Component({
  selector: 'app-staff-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, FirmMark, FirmUnavailable, Icon],
  templateUrl: './staff-shell.html',
  styleUrl: './staff-shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffShell {
  protected readonly firmService = inject(FirmService);
  protected readonly nav: readonly NavItem[] = [
    { label: 'Dashboard', path: '/staff', icon: 'dashboard', exact: true },
    { label: 'Clients', path: '/staff/clients', icon: 'people', exact: false },
    { label: 'Documents', path: '/staff/documents', icon: 'folder', exact: false },
    { label: 'Messages', path: '/staff/messages', icon: 'message', exact: false },
    { label: 'Billing', path: '/staff/billing', icon: 'payments', exact: false },
    { label: 'Settings', path: '/staff/settings', icon: 'settings', exact: false },
  ];
}
