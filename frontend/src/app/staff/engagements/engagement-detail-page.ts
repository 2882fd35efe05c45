import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { type Observable, catchError, firstValueFrom, of } from 'rxjs';

import type { Problem } from '../../core/api-types';
import { AuthService } from '../../core/auth.service';
import {
  ENGAGEMENT_STATUSES,
  type EngagementDetail,
  type EngagementItem,
  type EngagementItemKind,
  type EngagementStatus,
  EngagementsApi,
  type WaitingAction,
  type WaitingParty,
} from '../../core/engagements-api';
import { IdentityApi } from '../../core/identity-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { ConfirmDialog, type ConfirmDialogData } from '../ui/confirm-dialog';
import { formatDate, formatDateTime } from '../ui/format';
import { PortalStatusBadge } from '../ui/portal-status-badge';
import { EngagementDocuments } from '../documents/engagement-documents';
import { ProblemAlert } from '../ui/problem-alert';
import { EditEngagementDialog, type EditEngagementData } from './edit-engagement-dialog';
import { EngagementStatusBadge, formatCalendarDate, itemKind, typeText } from './engagement-ui';
import { ItemDialog, type ItemDialogData } from './item-dialog';
import type { CreatedState } from './new-engagement-page';

const ACTION_LABELS: Record<WaitingAction, string> = {
  invite: 'Invite',
  'resend-invitation': 'Resend invitation',
  'temporary-password': 'Send temporary password',
  enable: 'Enable access',
};

/** `/staff/engagements/:id`: an engagement with its parties, who still needs the portal, and its items. */
@Component({
  selector: 'app-engagement-detail-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatProgressSpinnerModule,
    MatSlideToggleModule,
    EngagementDocuments,
    EngagementStatusBadge,
    Icon,
    PortalStatusBadge,
    ProblemAlert,
  ],
  template: `
    <p class="crumbs"><a routerLink="/staff/engagements">Engagements</a> ›</p>
    @if (loadProblem(); as p) {
      <app-problem-alert [problem]="p" />
    } @else if (engagement(); as e) {
      <div class="page-head">
        <div>
          <h1>{{ e.name }}</h1>
          <p class="sub">
            <a [routerLink]="['/staff/clients/accounts', e.accountId]">{{ e.accountName }}</a> · {{ typeText(e.typeName, e.subtypeName) }}
            @if (e.restricted) {
              · <span class="tag"><app-icon name="lock" class="tiny" />Restricted</span>
            }
            @if (e.sharedWithClient) {
              · <span class="tag tag-on">Shared with client</span>
            }
          </p>
        </div>
        <div class="head-actions">
          <label class="status-select">
            <span class="visually-hidden">Status</span>
            <select (change)="setStatus(e, $any($event.target).value)" [disabled]="statusBusy()" data-testid="engagement-status" aria-label="Status">
              @for (s of statuses; track s.value) {
                <!-- [selected] per option: a [value] on the select is applied before the options exist. -->
                <option [value]="s.value" [selected]="s.value === e.status">{{ s.label }}</option>
              }
            </select>
          </label>
          <button mat-stroked-button type="button" (click)="edit(e)" data-testid="edit-engagement"><app-icon matButtonIcon name="edit" />Edit</button>
          <button mat-stroked-button type="button" class="danger" (click)="remove(e)" data-testid="delete-engagement"><app-icon matButtonIcon name="delete" />Delete</button>
        </div>
      </div>

      @if (created(); as c) {
        <div class="alert alert-success" role="status" data-testid="engagement-created">
          <app-icon name="check" />
          <div>
            <strong>The engagement was created.</strong>
            @if (c.invited) {
              <p>{{ c.invited }} invitation{{ c.invited === 1 ? ' was' : 's were' }} sent.</p>
            }
          </div>
        </div>
        @if (c.warnings.length) {
          <div class="alert alert-warning" role="alert" data-testid="engagement-warnings">
            <app-icon name="warning" />
            <ul [class.single]="c.warnings.length === 1">
              @for (w of c.warnings; track $index) {
                <li>{{ w }}</li>
              }
            </ul>
          </div>
        }
      }
      <app-problem-alert [problem]="actionProblem()" />

      <div class="grid">
        <section class="card" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <dl class="facts">
            <div><dt>Status</dt><dd><app-engagement-status-badge [status]="e.status" /></dd></div>
            <div><dt>Type</dt><dd>{{ typeText(e.typeName, e.subtypeName) }}</dd></div>
            <div><dt>Expected completion</dt><dd>{{ formatCalendarDate(e.expectedCompletion) }}</dd></div>
            <div><dt>Created</dt><dd>{{ formatDate(e.createdAt) }}</dd></div>
            <div><dt>Updated</dt><dd>{{ formatDateTime(e.updatedAt) }}</dd></div>
          </dl>
          @if (e.description) {
            <h3 class="sub-title">Description</h3>
            <p class="description">{{ e.description }}</p>
          }
        </section>

        <section class="card" aria-labelledby="access-title">
          <h2 id="access-title">Staff access</h2>
          <p class="card-intro">
            {{ e.restricted ? 'Restricted: only these staff and admins see the engagement.' : 'Colleagues with access to all engagements see it; those limited to assigned engagements see it when listed here.' }}
          </p>
          <ul class="plain-list">
            @for (s of e.staff; track s.id) {
              <li><app-icon name="person" />{{ s.name }}</li>
            } @empty {
              <li class="muted">Nobody is listed.</li>
            }
          </ul>
        </section>
      </div>

      <section class="card table-card section" aria-labelledby="parties-title">
        <h2 id="parties-title" class="table-title">Parties</h2>
        <div class="table-scroll">
          <table class="data-table stack">
            <thead>
              <tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Portal</th></tr>
            </thead>
            <tbody>
              @for (p of e.parties; track p.contactId) {
                <tr>
                  <td class="primary-cell" data-label="Name"><a [routerLink]="['/staff/clients/contacts', p.contactId]">{{ p.firstName }} {{ p.lastName }}</a></td>
                  <td data-label="Role">{{ p.role || '—' }}</td>
                  <td data-label="Portal"><app-portal-status-badge [status]="p.portalStatus" /></td>
                </tr>
              } @empty {
                <tr><td colspan="3" class="empty">No parties. Add the account's contacts with “Edit”.</td></tr>
              }
            </tbody>
          </table>
        </div>
      </section>

      <section class="card section waiting" aria-labelledby="waiting-title" data-testid="waiting-for-invitation">
        <h2 id="waiting-title">Waiting for invitation</h2>
        <div class="share-row">
          <mat-slide-toggle [checked]="e.sharedWithClient" (change)="setShared(e, $event.checked)" [disabled]="shareBusy()" data-testid="engagement-share-toggle">
            Shared with {{ e.accountName }}
          </mat-slide-toggle>
          <p class="muted small">The account's contacts with portal access see the engagement, its client-visible fields and its shared items.</p>
        </div>
        <div class="alert alert-success" role="status">@if (waitingDone(); as m) {<app-icon name="check" /><span>{{ m }}</span>}</div>
        @if (waiting(); as w) {
          @if (w.parties.length) {
            <ul class="waiting-list">
              @for (p of w.parties; track p.contactId) {
                <li [attr.data-testid]="'waiting-' + p.contactId">
                  <div class="who">
                    <a [routerLink]="['/staff/clients/contacts', p.contactId]" class="name">{{ p.firstName }} {{ p.lastName }}</a>
                    @if (p.role) {
                      <span class="muted">· {{ p.role }}</span>
                    }
                    <app-portal-status-badge [status]="p.portalStatus" [expired]="p.invitationExpired" />
                  </div>
                  @if (p.needsEmail) {
                    <p class="needs-email"><app-icon name="info" class="tiny" />No e-mail address. <a [routerLink]="['/staff/clients/contacts', p.contactId]">Add one on the contact's page</a>, then invite.</p>
                  } @else {
                    <div class="acts">
                      @if (needsEmailChoice(p)) {
                        <label class="email-choice">
                          <span>Login e-mail</span>
                          <select [value]="chosenEmail(p)" (change)="chooseEmail(p, $any($event.target).value)" [attr.data-testid]="'waiting-email-' + p.contactId">
                            @for (m of p.emails; track m) {
                              <option [value]="m">{{ m }}</option>
                            }
                          </select>
                        </label>
                      } @else if (p.portalStatus === 'none') {
                        <span class="muted small">to {{ p.emails[0] }}</span>
                      }
                      @for (a of p.actions; track a; let first = $first) {
                        <button
                          [matButton]="first ? 'filled' : 'outlined'"
                          type="button"
                          (click)="act(p, a)"
                          [disabled]="!!busyContact()"
                          [attr.data-testid]="a === 'invite' ? 'waiting-invite-' + p.contactId : 'waiting-' + a + '-' + p.contactId"
                        >
                          {{ busyContact() === p.contactId + a ? 'Sending…' : actionLabels[a] }}
                        </button>
                      }
                    </div>
                  }
                </li>
              }
            </ul>
          } @else {
            <p class="muted">Every party can use the portal.</p>
          }
          @if (w.needShareOnly.length) {
            <div class="share-only" data-testid="need-share-only">
              <p>
                <strong>{{ names(w.needShareOnly) }}</strong>
                {{ w.needShareOnly.length === 1 ? 'already uses' : 'already use' }} the portal and only {{ w.needShareOnly.length === 1 ? 'needs' : 'need' }} the share.
              </p>
              <mat-slide-toggle [checked]="e.sharedWithClient" (change)="setShared(e, $event.checked)" [disabled]="shareBusy()" data-testid="share-only-toggle">Share</mat-slide-toggle>
            </div>
          }
        } @else {
          <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="28" aria-label="Loading" /></div>
        }
      </section>

      <section class="card table-card section" aria-labelledby="custom-title">
        <h2 id="custom-title" class="table-title">Custom fields</h2>
        <div class="table-scroll">
          <table class="data-table stack">
            <thead><tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">Client sees it</th></tr></thead>
            <tbody>
              @for (f of e.customFields; track f.name) {
                <tr>
                  <td class="primary-cell" data-label="Field">{{ f.name }}</td>
                  <td data-label="Value" class="value">{{ f.value || '—' }}</td>
                  <td data-label="Client sees it">
                    @if (f.showToClient) {
                      <span class="tag tag-on"><app-icon name="visible" class="tiny" />Shown</span>
                    } @else {
                      <span class="muted">No</span>
                    }
                  </td>
                </tr>
              } @empty {
                <tr><td colspan="3" class="empty">No custom fields. Add them with “Edit”.</td></tr>
              }
            </tbody>
          </table>
        </div>
      </section>

      <app-engagement-documents [engagementId]="e.id" [accountName]="e.accountName" [staff]="e.staff" />

      <section class="card table-card section" aria-labelledby="items-title">
        <div class="items-head">
          <h2 id="items-title">Notes, tasks and appointments</h2>
          <div class="head-actions">
            <button mat-stroked-button type="button" (click)="addItem('note')" data-testid="add-note"><app-icon matButtonIcon name="notes" />Note</button>
            <button mat-stroked-button type="button" (click)="addItem('task')" data-testid="add-task"><app-icon matButtonIcon name="task" />Task</button>
            <button mat-stroked-button type="button" (click)="addItem('appointment')" data-testid="add-appointment"><app-icon matButtonIcon name="event" />Appointment</button>
          </div>
        </div>
        <ul class="items">
          @for (i of items(); track i.id) {
            <li [attr.data-testid]="'item-' + i.id" [class.done]="i.done">
              <span class="kind" [attr.title]="itemKind(i.kind).label"><app-icon [name]="itemKind(i.kind).icon" /></span>
              <div class="item-body">
                <div class="item-title">
                  @if (i.kind === 'task') {
                    <mat-checkbox [checked]="i.done" (change)="setDone(i, $event.checked)" [aria-label]="'Done: ' + i.title">{{ i.title }}</mat-checkbox>
                  } @else {
                    <span>{{ i.title }}</span>
                  }
                </div>
                <div class="item-meta">
                  <span>{{ itemKind(i.kind).label }}</span>
                  @if (i.kind === 'task' && i.dueDate) {
                    <span>· due {{ formatCalendarDate(i.dueDate) }}</span>
                  }
                  @if (i.kind === 'appointment') {
                    <span>· {{ formatDateTime(i.startsAt) }}@if (i.endsAt) { – {{ formatDateTime(i.endsAt) }}}</span>
                  }
                  @if (i.done && i.doneBy) {
                    <span>· done by {{ i.doneBy === 'client' ? 'the client' : 'staff' }}{{ i.doneAt ? ' on ' + formatDate(i.doneAt) : '' }}</span>
                  }
                </div>
                @if (i.body) {
                  <p class="item-text">{{ i.body }}</p>
                }
              </div>
              <div class="item-actions">
                <mat-slide-toggle [checked]="i.sharedWithClient" (change)="setItemShared(i, $event.checked)" [attr.data-testid]="'item-shared-' + i.id">Shared with client</mat-slide-toggle>
                <button mat-icon-button type="button" (click)="editItem(i)" [attr.aria-label]="'Edit ' + i.title"><app-icon name="edit" /></button>
                <button mat-icon-button type="button" (click)="removeItem(i)" [attr.aria-label]="'Delete ' + i.title"><app-icon name="delete" /></button>
              </div>
            </li>
          } @empty {
            <li class="empty">Nothing yet. Add a note for your team, a task for the client, or an appointment.</li>
          }
        </ul>
      </section>
    } @else {
      <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="36" aria-label="Loading the engagement" /></div>
    }
  `,
  styleUrls: ['../ui/page.scss', './engagement-detail-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EngagementDetailPage {
  private readonly api = inject(EngagementsApi);
  private readonly identity = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  protected readonly statuses = ENGAGEMENT_STATUSES;
  protected readonly actionLabels = ACTION_LABELS;
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;
  protected readonly formatCalendarDate = formatCalendarDate;
  protected readonly typeText = typeText;
  protected readonly itemKind = itemKind;

  readonly id = input.required<string>();

  private readonly resource = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.get(params) });
  protected readonly engagement = computed(() => (this.resource.hasValue() ? this.resource.value() : null));
  protected readonly loadProblem = computed<Problem | null>(() => {
    const error = this.resource.error();
    return error ? toProblem((error as { cause?: unknown }).cause ?? error) : null;
  });
  private readonly waitingResource = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.waitingForInvitation(params) });
  protected readonly waiting = computed(() => (this.waitingResource.hasValue() ? this.waitingResource.value() : null));
  private readonly itemsResource = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.items(params) });
  protected readonly items = computed(() => (this.itemsResource.hasValue() ? this.itemsResource.value() : []));

  /** What the new engagement's page handed over (shown once). */
  protected readonly created = signal<CreatedState | null>((history.state as { created?: CreatedState } | null)?.created ?? null);
  protected readonly actionProblem = signal<Problem | null>(null);
  protected readonly statusBusy = signal(false);
  protected readonly shareBusy = signal(false);
  protected readonly busyContact = signal<string | null>(null);
  protected readonly waitingDone = signal<string | null>(null);
  private readonly emailChoice = signal<ReadonlyMap<string, string>>(new Map());

  /** Runs a change, shows its failure in the page's alert; resolves to the answer or null. */
  private async attempt<T>(call: Observable<T>): Promise<T | null> {
    this.actionProblem.set(null);
    try {
      return await firstValueFrom(call);
    } catch (error: unknown) {
      this.actionProblem.set(toProblem(error));
      return null;
    }
  }

  protected async setStatus(e: EngagementDetail, status: EngagementStatus): Promise<void> {
    this.statusBusy.set(true);
    const saved = await this.attempt(this.api.update(e.id, { status }));
    this.statusBusy.set(false);
    if (saved) {
      this.resource.set(saved);
      this.snackBar.open(`Status: ${ENGAGEMENT_STATUSES.find((s) => s.value === status)?.label}.`, 'Close', { duration: 4000 });
    } else this.resource.reload();
  }

  protected async setShared(e: EngagementDetail, shared: boolean): Promise<void> {
    this.shareBusy.set(true);
    const saved = await this.attempt(this.api.update(e.id, { sharedWithClient: shared }));
    this.shareBusy.set(false);
    if (saved) {
      this.resource.set(saved);
      this.waitingResource.reload();
      this.snackBar.open(shared ? `Shared with ${e.accountName}.` : 'No longer shared with the client.', 'Close', { duration: 5000 });
    } else this.resource.reload();
  }

  protected async edit(e: EngagementDetail): Promise<void> {
    const isAdmin = this.auth.staffMe()?.role === 'admin';
    const [types, staff, account] = await Promise.all([
      firstValueFrom(this.api.types().pipe(catchError(() => of([])))),
      isAdmin ? firstValueFrom(this.identity.staffUsers().pipe(catchError(() => of(null)))) : Promise.resolve(null),
      firstValueFrom(this.identity.account(e.accountId).pipe(catchError(() => of(null)))),
    ]);
    const ref = this.dialog.open<EditEngagementDialog, EditEngagementData, EngagementDetail>(EditEngagementDialog, {
      data: { engagement: e, types, staff, contacts: account?.contacts ?? [] },
      width: '48rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
    });
    const saved = await firstValueFrom(ref.afterClosed());
    if (saved) {
      this.resource.set(saved);
      this.waitingResource.reload();
      this.snackBar.open('The engagement was saved.', 'Close', { duration: 5000 });
    }
  }

  protected async remove(e: EngagementDetail): Promise<void> {
    const ref = this.dialog.open<ConfirmDialog, ConfirmDialogData, unknown>(ConfirmDialog, {
      data: {
        title: `Delete “${e.name}”?`,
        body: [
          'Nobody will see it any more, neither your team nor the client; its notes, tasks and appointments go with it.',
          'A record of the deletion is kept (name, dates, who deleted it).',
        ],
        confirmLabel: 'Delete engagement',
        busyLabel: 'Deleting…',
        destructive: true,
        action: () => this.api.remove(e.id),
      },
      width: '30rem',
      maxWidth: 'calc(100vw - 2rem)',
    });
    if (await firstValueFrom(ref.afterClosed())) {
      this.snackBar.open(`“${e.name}” was deleted.`, 'Close', { duration: 5000 });
      await this.router.navigate(['/staff/engagements']);
    }
  }

  // ── Waiting for invitation ──
  protected needsEmailChoice(p: WaitingParty): boolean {
    return p.emails.length > 1 && (p.actions.includes('invite') || (p.portalStatus === 'none' && p.actions.includes('temporary-password')));
  }
  protected chosenEmail(p: WaitingParty): string {
    return this.emailChoice().get(p.contactId) ?? p.emails[0] ?? '';
  }
  protected chooseEmail(p: WaitingParty, email: string): void {
    this.emailChoice.update((m) => new Map(m).set(p.contactId, email));
  }
  protected names(list: readonly { firstName: string; lastName: string }[]): string {
    return list.map((c) => `${c.firstName} ${c.lastName}`).join(', ');
  }

  protected async act(p: WaitingParty, action: WaitingAction): Promise<void> {
    const email = this.chosenEmail(p);
    const name = `${p.firstName} ${p.lastName}`;
    this.busyContact.set(p.contactId + action);
    this.waitingDone.set(null);
    const call =
      action === 'invite'
        ? this.identity.invite(p.contactId, email)
        : action === 'resend-invitation'
          ? this.identity.resendInvitation(p.contactId)
          : action === 'temporary-password'
            ? this.identity.sendTemporaryPassword(p.contactId, p.portalStatus === 'none' ? email : undefined)
            : this.identity.enablePortalAccess(p.contactId);
    const done = await this.attempt(call);
    this.busyContact.set(null);
    if (!done) return;
    this.waitingDone.set(
      action === 'invite'
        ? `Invitation sent to ${name} at ${email}.`
        : action === 'resend-invitation'
          ? `A new invitation was sent to ${name}.`
          : action === 'temporary-password'
            ? `A temporary password was sent to ${name}.`
            : `${name}'s portal access is on again.`,
    );
    this.waitingResource.reload();
    this.resource.reload();
  }

  // ── Items ──
  protected async addItem(kind: EngagementItemKind): Promise<void> {
    const ref = this.dialog.open<ItemDialog, ItemDialogData, EngagementItem>(ItemDialog, {
      data: { engagementId: this.id(), kind },
      width: '36rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
    });
    if (await firstValueFrom(ref.afterClosed())) this.itemsResource.reload();
  }

  protected async editItem(item: EngagementItem): Promise<void> {
    const ref = this.dialog.open<ItemDialog, ItemDialogData, EngagementItem>(ItemDialog, {
      data: { engagementId: this.id(), item },
      width: '36rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
    });
    if (await firstValueFrom(ref.afterClosed())) this.itemsResource.reload();
  }

  private replaceItem(saved: EngagementItem): void {
    this.itemsResource.update((list) => list?.map((i) => (i.id === saved.id ? saved : i)));
  }

  protected async setItemShared(item: EngagementItem, shared: boolean): Promise<void> {
    const saved = await this.attempt(this.api.updateItem(this.id(), item.id, { sharedWithClient: shared }));
    if (saved) this.replaceItem(saved);
    else this.itemsResource.reload();
  }

  protected async setDone(item: EngagementItem, done: boolean): Promise<void> {
    const saved = await this.attempt(this.api.updateItem(this.id(), item.id, { done }));
    if (saved) this.replaceItem(saved);
    else this.itemsResource.reload();
  }

  protected async removeItem(item: EngagementItem): Promise<void> {
    const label = itemKind(item.kind).label.toLowerCase();
    const ref = this.dialog.open<ConfirmDialog, ConfirmDialogData, unknown>(ConfirmDialog, {
      data: {
        title: `Delete this ${label}?`,
        body: [`“${item.title}” disappears for your team${item.sharedWithClient ? ' and for the client' : ''}.`],
        confirmLabel: 'Delete',
        busyLabel: 'Deleting…',
        destructive: true,
        action: () => this.api.removeItem(this.id(), item.id),
      },
      width: '28rem',
      maxWidth: 'calc(100vw - 2rem)',
    });
    if (await firstValueFrom(ref.afterClosed())) this.itemsResource.reload();
  }
}
