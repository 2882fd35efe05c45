import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { ClientAccountDetail, Contact, Problem } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { KIND_LABELS, formatDate, text } from '../ui/format';
import { PortalStatusBadge } from '../ui/portal-status-badge';
import { ProblemAlert } from '../ui/problem-alert';
import { AccountDialog } from './account-dialog';
import { AddContactDialog, type AddContactDialogData } from './add-contact-dialog';
import { EngagementsApi } from '../../core/engagements-api';
import { EngagementStatusBadge } from '../engagements/engagement-ui';

/** `/staff/clients/accounts/:id`: a client account and its contacts. */
@Component({
  selector: 'app-account-detail-page',
  imports: [RouterLink, MatButtonModule, MatProgressSpinnerModule, EngagementStatusBadge, Icon, PortalStatusBadge, ProblemAlert],
  template: `
    <p class="crumbs"><a routerLink="/staff/clients">Clients</a> › <a routerLink="/staff/clients/accounts">Accounts</a> ›</p>
    @if (loadProblem(); as p) {
      <app-problem-alert [problem]="p" />
    } @else if (account(); as a) {
      <div class="page-head">
        <div>
          <h1>{{ a.name }}</h1>
          <p class="sub"><span class="tag">{{ kindLabels[a.kind] }}</span> · created {{ formatDate(a.createdAt) }}</p>
        </div>
        <div class="head-actions">
          <button mat-stroked-button type="button" (click)="edit(a)"><app-icon matButtonIcon name="edit" />Edit account</button>
          <button mat-flat-button type="button" (click)="addContact(a)" data-testid="add-contact"><app-icon matButtonIcon name="add" />Add contact</button>
        </div>
      </div>

      <section class="card table-card" aria-labelledby="contacts-title">
        <h2 id="contacts-title" class="table-title">Contacts</h2>
        <p class="table-intro">What you share with {{ a.name }} is visible to the contacts below who have portal access.</p>
        <div class="table-scroll">
          <table class="data-table stack">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail addresses</th>
                <th scope="col">Portal status</th>
                <th scope="col">Verified</th>
              </tr>
            </thead>
            <tbody>
              @for (c of a.contacts; track c.id) {
                <tr>
                  <td class="primary-cell" data-label="Name">
                    <a [routerLink]="['/staff/clients/contacts', c.id]">{{ c.firstName }} {{ c.lastName }}</a>
                    @if (c.hidden) {
                      <span class="tag hidden-tag">Hidden</span>
                    }
                  </td>
                  <td data-label="E-mail addresses">
                    @for (e of c.emails; track e.address) {
                      <span class="email">{{ e.address }} @if (e.address === text(c.loginEmail)) {<span class="tag tag-primary">login</span>}</span>
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
                <tr>
                  <td colspan="4" class="empty">No contacts yet. Add the people who should see what you share with {{ a.name }}.</td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      </section>

      <section class="card table-card engagements" aria-labelledby="engagements-title" data-testid="account-engagements">
        <div class="table-head">
          <h2 id="engagements-title">Engagements</h2>
          <a mat-stroked-button [routerLink]="['/staff/engagements/new']" [queryParams]="{ accountId: a.id }" data-testid="account-new-engagement">
            <app-icon matButtonIcon name="add" />New engagement
          </a>
        </div>
        @if (engagements(); as page) {
          <ul class="engagement-list">
            @for (e of page.items; track e.id) {
              <li>
                <a [routerLink]="['/staff/engagements', e.id]">{{ e.name }}</a>
                <span class="muted">{{ e.typeName ?? '' }}</span>
                <app-engagement-status-badge [status]="e.status" />
              </li>
            } @empty {
              <li class="muted">No engagements for {{ a.name }} yet.</li>
            }
          </ul>
          @if (page.total > page.items.length) {
            <p class="more"><a routerLink="/staff/engagements" [queryParams]="{ accountId: a.id }">All {{ page.total }} engagements</a></p>
          }
        }
      </section>
    } @else {
      <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="36" aria-label="Loading the account" /></div>
    }
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    .table-title {
      padding: 1.25rem 1.25rem 0;
    }
    .table-intro {
      margin: 0.25rem 1.25rem 1rem;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .email {
      display: block;
      overflow-wrap: anywhere;
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
      margin-left: 0.35rem;
    }
    .sub .tag {
      vertical-align: baseline;
    }
    .engagements {
      margin-top: 1.25rem;
    }
    .table-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 1rem 1.25rem 0.5rem;
      h2 {
        margin: 0;
      }
    }
    .engagement-list {
      list-style: none;
      margin: 0;
      padding: 0 1.25rem 0.75rem;
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem 0.75rem;
        padding: 0.5rem 0;
        border-top: 1px solid var(--mat-sys-outline-variant);
      }
      a {
        font-weight: 600;
        color: var(--portico-primary-text);
      }
    }
    .more {
      margin: 0;
      padding: 0 1.25rem 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountDetailPage {
  private readonly api = inject(IdentityApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  protected readonly kindLabels = KIND_LABELS;
  protected readonly formatDate = formatDate;
  protected readonly text = text;

  readonly id = input.required<string>();
  private readonly resource = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.account(params) });
  protected readonly account = computed(() => (this.resource.hasValue() ? this.resource.value() : null));
  private readonly engagementsApi = inject(EngagementsApi);
  private readonly engagementsResource = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.engagementsApi.list({ accountId: params, limit: 10 }),
  });
  protected readonly engagements = computed(() => (this.engagementsResource.hasValue() ? this.engagementsResource.value() : null));
  protected readonly loadProblem = computed<Problem | null>(() => {
    const error = this.resource.error();
    return error ? toProblem((error as { cause?: unknown }).cause ?? error) : null;
  });

  protected async edit(account: ClientAccountDetail): Promise<void> {
    const ref = this.dialog.open<AccountDialog, ClientAccountDetail, ClientAccountDetail>(AccountDialog, {
      data: account,
      width: '32rem',
      maxWidth: 'calc(100vw - 2rem)',
    });
    const saved = await firstValueFrom(ref.afterClosed());
    if (saved) {
      this.resource.set(saved);
      this.snackBar.open('The account was saved.', 'Close', { duration: 5000 });
    }
  }

  protected async addContact(account: ClientAccountDetail): Promise<void> {
    const ref = this.dialog.open<AddContactDialog, AddContactDialogData, Contact>(AddContactDialog, {
      data: { accountId: account.id, accountName: account.name },
      width: '40rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
    });
    const contact = await firstValueFrom(ref.afterClosed());
    if (contact) {
      this.resource.reload();
      this.snackBar
        .open(`${contact.firstName} ${contact.lastName} was added.`, 'Open', { duration: 8000 })
        .onAction()
        .subscribe(() => void this.router.navigate(['/staff/clients/contacts', contact.id]));
    }
  }
}
