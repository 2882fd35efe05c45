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
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { type Observable, firstValueFrom } from 'rxjs';

import type { Contact, PortalAccess, Problem, Session } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { problemSlug, toProblem } from '../../core/problem';
import { applyProblemToForm } from '../../shared/forms';
import { Icon } from '../../shared/icon';
import { ConfirmDialog, type ConfirmDialogData } from '../ui/confirm-dialog';
import { deviceName, formatDate, formatDateTime, text } from '../ui/format';
import { PortalStatusBadge } from '../ui/portal-status-badge';
import { ProblemAlert } from '../ui/problem-alert';
import { ChangeLoginEmailDialog, type ChangeLoginEmailData } from './change-login-email-dialog';

type Busy = 'invite' | 'resend' | 'temporary' | 'disable' | 'enable';

interface HiddenItem {
  type: string;
  id: string;
  name: string;
}

/**
 * A contact's "Portal access" panel: invite (the chosen address becomes the login
 * name), resend, temporary password, change of login e-mail, disable / enable,
 * and the client's signed-in devices.
 */
@Component({
  selector: 'app-portal-access-panel',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, Icon, PortalStatusBadge, ProblemAlert],
  template: `
    <section class="card panel" aria-labelledby="portal-access-title">
      <div class="panel-head">
        <h2 id="portal-access-title">Portal access</h2>
        @if (access(); as a) {
          <app-portal-status-badge data-testid="portal-status" [status]="a.status" [expired]="a.invitationExpired" />
        }
      </div>

      <div class="alert alert-success" role="status">@if (done(); as message) {
        <app-icon name="check" />
        <span>{{ message }}</span>
      }</div>
      <div #hiddenAlert class="alert alert-error" role="alert" tabindex="-1">@if (hiddenItems(); as items) {
        <app-icon name="error" />
        <div class="hidden-body">
          <strong>You cannot turn off {{ name() }}’s access</strong>
          <p>{{ hiddenDetail() }}</p>
          <p>Shared with {{ name() }} but not visible to you:</p>
          <ul class="hidden-list" data-testid="hidden-shares">
            @for (item of items; track item.id) {
              <li><span class="item-type">{{ itemType(item.type) }}</span> {{ item.name }}</li>
            }
          </ul>
        </div>
      }</div>
      <app-problem-alert [problem]="problem()" [messages]="problemMessages()" />

      @if (!access()) {
        @if (!loadProblem()) {
          <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="32" aria-label="Loading portal access" /></div>
        } @else {
          <app-problem-alert [problem]="loadProblem()" />
        }
      } @else {
        @let a = access()!;
        @switch (a.status) {
          @case ('none') {
            <p class="explain">{{ name() }} cannot use the portal yet. Choose the address they will sign in with: it becomes their <strong>login name</strong>.</p>
            @if (!emails().length) {
              <div class="alert alert-info">
                <app-icon name="info" />
                <span>Add an e-mail address to {{ name() }} first (under Details), then invite them.</span>
              </div>
            } @else {
              <form [formGroup]="inviteForm" (ngSubmit)="invite()" novalidate aria-label="Invite to the portal">
                <mat-form-field class="full">
                  <mat-label>Login e-mail</mat-label>
                  <select matNativeControl formControlName="email" data-testid="invite-email-select">
                    @for (e of emails(); track e) {
                      <option [value]="e">{{ e }}</option>
                    }
                  </select>
                  <mat-error>{{ inviteError() }}</mat-error>
                </mat-form-field>
                <div class="actions">
                  <button mat-flat-button type="submit" [disabled]="busy()" data-testid="invite-submit">
                    <app-icon matButtonIcon name="send" />{{ busy() === 'invite' ? 'Sending…' : 'Send invitation' }}
                  </button>
                  <button mat-stroked-button type="button" (click)="temporaryPassword()" [disabled]="busy()" data-testid="temporary-password">
                    <app-icon matButtonIcon name="key" />{{ busy() === 'temporary' ? 'Sending…' : 'Send a temporary password instead' }}
                  </button>
                </div>
                <p class="fine">
                  The invitation link works once, for the number of days set in Settings › Security. A temporary password is the
                  alternative for clients who cannot use links; they choose their own password at first sign-in.
                </p>
              </form>
            }
          }

          @case ('invited') {
            @if (a.invitationExpired) {
              <div class="alert alert-warning">
                <app-icon name="warning" />
                <span>The invitation expired on {{ formatDateTime(a.invitationExpiresAt) }}. {{ name() }} can no longer use it: send a new one.</span>
              </div>
            } @else if (!text(a.invitationExpiresAt)) {
              <div class="alert alert-warning">
                <app-icon name="warning" />
                <span>{{ name() }} has no working invitation link (an earlier one was cancelled). Send a new invitation.</span>
              </div>
            }
            <dl class="facts">
              <div>
                <dt>Login e-mail</dt>
                <dd>{{ text(a.loginEmail) }}</dd>
              </div>
              @if (a.temporaryPassword) {
                <div>
                  <dt>Temporary password</dt>
                  <dd>Sent; to be replaced at first sign-in</dd>
                </div>
              }
              @if (text(a.invitationExpiresAt)) {
                <div>
                  <dt>{{ a.invitationExpired ? 'Expired' : a.temporaryPassword ? 'Valid until' : 'Invitation valid until' }}</dt>
                  <dd [class.expired]="a.invitationExpired">{{ formatDateTime(a.invitationExpiresAt) }}</dd>
                </div>
              }
            </dl>
            <div class="actions">
              <button mat-flat-button type="button" (click)="resend()" [disabled]="busy()" data-testid="resend-invitation">
                <app-icon matButtonIcon name="refresh" />{{ busy() === 'resend' ? 'Sending…' : a.invitationExpired ? 'Send a new invitation' : 'Resend invitation' }}
              </button>
              <button mat-stroked-button type="button" (click)="temporaryPassword()" [disabled]="busy()" data-testid="temporary-password">
                <app-icon matButtonIcon name="key" />{{ busy() === 'temporary' ? 'Sending…' : 'Send temporary password' }}
              </button>
            </div>
            <p class="fine">Resending sends a new link; the earlier one stops working at once.</p>
            <div class="danger-zone">
              <button mat-button type="button" class="danger" (click)="disable()" [disabled]="busy()" data-testid="disable-access">
                <app-icon matButtonIcon name="block" />Disable portal access
              </button>
            </div>
          }

          @case ('verified') {
            <dl class="facts">
              <div>
                <dt>Login e-mail</dt>
                <dd>
                  {{ text(a.loginEmail) }}
                  @if (text(a.pendingLoginEmail); as pending) {
                    <span class="pending">Change to <strong>{{ pending }}</strong> waiting for {{ name() }} to confirm it from that mailbox.</span>
                  }
                </dd>
              </div>
              <div>
                <dt>Verified</dt>
                <dd>{{ formatDate(a.verifiedAt) }}</dd>
              </div>
              <div>
                <dt>Last sign-in</dt>
                <dd>{{ formatDateTime(a.lastSignInAt, 'Never') }}</dd>
              </div>
              <div>
                <dt>Two-step verification</dt>
                <dd><span class="tag" [class.tag-on]="a.mfaEnabled">{{ a.mfaEnabled ? 'On' : 'Off' }}</span></dd>
              </div>
            </dl>
            <div class="actions">
              <button mat-stroked-button type="button" (click)="temporaryPassword()" [disabled]="busy()" data-testid="temporary-password">
                <app-icon matButtonIcon name="key" />{{ busy() === 'temporary' ? 'Sending…' : 'Send temporary password' }}
              </button>
              <button mat-stroked-button type="button" (click)="changeLoginEmail()" [disabled]="busy()" data-testid="change-login-email">
                <app-icon matButtonIcon name="mail" />Change login e-mail
              </button>
            </div>
            <p class="fine">For a client who forgot their password: a temporary password replaces it and signs them out everywhere.</p>

            <h3 class="sub-title">Signed-in devices</h3>
            @if (sessions(); as list) {
              @if (list.length) {
                <ul class="sessions">
                  @for (s of list; track s.id) {
                    <li>
                      <app-icon name="devices" class="device-icon" />
                      <div class="session-body">
                        <span class="device">{{ deviceName(s.userAgent) }}</span>
                        <span class="session-meta">
                          Last seen {{ formatDateTime(s.lastSeenAt) }}@if (text(s.ip); as ip) { · {{ ip }}} · since {{ formatDate(s.createdAt) }}
                        </span>
                      </div>
                      <button mat-stroked-button type="button" (click)="revoke(s)" [disabled]="revoking() === s.id" [attr.aria-label]="'Sign out ' + deviceName(s.userAgent) + ', last seen ' + formatDateTime(s.lastSeenAt)">
                        {{ revoking() === s.id ? 'Signing out…' : 'Sign out' }}
                      </button>
                    </li>
                  }
                </ul>
              } @else {
                <p class="muted">Not signed in on any device.</p>
              }
            } @else {
              <p class="muted">Loading…</p>
            }
            <div class="danger-zone">
              <button mat-button type="button" class="danger" (click)="disable()" [disabled]="busy()" data-testid="disable-access">
                <app-icon matButtonIcon name="block" />Disable portal access
              </button>
            </div>
          }

          @case ('disabled') {
            <p class="explain">
              Portal access is turned off: {{ name() }} cannot sign in. What you shared with their account is kept and shows again when you
              turn access back on.
            </p>
            <dl class="facts">
              <div>
                <dt>Login e-mail</dt>
                <dd>{{ text(a.loginEmail) ?? '—' }}</dd>
              </div>
              <div>
                <dt>Last sign-in</dt>
                <dd>{{ formatDateTime(a.lastSignInAt, 'Never') }}</dd>
              </div>
            </dl>
            <div class="actions">
              <button mat-flat-button type="button" (click)="enable()" [disabled]="busy()" data-testid="enable-access">
                <app-icon matButtonIcon name="check-circle" />{{ busy() === 'enable' ? 'Turning on…' : 'Enable portal access' }}
              </button>
            </div>
          }
        }
      }
    </section>
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    .panel {
      border-top: 4px solid var(--portico-primary);
    }
    .panel-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.75rem;
      margin-bottom: 1rem;
      h2 {
        margin: 0;
      }
    }
    .alert app-icon {
      --app-icon-size: 20px;
    }
    .alert p {
      margin: 0.35rem 0 0;
    }
    .alert:focus {
      outline: none;
    }
    .alert-warning {
      background: #fef7e0;
      color: #5c3b00;
      border: 1px solid #f6d98b;
    }
    .explain {
      margin: 0 0 1rem;
    }
    .full {
      width: 100%;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
    .fine {
      margin: 0.75rem 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .facts {
      display: grid;
      gap: 0;
      margin: 0 0 1rem;
      div {
        display: grid;
        grid-template-columns: 11rem minmax(0, 1fr);
        gap: 1rem;
        padding: 0.6rem 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      dt {
        font: var(--mat-sys-label-large);
        color: var(--mat-sys-on-surface-variant);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .expired {
        color: #7a4a00;
        font-weight: 600;
      }
      @media (max-width: 560px) {
        div {
          grid-template-columns: 1fr;
          gap: 0.15rem;
        }
      }
    }
    .pending {
      display: block;
      margin-top: 0.25rem;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .sub-title {
      font: var(--mat-sys-title-small);
      font-weight: 600;
      margin: 1.5rem 0 0.5rem;
    }
    .sessions {
      list-style: none;
      margin: 0;
      padding: 0;
      li {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        padding: 0.6rem 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
    }
    .device-icon {
      color: var(--mat-sys-on-surface-variant);
    }
    .session-body {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
    }
    .device {
      font-weight: 600;
    }
    .session-meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .danger-zone {
      margin-top: 1.25rem;
      padding-top: 0.75rem;
      border-top: 1px dashed var(--mat-sys-outline-variant);
    }
    .danger {
      color: var(--mat-sys-error);
    }
    .hidden-body {
      min-width: 0;
    }
    .hidden-list {
      margin: 0.35rem 0 0;
      padding-left: 1.25rem;
      li {
        margin: 0.15rem 0;
        font-weight: 600;
      }
    }
    .item-type {
      font-weight: 400;
      text-transform: capitalize;
    }
    .item-type::after {
      content: ':';
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalAccessPanel {
  private readonly api = inject(IdentityApi);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly hiddenAlert = viewChild.required<ElementRef<HTMLElement>>('hiddenAlert');
  private readonly problemAlert = viewChild(ProblemAlert);

  readonly contact = input.required<Contact>();
  /** The access changed (the page shows the status in its heading too). */
  readonly changed = output<PortalAccess>();

  protected readonly text = text;
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;
  protected readonly deviceName = deviceName;

  protected readonly access = signal<PortalAccess | null>(null);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly sessions = signal<Session[] | null>(null);
  protected readonly busy = signal<Busy | null>(null);
  protected readonly revoking = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly problemMessages = signal<string[]>([]);
  protected readonly hiddenItems = signal<HiddenItem[] | null>(null);
  protected readonly hiddenDetail = signal('');

  protected readonly name = computed(() => `${this.contact().firstName} ${this.contact().lastName}`);
  protected readonly emails = computed(() => this.contact().emails.map((e) => e.address));
  protected readonly inviteForm = this.fb.group({ email: ['', [Validators.required]] });

  constructor() {
    // Load when the contact (its id) changes.
    let loadedFor: string | null = null;
    effect(() => {
      const id = this.contact().id;
      if (id === loadedFor) return;
      loadedFor = id;
      untracked(() => void this.load(id));
    });
    // Keep the chosen address one of the contact's addresses (they can be edited beside the panel).
    effect(() => {
      const emails = this.emails();
      untracked(() => {
        const control = this.inviteForm.controls.email;
        if (!emails.includes(control.value)) control.setValue(emails[0] ?? '');
      });
    });
  }

  private async load(id: string, fresh = true): Promise<void> {
    if (fresh) this.access.set(null);
    this.loadProblem.set(null);
    try {
      this.show(await firstValueFrom(this.api.portalAccess(id)), !fresh);
    } catch (error: unknown) {
      this.loadProblem.set(toProblem(error));
    }
  }

  private show(access: PortalAccess, emit = true): void {
    this.access.set(access);
    if (emit) this.changed.emit(access);
    if (access.status === 'verified') void this.loadSessions();
    else this.sessions.set(null);
  }

  private async loadSessions(): Promise<void> {
    try {
      this.sessions.set(await firstValueFrom(this.api.contactSessions(this.contact().id)));
    } catch {
      this.sessions.set([]);
    }
  }

  protected inviteError(): string {
    const errors = this.inviteForm.controls.email.errors;
    if (!errors) return '';
    if (typeof errors['server'] === 'string') return errors['server'];
    return 'Choose the address they will sign in with.';
  }

  protected invite(): Promise<void> {
    const email = this.inviteForm.controls.email.value;
    return this.run('invite', () => this.api.invite(this.contact().id, email), (a) => {
      return `Invitation sent to ${text(a.loginEmail) ?? email}. The link works until ${formatDateTime(a.invitationExpiresAt)}.`;
    });
  }

  protected resend(): Promise<void> {
    return this.run('resend', () => this.api.resendInvitation(this.contact().id), (a) => {
      return `A new invitation was sent to ${text(a.loginEmail)}; the earlier link no longer works. It is valid until ${formatDateTime(a.invitationExpiresAt)}.`;
    });
  }

  protected async temporaryPassword(): Promise<void> {
    const a = this.access();
    if (!a) return;
    if (a.status === 'verified') {
      const ok = await this.confirm({
        title: `Send ${this.name()} a temporary password?`,
        body: [
          `A new temporary password is e-mailed to ${text(a.loginEmail)}. Their current password stops working and they are signed out of every device.`,
          'At their next sign-in they choose a new password of their own.',
        ],
        confirmLabel: 'Send temporary password',
      });
      if (!ok) return;
    }
    const email = a.status === 'none' ? this.inviteForm.controls.email.value : undefined;
    await this.run('temporary', () => this.api.sendTemporaryPassword(this.contact().id, email), (next) => {
      const until = next.status === 'invited' && text(next.invitationExpiresAt) ? ` It works until ${formatDateTime(next.invitationExpiresAt)}.` : '';
      return `A temporary password was e-mailed to ${text(next.loginEmail) ?? email}; ${this.contact().firstName} must replace it at first sign-in.${until}`;
    });
  }

  protected async changeLoginEmail(): Promise<void> {
    const a = this.access();
    if (!a) return;
    const current = text(a.loginEmail) ?? '';
    const ref = this.dialog.open<ChangeLoginEmailDialog, ChangeLoginEmailData, PortalAccess>(ChangeLoginEmailDialog, {
      data: { contactId: this.contact().id, name: this.contact().firstName, currentLogin: current, suggestions: this.emails().filter((e) => e !== current) },
      width: '32rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
    });
    const next = await firstValueFrom(ref.afterClosed());
    if (next) {
      this.clearMessages();
      this.show(next);
      this.done.set(`A verification link was sent to ${text(next.pendingLoginEmail) ?? 'the new address'}. The login changes when ${this.contact().firstName} opens it.`);
    }
  }

  protected async disable(): Promise<void> {
    const ok = await this.confirm({
      title: `Disable portal access for ${this.name()}?`,
      body: [
        `${this.name()} is signed out of every device at once and can no longer sign in. An open invitation link stops working.`,
        'What you shared with their account is kept: when you enable access again, they see it as before.',
      ],
      confirmLabel: 'Disable access',
      destructive: true,
    });
    if (!ok) return;
    await this.run('disable', () => this.api.disablePortalAccess(this.contact().id), () => `${this.name()} can no longer sign in; their sessions have ended.`);
  }

  protected enable(): Promise<void> {
    return this.run('enable', () => this.api.enablePortalAccess(this.contact().id), (a) =>
      a.status === 'verified'
        ? `${this.name()} can sign in again and sees what was shared before.`
        : `Portal access is on again. ${this.name()} has not accepted the invitation yet.`,
    );
  }

  protected async revoke(session: Session): Promise<void> {
    this.revoking.set(session.id);
    this.clearMessages();
    try {
      await firstValueFrom(this.api.revokeContactSession(this.contact().id, session.id));
      this.sessions.update((list) => list?.filter((s) => s.id !== session.id) ?? null);
      this.done.set(`${this.contact().firstName} was signed out of ${deviceName(session.userAgent)}.`);
    } catch (error: unknown) {
      this.fail(error);
      void this.loadSessions();
    } finally {
      this.revoking.set(null);
    }
  }

  protected itemType(type: string): string {
    return type.replace(/-/g, ' ');
  }

  private async run(kind: Busy, call: () => Observable<PortalAccess>, message: (a: PortalAccess) => string): Promise<void> {
    if (this.busy()) return;
    this.busy.set(kind);
    this.clearMessages();
    try {
      const next = await firstValueFrom(call());
      this.show(next);
      this.done.set(message(next));
    } catch (error: unknown) {
      this.fail(error);
    } finally {
      this.busy.set(null);
    }
  }

  private fail(error: unknown): void {
    const problem = toProblem(error);
    if (problemSlug(problem) === 'shares-not-visible') {
      const hidden = (problem as Problem & { hidden?: HiddenItem[] }).hidden ?? [];
      this.hiddenDetail.set(problem.detail ?? '');
      this.hiddenItems.set(hidden);
      afterNextRender(() => this.hiddenAlert().nativeElement.focus(), { injector: this.injector });
      return;
    }
    this.problemMessages.set(applyProblemToForm(this.inviteForm, problem));
    this.problem.set(problem);
    afterNextRender(() => this.problemAlert()?.focus(), { injector: this.injector });
    // The state may have moved on (e.g. someone else invited the contact): show what is true now.
    if (problem.status === 409) void this.load(this.contact().id, false);
  }

  private clearMessages(): void {
    this.done.set(null);
    this.problem.set(null);
    this.problemMessages.set([]);
    this.hiddenItems.set(null);
    this.inviteForm.controls.email.setErrors(null);
    this.inviteForm.controls.email.updateValueAndValidity();
  }

  private async confirm(data: ConfirmDialogData): Promise<boolean> {
    const ref = this.dialog.open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data, width: '30rem', maxWidth: 'calc(100vw - 2rem)' });
    return !!(await firstValueFrom(ref.afterClosed()));
  }
}
