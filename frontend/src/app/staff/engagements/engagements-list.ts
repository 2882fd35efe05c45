import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged } from 'rxjs';

import type { Problem } from '../../core/api-types';
import { ENGAGEMENT_STATUSES, type EngagementStatus, EngagementsApi } from '../../core/engagements-api';
import { IdentityApi } from '../../core/identity-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { formatDate } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { EngagementStatusBadge, formatCalendarDate, typeText } from './engagement-ui';

const PAGE_SIZE = 25;

/** `/staff/engagements`: the engagements this staff member may see, with filters in the address. */
@Component({
  selector: 'app-engagements-list',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    EngagementStatusBadge,
    Icon,
    ProblemAlert,
  ],
  template: `
    <div class="page-head">
      <div>
        <h1>Engagements</h1>
        <p class="sub">Cases, matters and projects of your clients.</p>
      </div>
      <div class="head-actions">
        <a mat-flat-button routerLink="/staff/engagements/new" data-testid="new-engagement"><app-icon matButtonIcon name="add" />New engagement</a>
      </div>
    </div>

    <div class="filters" role="search" aria-label="Filter engagements">
      <mat-form-field class="search" subscriptSizing="dynamic">
        <mat-label>Search</mat-label>
        <app-icon matPrefix name="search" class="prefix" />
        <input matInput type="search" [formControl]="search" autocomplete="off" data-testid="engagement-search" />
        <mat-hint>Engagement or account name</mat-hint>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <select matNativeControl [value]="statusFilter()" (change)="setFilter({ status: $any($event.target).value || null })" data-testid="engagement-status-filter">
          <option value="">All statuses</option>
          @for (s of statuses; track s.value) {
            <option [value]="s.value">{{ s.label }}</option>
          }
        </select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Type</mat-label>
        <select matNativeControl [value]="typeId() ?? ''" (change)="setFilter({ typeId: $any($event.target).value || null })" data-testid="engagement-type-filter">
          <option value="">All types</option>
          @for (t of types(); track t.id) {
            <option [value]="t.id">{{ t.name }}</option>
            @for (s of t.subtypes; track s.id) {
              <option [value]="s.id">&nbsp;&nbsp;{{ t.name }} › {{ s.name }}</option>
            }
          }
        </select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Client account</mat-label>
        <select matNativeControl [value]="accountId() ?? ''" (change)="setFilter({ accountId: $any($event.target).value || null })" data-testid="engagement-account-filter">
          <option value="">All accounts</option>
          @for (a of accounts(); track a.id) {
            <option [value]="a.id">{{ a.name }}</option>
          }
        </select>
      </mat-form-field>
    </div>

    <app-problem-alert [problem]="loadProblem()" />

    <div class="card table-card">
      @if (engagements.isLoading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading engagements" />
      }
      <div class="table-scroll">
        <table class="data-table stack" aria-describedby="engagements-summary">
          <thead>
            <tr>
              <th scope="col">Engagement</th>
              <th scope="col">Client account</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Expected completion</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            @for (e of rows(); track e.id) {
              <tr [attr.data-testid]="'engagement-row-' + e.id">
                <td class="primary-cell" data-label="Engagement">
                  <a [routerLink]="['/staff/engagements', e.id]">{{ e.name }}</a>
                  <span class="flags">
                    @if (e.sharedWithClient) {
                      <span class="tag tag-on" title="Visible on the portal">Shared</span>
                    }
                    @if (e.restricted) {
                      <span class="tag" title="Only the listed staff see it"><app-icon name="lock" />Restricted</span>
                    }
                  </span>
                </td>
                <td data-label="Client account"><a class="plain" [routerLink]="['/staff/clients/accounts', e.accountId]">{{ e.accountName }}</a></td>
                <td data-label="Type">{{ typeText(e.typeName, e.subtypeName) }}</td>
                <td data-label="Status"><app-engagement-status-badge [status]="e.status" /></td>
                <td data-label="Expected completion" class="nowrap">{{ formatCalendarDate(e.expectedCompletion) }}</td>
                <td data-label="Updated" class="nowrap">{{ formatDate(e.updatedAt) }}</td>
              </tr>
            } @empty {
              @if (!engagements.isLoading()) {
                <tr>
                  <td colspan="6" class="empty">
                    @if (anyFilter()) {
                      No engagements match. <button mat-button type="button" (click)="clearFilters()">Clear the filters</button>
                    } @else {
                      No engagements yet. Start one with “New engagement”.
                    }
                  </td>
                </tr>
              }
            }
          </tbody>
        </table>
      </div>
      <div class="table-foot">
        <span id="engagements-summary" class="summary" aria-live="polite">{{ summary() }}</span>
        @if (total() > pageSize) {
          <mat-paginator [length]="total()" [pageSize]="pageSize" [pageIndex]="pageIndex()" [hidePageSize]="true" (page)="goToPage($event)" aria-label="Pages of engagements" />
        }
      </div>
    </div>
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.5rem 1rem;
      margin-bottom: 1rem;
      mat-form-field {
        flex: 1 1 11rem;
      }
      .search {
        flex: 2 1 18rem;
      }
    }
    .prefix {
      margin: 0 0.25rem 0 0.75rem;
      color: var(--mat-sys-on-surface-variant);
      --app-icon-size: 20px;
    }
    .flags {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin-left: 0.35rem;
      .tag {
        display: inline-flex;
        align-items: center;
        gap: 0.2rem;
        --app-icon-size: 12px;
      }
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
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EngagementsList {
  private readonly api = inject(EngagementsApi);
  private readonly identity = inject(IdentityApi);
  private readonly router = inject(Router);
  protected readonly formatDate = formatDate;
  protected readonly formatCalendarDate = formatCalendarDate;
  protected readonly typeText = typeText;
  protected readonly statuses = ENGAGEMENT_STATUSES;
  protected readonly pageSize = PAGE_SIZE;

  readonly q = input<string | undefined>(undefined);
  readonly status = input<string | undefined>(undefined);
  readonly typeId = input<string | undefined>(undefined);
  readonly accountId = input<string | undefined>(undefined);
  readonly page = input<string | undefined>(undefined);

  protected readonly statusFilter = computed<EngagementStatus | ''>(() => {
    const s = this.status();
    return ENGAGEMENT_STATUSES.some((x) => x.value === s) ? (s as EngagementStatus) : '';
  });
  protected readonly pageIndex = computed(() => Math.max(0, (Number.parseInt(this.page() ?? '1', 10) || 1) - 1));
  protected readonly anyFilter = computed(() => !!(this.q() || this.statusFilter() || this.typeId() || this.accountId()));
  protected readonly search = new FormControl('', { nonNullable: true });

  protected readonly engagements = rxResource({
    params: () => ({
      q: this.q()?.trim() || undefined,
      status: this.statusFilter(),
      typeId: this.typeId() || undefined,
      accountId: this.accountId() || undefined,
      offset: this.pageIndex() * PAGE_SIZE,
      limit: PAGE_SIZE,
    }),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly rows = computed(() => (this.engagements.hasValue() ? this.engagements.value().items : []));
  protected readonly total = computed(() => (this.engagements.hasValue() ? this.engagements.value().total : 0));
  protected readonly loadProblem = computed<Problem | null>(() => {
    const error = this.engagements.error();
    return error ? toProblem((error as { cause?: unknown }).cause ?? error) : null;
  });
  protected readonly summary = computed(() => {
    if (!this.engagements.hasValue()) return '';
    const total = this.total();
    if (!total) return 'No engagements';
    const from = this.pageIndex() * PAGE_SIZE + 1;
    const to = Math.min(total, from + this.rows().length - 1);
    return total <= PAGE_SIZE ? `${total} engagement${total === 1 ? '' : 's'}` : `${from}–${to} of ${total} engagements`;
  });

  private readonly typesResource = rxResource({ stream: () => this.api.types() });
  protected readonly types = computed(() => (this.typesResource.hasValue() ? this.typesResource.value() : []));
  private readonly accountsResource = rxResource({ stream: () => this.identity.accounts() });
  protected readonly accounts = computed(() => (this.accountsResource.hasValue() ? this.accountsResource.value() : []));

  constructor() {
    this.search.valueChanges.pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed()).subscribe((q) => this.setFilter({ q: q.trim() || null }));
    effect(() => {
      const q = this.q() ?? '';
      untracked(() => {
        if (q !== this.search.value.trim()) this.search.setValue(q, { emitEvent: false });
      });
    });
  }

  protected setFilter(change: { q?: string | null; status?: string | null; typeId?: string | null; accountId?: string | null }): void {
    void this.router.navigate([], { queryParams: { ...change, page: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  protected clearFilters(): void {
    this.search.setValue('', { emitEvent: false });
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
  }

  protected goToPage(event: PageEvent): void {
    void this.router.navigate([], { queryParams: { page: event.pageIndex ? event.pageIndex + 1 : null }, queryParamsHandling: 'merge' });
  }
}
