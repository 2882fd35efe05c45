import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import type { PortalStatus } from '../../core/api-types';
import { portalStatusLabel } from './format';

/** A contact's portal status as a coloured badge; its text is the status. */
@Component({
  selector: 'app-portal-status-badge',
  template: `<span class="badge" [class]="'badge badge-' + tone()">{{ label() }}</span>`,
  styles: `
    :host {
      display: inline-flex;
    }
    .badge {
      display: inline-block;
      padding: 0.15rem 0.6rem;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      font-weight: 600;
      white-space: nowrap;
      border: 1px solid transparent;
    }
    .badge-none {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }
    .badge-invited {
      background: #e8f0fe;
      color: #174ea6;
      border-color: #c6dafc;
    }
    .badge-expired {
      background: #fef7e0;
      color: #7a4a00;
      border-color: #f6d98b;
    }
    .badge-verified {
      background: #e7f5ec;
      color: #0f5132;
      border-color: #a6d8b8;
    }
    .badge-disabled {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalStatusBadge {
  readonly status = input.required<PortalStatus>();
  readonly expired = input(false);
  protected readonly label = computed(() => portalStatusLabel(this.status(), this.expired()));
  protected readonly tone = computed(() => (this.status() === 'invited' && this.expired() ? 'expired' : this.status()));
}
