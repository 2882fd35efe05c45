import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { type EngagementItemKind, type EngagementStatus, type EngagementType, statusLabel } from '../../core/engagements-api';
import type { IconName } from '../../shared/icon';

/** An engagement's status as a coloured badge; its text is the status. */
@Component({
  selector: 'app-engagement-status-badge',
  template: `<span [class]="'badge badge-' + status()">{{ label() }}</span>`,
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
    .badge-open {
      background: #e8f0fe;
      color: #174ea6;
      border-color: #c6dafc;
    }
    .badge-in-progress {
      background: #f3e8fd;
      color: #5b2a86;
      border-color: #dcc5f5;
    }
    .badge-waiting-for-client {
      background: #fef7e0;
      color: #7a4a00;
      border-color: #f6d98b;
    }
    .badge-completed {
      background: #e7f5ec;
      color: #0f5132;
      border-color: #a6d8b8;
    }
    .badge-closed {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EngagementStatusBadge {
  readonly status = input.required<EngagementStatus>();
  protected readonly label = computed(() => statusLabel(this.status()));
}

export const ITEM_KINDS: readonly { value: EngagementItemKind; label: string; icon: IconName }[] = [
  { value: 'note', label: 'Note', icon: 'notes' },
  { value: 'task', label: 'Task', icon: 'task' },
  { value: 'appointment', label: 'Appointment', icon: 'event' },
];

export function itemKind(kind: EngagementItemKind): { label: string; icon: IconName } {
  return ITEM_KINDS.find((k) => k.value === kind) ?? ITEM_KINDS[0];
}

/** "Tax return › Individual" (or just the type; "—" without one). */
export function typeText(typeName: unknown, subtypeName: unknown): string {
  const t = typeof typeName === 'string' ? typeName : null;
  const s = typeof subtypeName === 'string' ? subtypeName : null;
  if (!t) return '—';
  return s ? `${t} › ${s}` : t;
}

/** The subtypes of `typeId` in a list of types. */
export function subtypesOf(types: readonly EngagementType[], typeId: string | null | undefined): EngagementType['subtypes'] {
  return types.find((t) => t.id === typeId)?.subtypes ?? [];
}

/** A `YYYY-MM-DD` calendar date for people ("31 Mar 2026"), read as a date, not an instant (no time-zone shift). */
export function formatCalendarDate(value: unknown, fallback = '—'): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return fallback;
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** `<input type="datetime-local">` value from an ISO instant, in the viewer's time zone. */
export function toLocalInput(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An ISO instant from a `datetime-local` value (the viewer's time zone); null when empty. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
