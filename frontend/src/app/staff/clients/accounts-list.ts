import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { debounceTime, distinctUntilChanged } from 'rxjs';

import type { Problem } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { toProblem } from '../../core/problem';
import { KIND_LABELS, formatDate } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { Icon } from '../../shared/icon';
import { ClientsEvents } from './clients-events';

/** `/staff/clients/accounts`: client accounts (people, households, companies). */
@Component({
  selector: 'app-accounts-list',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatProgressBarModule, ProblemAlert, Icon],
  template: `
    <div class="filters" role="search" aria-label="Search accounts">
      <mat-form-field class="search">
        <mat-label>Search accounts</mat-label>
        <app-icon matPrefix name="search" class="prefix" />
        <input matInput type="search" [formControl]="search" autocomplete="off" data-testid="account-search" />
      </mat-form-field>
    </div>
    <app-problem-alert [problem]="loadProblem()" />
    <div class="card table-card">
      @if (accounts.isLoading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading accounts" />
      }
      <div class="table-scroll">
        <table class="data-table stack">
          <caption class="visually-hidden">Client accounts</caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Kind</th>
              <th scope="col">Contacts</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            @for (a of rows(); track a.id) {
              <tr>
                <td class="primary-cell" data-label="Account">
                  <a [routerLink]="['/staff/clients/accounts', a.id]">{{ a.name }}</a>
                </td>
                <td data-label="Kind">{{ kindLabels[a.kind] }}</td>
                <td data-label="Contacts">{{ a.contactCount }}</td>
                <td data-label="Created" class="nowrap">{{ formatDate(a.createdAt) }}</td>
              </tr>
            } @empty {
              @if (!accounts.isLoading()) {
                <tr>
                  <td colspan="4" class="empty">{{ query() ? 'No accounts match “' + query() + '”.' : 'No client accounts yet. Create one with “New client”.' }}</td>
                </tr>
              }
            }
          </tbody>
        </table>
      </div>
    </div>
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    .search {
      width: 100%;
      max-width: 32rem;
      margin-bottom: 0.5rem;
    }
    .prefix {
      margin: 0 0.25rem 0 0.75rem;
      color: var(--mat-sys-on-surface-variant);
      --app-icon-size: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountsList {
  private readonly api = inject(IdentityApi);
  private readonly events = inject(ClientsEvents);
  protected readonly kindLabels = KIND_LABELS;
  protected readonly formatDate = formatDate;

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly query = signal('');
  private readonly tick = signal(0);
  protected readonly accounts = rxResource({
    params: () => ({ q: this.query(), tick: this.tick() }),
    stream: ({ params }) => this.api.accounts(params.q || undefined),
  });
  protected readonly rows = computed(() => (this.accounts.hasValue() ? this.accounts.value() : []));
  protected readonly loadProblem = computed<Problem | null>(() => {
    const error = this.accounts.error();
    return error ? toProblem((error as { cause?: unknown }).cause ?? error) : null;
  });

  constructor() {
    this.search.valueChanges.pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed()).subscribe((q) => this.query.set(q.trim()));
    effect(() => {
      if (this.events.created()) untracked(() => this.tick.update((n) => n + 1));
    });
  }
}
