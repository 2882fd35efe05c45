import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged, firstValueFrom } from 'rxjs';

import type { BulkPortalResult, Contact, PortalStatus, Problem } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { text } from '../ui/format';
import { PortalStatusBadge } from '../ui/portal-status-badge';
import { ProblemAlert } from '../ui/problem-alert';
import { ClientsEvents } from './clients-events';

const PAGE_SIZE = 25;
const STATUSES: readonly { value: PortalStatus | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'none', label: 'No access' },
  { value: 'invited', label: 'Invited' },
  { value: 'verified', label: 'Verified' },
  { value: 'disabled', label: 'Disabled' },
];

interface BulkReport {
  action: 'invite' | 'resend';
  rows: { contactId: string; name: string; outcome: 'sent' | 'skipped' | 'failed'; message: string }[];
}

/** Why a selected contact is left out of a bulk action (null: it is included). */
function skipReason(c: Contact, action: 'invite' | 'resend'): string | null {
  if (c.portalStatus === 'verified') return 'not sent: already has portal access';
  if (c.portalStatus === 'disabled') return 'not sent: portal access is disabled (enable it on their page)';
  if (action === 'invite' && c.portalStatus === 'invited') return 'not sent: already invited (use “Resend invitation”)';
  if (action === 'resend' && c.portalStatus === 'none') return 'not sent: not invited yet (use “Invite”)';
  return null;
}

/** `/staff/clients`: contact search with filters, portal status, selection and bulk invitations. */
@Component({
  selector: 'app-contacts-list',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatChipsModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSlideToggleModule,
    Icon,
    PortalStatusBadge,
    ProblemAlert,
  ],
  template: `
    <div class="alert alert-success created" role="status">@if (events.created(); as created) {
      <app-icon name="check" />
      <span>
        {{ created.name }} was created.
        @if (created.contacts[0]; as c) {
          <a [routerLink]="['/staff/clients/contacts', c.id]">Open the contact</a> to invite {{ c.firstName }} to the portal.
        }
      </span>
    }</div>

    <div class="filters" role="search" aria-label="Search contacts">
      <mat-form-field class="search" subscriptSizing="fixed">
        <mat-label>Search contacts</mat-label>
        <app-icon matPrefix name="search" class="prefix" />
        <input matInput type="search" [formControl]="search" data-testid="contact-search" autocomplete="off" />
        <mat-hint>Name, e-mail or account</mat-hint>
      </mat-form-field>
      <mat-slide-toggle [checked]="showHidden()" (change)="setFilter({ hidden: $event.checked ? 'true' : null })" data-testid="show-hidden">
        Show hidden contacts
      </mat-slide-toggle>
    </div>
    <mat-chip-listbox
      class="status-chips"
      aria-label="Portal status"
      [value]="statusFilter()"
      (change)="setFilter({ status: $event.value || null })"
      hideSingleSelectionIndicator
      data-testid="portal-status-filter"
    >
      @for (s of statuses; track s.value) {
        <mat-chip-option [value]="s.value" [selectable]="s.value !== statusFilter()">{{ s.label }}</mat-chip-option>
      }
    </mat-chip-listbox>

    <app-problem-alert [problem]="loadProblem()" />

    @if (selectedCount()) {
      <div class="bulk-bar" role="region" aria-label="Selected contacts">
        <span class="bulk-count">{{ selectedCount() }} selected</span>
        <button mat-flat-button type="button" (click)="bulk('invite')" [disabled]="bulkBusy()" data-testid="bulk-invite">
          <app-icon matButtonIcon name="send" />Invite
        </button>
        <button mat-stroked-button type="button" (click)="bulk('resend')" [disabled]="bulkBusy()" data-testid="bulk-resend">
          <app-icon matButtonIcon name="refresh" />Resend invitation
        </button>
        <button mat-button type="button" (click)="clearSelection()" [disabled]="bulkBusy()">Clear selection</button>
      </div>
    }
    <div #reportElement class="alert alert-info bulk-report" role="status" tabindex="-1">@if (bulkReport(); as report) {
      <div class="report-body">
        <strong>{{ report.action === 'invite' ? 'Invitations' : 'Resent invitations' }}: {{ okCount(report) }} of {{ report.rows.length }} sent</strong>
        <ul>
          @for (r of report.rows; track r.contactId) {
            <li [class]="r.outcome">
              <app-icon [name]="r.outcome === 'sent' ? 'check' : r.outcome === 'skipped' ? 'info' : 'error'" />
              <span><span class="report-name">{{ r.name }}</span> — {{ r.message }}</span>
            </li>
          }
        </ul>
      </div>
      <button mat-icon-button type="button" (click)="bulkReport.set(null)" aria-label="Dismiss the results"><app-icon name="close" /></button>
    }</div>

    <div class="card table-card">
      @if (contacts.isLoading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading contacts" />
      }
      <div class="table-scroll">
        <table class="data-table stack" aria-describedby="contacts-summary">
          <thead>
            <tr>
              <th scope="col" class="check-cell">
                <mat-checkbox
                  [checked]="allOnPageSelected()"
                  [indeterminate]="someOnPageSelected()"
                  (change)="toggleAll($event.checked)"
                  [disabled]="!rows().length"
                  aria-label="Select all contacts on this page"
                />
              </th>
              <th scope="col">Name</th>
              <th scope="col">Account</th>
              <th scope="col">E-mail addresses</th>
              <th scope="col">Portal status</th>
              <th scope="col">Verified</th>
            </tr>
          </thead>
          <tbody>
            @for (c of rows(); track c.id) {
              <tr [class.selected]="isSelected(c.id)" [attr.data-testid]="'contact-row-' + c.id">
                <td class="check-cell">
                  <mat-checkbox [checked]="isSelected(c.id)" (change)="toggle(c, $event.checked)" [aria-label]="'Select ' + c.firstName + ' ' + c.lastName" />
                </td>
                <td class="primary-cell" data-label="Name">
                  <a [routerLink]="['/staff/clients/contacts', c.id]">{{ c.firstName }} {{ c.lastName }}</a>
                  @if (c.hidden) {
                    <span class="tag hidden-tag"><app-icon matButtonIcon name="hidden" />Hidden</span>
                  }
                </td>
                <td data-label="Account"><a class="plain" [routerLink]="['/staff/clients/accounts', c.accountId]">{{ c.accountName }}</a></td>
                <td data-label="E-mail addresses" class="emails">
                  @for (e of c.emails; track e.address) {
                    <span class="email">
                      {{ e.address }}
                      @if (e.address === text(c.loginEmail)) {
                        <span class="tag tag-primary" title="Login e-mail">login</span>
                      }
                    </span>
                  } @empty {
                    <span class="muted">None</span>
                  }
                </td>
                <td data-label="Portal status"><app-portal-status-badge [status]="c.portalStatus" [expired]="c.invitationExpired" /></td>
                <td data-label="Verified">
                  @if (c.verified) {
                    <span class="yes"><app-icon name="check" />Yes</span>
                  } @else {
                    <span class="muted">No</span>
                  }
                </td>
              </tr>
            } @empty {
              @if (!contacts.isLoading()) {
                <tr class="empty-row">
                  <td colspan="6" class="empty">
                    @if (anyFilter()) {
                      No contacts match. <button mat-button type="button" (click)="clearFilters()">Clear the filters</button>
                    } @else {
                      No contacts yet. Create a client with “New client”.
                    }
                  </td>
                </tr>
              }
            }
          </tbody>
        </table>
      </div>
      <div class="table-foot">
        <span id="contacts-summary" class="summary" aria-live="polite">{{ summary() }}</span>
        @if (total() > pageSize) {
          <mat-paginator
            [length]="total()"
            [pageSize]="pageSize"
            [pageIndex]="pageIndex()"
            [hidePageSize]="true"
            (page)="goToPage($event)"
            aria-label="Pages of contacts"
          />
        }
      </div>
    </div>
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1.5rem;
    }
    .search {
      flex: 1 1 20rem;
      max-width: 32rem;
    }
    .prefix {
      margin: 0 0.25rem 0 0.75rem;
      color: var(--mat-sys-on-surface-variant);
      --app-icon-size: 20px;
    }
    .status-chips {
      display: block;
      margin: 0.25rem 0 1rem;
    }
    .bulk-bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 0.75rem;
      padding: 0.625rem 1rem;
      margin-bottom: 1rem;
      border-radius: 10px;
      background: color-mix(in srgb, var(--portico-primary) 10%, white);
      border: 1px solid color-mix(in srgb, var(--portico-primary) 25%, white);
    }
    .bulk-count {
      font: var(--mat-sys-label-large);
      font-weight: 600;
      margin-right: 0.5rem;
    }
    .bulk-report {
      justify-content: space-between;
      &:focus {
        outline: none;
      }
      ul {
        list-style: none;
        margin: 0.5rem 0 0;
        padding: 0;
      }
      li {
        display: flex;
        gap: 0.4rem;
        align-items: flex-start;
        margin-top: 0.25rem;
        --app-icon-size: 18px;
        app-icon {
          color: #0f5132;
        }
      }
      li.failed app-icon {
        color: var(--mat-sys-error);
      }
      li.skipped app-icon {
        color: var(--mat-sys-on-surface-variant);
      }
    }
    .report-body {
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .report-name {
      font-weight: 600;
    }
    .created app-icon {
      --app-icon-size: 20px;
    }
    .emails {
      .email {
        display: block;
        overflow-wrap: anywhere;
      }
    }
    .yes {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      color: #0f5132;
      font-weight: 600;
      --app-icon-size: 18px;
    }
    .hidden-tag {
      display: inline-flex;
      align-items: center;
      gap: 0.2rem;
      margin-left: 0.35rem;
      --app-icon-size: 14px;
    }
    tr.selected {
      background: color-mix(in srgb, var(--portico-primary) 6%, white);
    }
    a.plain {
      color: inherit;
    }
    .table-foot {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.25rem 1rem;
      border-top: 1px solid var(--mat-sys-outline-variant);
      min-height: 3rem;
    }
    .summary {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    mat-paginator {
      background: transparent;
    }
    @media (max-width: 760px) {
      .search {
        max-width: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContactsList {
  private readonly api = inject(IdentityApi);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly reportElement = viewChild<ElementRef<HTMLElement>>('reportElement');
  protected readonly events = inject(ClientsEvents);
  protected readonly text = text;

  // Query parameters (the filters live in the address, so that "back" returns to them).
  readonly q = input<string | undefined>(undefined);
  readonly status = input<string | undefined>(undefined);
  readonly hidden = input<string | undefined>(undefined);
  readonly page = input<string | undefined>(undefined);

  protected readonly statuses = STATUSES;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly statusFilter = computed<PortalStatus | ''>(() => {
    const s = this.status();
    return STATUSES.some((x) => x.value === s) ? (s as PortalStatus) : '';
  });
  protected readonly showHidden = computed(() => this.hidden() === 'true');
  protected readonly pageIndex = computed(() => Math.max(0, (Number.parseInt(this.page() ?? '1', 10) || 1) - 1));
  protected readonly anyFilter = computed(() => !!(this.q() || this.statusFilter() || this.showHidden()));

  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly reloadTick = signal(0);

  protected readonly contacts = rxResource({
    params: () => ({
      q: this.q()?.trim() || undefined,
      portalStatus: this.statusFilter(),
      includeHidden: this.showHidden(),
      offset: this.pageIndex() * PAGE_SIZE,
      limit: PAGE_SIZE,
      tick: this.reloadTick(),
    }),
    stream: ({ params: { tick: _, ...query } }) => this.api.contacts(query),
  });
  protected readonly rows = computed<Contact[]>(() => (this.contacts.hasValue() ? this.contacts.value().items : []));
  protected readonly total = computed(() => (this.contacts.hasValue() ? this.contacts.value().total : 0));
  protected readonly loadProblem = computed<Problem | null>(() => {
    const error = this.contacts.error();
    return error ? toProblem((error as { cause?: unknown }).cause ?? error) : null;
  });
  protected readonly summary = computed(() => {
    if (!this.contacts.hasValue()) return '';
    const total = this.total();
    if (!total) return 'No contacts';
    const from = this.pageIndex() * PAGE_SIZE + 1;
    const to = Math.min(total, from + this.rows().length - 1);
    return total <= PAGE_SIZE ? `${total} contact${total === 1 ? '' : 's'}` : `${from}–${to} of ${total} contacts`;
  });

  // Selection (kept across pages and filters until cleared or acted on).
  private readonly selected = signal<ReadonlyMap<string, Contact>>(new Map());
  protected readonly selectedCount = computed(() => this.selected().size);
  protected readonly allOnPageSelected = computed(() => this.rows().length > 0 && this.rows().every((c) => this.selected().has(c.id)));
  protected readonly someOnPageSelected = computed(() => !this.allOnPageSelected() && this.rows().some((c) => this.selected().has(c.id)));
  protected readonly bulkBusy = signal(false);
  protected readonly bulkReport = signal<BulkReport | null>(null);

  constructor() {
    this.search.valueChanges.pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed()).subscribe((q) => {
      this.setFilter({ q: q.trim() || null });
    });
    // The box follows the address (first load, back and forward), without echoing what is being typed.
    effect(() => {
      const q = this.q() ?? '';
      untracked(() => {
        if (q !== this.search.value.trim()) this.search.setValue(q, { emitEvent: false });
      });
    });
    // A client created from "New client": load the list again so that it shows.
    effect(() => {
      if (this.events.created()) untracked(() => this.reloadTick.update((n) => n + 1));
    });
  }

  protected setFilter(change: { q?: string | null; status?: string | null; hidden?: string | null }): void {
    void this.router.navigate([], {
      queryParams: { ...change, page: null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
  }

  protected goToPage(event: PageEvent): void {
    void this.router.navigate([], {
      queryParams: { page: event.pageIndex ? event.pageIndex + 1 : null },
      queryParamsHandling: 'merge',
    });
  }

  protected isSelected(id: string): boolean {
    return this.selected().has(id);
  }

  protected toggle(contact: Contact, on: boolean): void {
    this.selected.update((m) => {
      const next = new Map(m);
      if (on) next.set(contact.id, contact);
      else next.delete(contact.id);
      return next;
    });
  }

  protected toggleAll(on: boolean): void {
    this.selected.update((m) => {
      const next = new Map(m);
      for (const c of this.rows()) {
        if (on) next.set(c.id, c);
        else next.delete(c.id);
      }
      return next;
    });
  }

  protected clearSelection(): void {
    this.selected.set(new Map());
  }

  protected okCount(report: BulkReport): number {
    return report.rows.filter((r) => r.outcome === 'sent').length;
  }

  protected async bulk(action: 'invite' | 'resend'): Promise<void> {
    const chosen = [...this.selected().values()];
    if (!chosen.length || this.bulkBusy()) return;
    const skipped: BulkReport['rows'] = [];
    const eligible: Contact[] = [];
    for (const c of chosen) {
      const reason = skipReason(c, action);
      if (reason) skipped.push({ contactId: c.id, name: `${c.firstName} ${c.lastName}`, outcome: 'skipped', message: reason });
      else eligible.push(c);
    }
    this.bulkBusy.set(true);
    this.bulkReport.set(null);
    try {
      const results = eligible.length ? await firstValueFrom(this.api.bulkPortalAccess(eligible.map((c) => c.id), action)) : [];
      this.bulkReport.set({ action, rows: [...results.map((r) => this.describe(r, eligible, action)), ...skipped] });
      this.clearSelection();
      if (results.length) this.reloadTick.update((n) => n + 1);
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.bulkReport.set({
        action,
        rows: [{ contactId: '-', name: 'Nothing was sent', outcome: 'failed', message: problem.detail ?? problem.title }],
      });
    } finally {
      this.bulkBusy.set(false);
      afterNextRender(() => this.reportElement()?.nativeElement.focus(), { injector: this.injector });
    }
  }

  private describe(r: BulkPortalResult, chosen: Contact[], action: 'invite' | 'resend'): BulkReport['rows'][number] {
    const c = chosen.find((x) => x.id === r.contactId);
    const name = c ? `${c.firstName} ${c.lastName}` : r.contactId;
    if (!r.ok) return { contactId: r.contactId, name, outcome: 'failed', message: `not sent: ${r.error ?? 'unknown error'}` };
    const to = action === 'invite' ? c?.emails[0]?.address : (text(c?.loginEmail) ?? c?.emails[0]?.address);
    return {
      contactId: r.contactId,
      name,
      outcome: 'sent',
      message:
        action === 'invite'
          ? `invitation sent${to ? ' to ' + to : ''}`
          : `new invitation sent${to ? ' to ' + to : ''}; the earlier link no longer works`,
    };
  }
}
