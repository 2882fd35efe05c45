import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { type EngagementStatus, statusLabel } from '../../core/engagements-api';

/** An engagement's status, as the client reads it. */
@Component({
  selector: 'app-portal-status',
  template: `<span [class]="'status status-' + status()">{{ label() }}</span>`,
  styles: `
    :host {
      display: inline-flex;
    }
    .status {
      display: inline-block;
      padding: 0.15rem 0.65rem;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      font-weight: 600;
      white-space: nowrap;
      background: #e8f0fe;
      color: #174ea6;
    }
    .status-in-progress {
      background: #f3e8fd;
      color: #5b2a86;
    }
    .status-waiting-for-client {
      background: #fef7e0;
      color: #7a4a00;
    }
    .status-completed {
      background: #e7f5ec;
      color: #0f5132;
    }
    .status-closed {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalEngagementStatus {
  readonly status = input.required<EngagementStatus>();
  protected readonly label = computed(() => (this.status() === 'waiting-for-client' ? 'Waiting for you' : statusLabel(this.status())));
}

/** A `YYYY-MM-DD` calendar date ("31 Mar 2026"), without any time-zone shift. */
export function calendarDate(value: unknown, fallback = 'Not set'): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return fallback;
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

export function typeLine(type: unknown, subtype: unknown): string | null {
  const t = typeof type === 'string' ? type : null;
  const s = typeof subtype === 'string' ? subtype : null;
  return t ? (s ? `${t} · ${s}` : t) : null;
}
