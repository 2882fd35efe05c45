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
  selector: 'app-portal-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, FirmMark, FirmUnavailable, Icon],
  templateUrl: './portal-shell.html',
  styleUrl: './portal-shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalShell {
  protected readonly firmService = inject(FirmService);
  protected readonly year = new Date().getFullYear();
  protected readonly nav: readonly NavItem[] = [
    { label: 'Home', path: '/', icon: 'home', exact: true },
    { label: 'Documents', path: '/documents', icon: 'folder', exact: false },
    { label: 'Messages', path: '/messages', icon: 'message', exact: false },
    { label: 'Invoices', path: '/invoices', icon: 'receipt', exact: false },
  ];
}
