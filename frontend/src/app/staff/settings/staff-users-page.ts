import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { type Observable, firstValueFrom } from 'rxjs';

import type { Problem, StaffMember } from '../../core/api-types';
import { AuthService } from '../../core/auth.service';
import { IdentityApi } from '../../core/identity-api';
import { problemMessage, toProblem } from '../../core/problem';
import { AdminsOnly } from '../ui/admins-only';
import { ConfirmDialog, type ConfirmDialogData } from '../ui/confirm-dialog';
import { ENGAGEMENT_ACCESS, ROLE_LABELS, formatDateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { Icon } from '../../shared/icon';
import { StaffMemberDialog, type StaffMemberDialogData } from './staff-member-dialog';

const STATUS_LABELS = { active: 'Active', pending: 'Pending', disabled: 'Disabled' } as const;

/** `/staff/settings/staff` (admins): the firm's staff, their roles and their access. */
@Component({
  selector: 'app-staff-users-page',
  imports: [RouterLink, MatButtonModule, MatMenuModule, MatProgressSpinnerModule, MatSlideToggleModule, AdminsOnly, ProblemAlert, Icon],
  template: `
    <p class="crumbs"><a routerLink="/staff/settings">Settings</a> ›</p>
    @if (!isAdmin()) {
      <app-admins-only heading="Staff accounts are managed by admins" />
    } @else {
      <div class="page-head">
        <div>
          <h1>Staff</h1>
          <p class="sub">Everyone at your firm who can use the staff area.</p>
        </div>
        <div class="head-actions">
          <button mat-flat-button type="button" (click)="add()" data-testid="add-staff"><app-icon matButtonIcon name="add" />Add staff</button>
        </div>
      </div>

      <app-problem-alert [problem]="problem()" />

      @if (loading() && !members()) {
        <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="36" aria-label="Loading staff" /></div>
      } @else if (members(); as list) {
        <div class="card table-card">
          <div class="table-scroll">
            <table class="data-table stack">
              <caption class="visually-hidden">Staff members</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Engagement access</th>
                  <th scope="col">Status</th>
                  <th scope="col">Two-step</th>
                  <th scope="col">Last sign-in</th>
                  <th scope="col">Access</th>
                  <th scope="col"><span class="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                @for (m of list; track m.id) {
                  <tr [attr.data-testid]="'staff-row-' + m.email">
                    <td class="primary-cell" data-label="Name">
                      {{ m.name }}
                      @if (m.id === selfId()) {
                        <span class="tag tag-primary">You</span>
                      }
                      <span class="secondary">{{ m.email }}</span>
                    </td>
                    <td data-label="Role">{{ roleLabels[m.role] }}</td>
                    <td data-label="Engagement access">{{ accessLabels[m.engagementAccess].label }}</td>
                    <td data-label="Status">
                      <span class="tag" [class]="'tag status-' + m.status">{{ statusLabels[m.status] }}</span>
                    </td>
                    <td data-label="Two-step">
                      <span class="tag" [class.tag-on]="m.mfaEnabled">{{ m.mfaEnabled ? 'On' : 'Off' }}</span>
                    </td>
                    <td data-label="Last sign-in" class="nowrap">{{ formatDateTime(m.lastSignInAt, 'Never') }}</td>
                    <td data-label="Access">
                      <mat-slide-toggle
                        [checked]="m.enabled"
                        [disabled]="m.id === selfId() || busyId() === m.id"
                        (change)="toggleAccess(m, $event.checked, $event.source)"
                        [attr.data-testid]="'staff-access-' + m.email"
                        >{{ m.enabled ? 'On' : 'Off' }}<span class="visually-hidden"> — access for {{ m.name }}</span></mat-slide-toggle
                      >
                    </td>
                    <td class="actions-cell">
                      <button mat-icon-button type="button" [matMenuTriggerFor]="rowMenu" [attr.aria-label]="'Actions for ' + m.name">
                        <app-icon name="more" />
                      </button>
                      <mat-menu #rowMenu="matMenu" xPosition="before">
                        <button mat-menu-item type="button" (click)="edit(m)"><app-icon matMenuItemIcon name="edit" /><span>Edit</span></button>
                        @if (m.status === 'pending') {
                          <button mat-menu-item type="button" (click)="resend(m)"><app-icon matMenuItemIcon name="send" /><span>Resend activation e-mail</span></button>
                        }
                        @if (m.id !== selfId()) {
                          <button mat-menu-item type="button" class="danger" (click)="remove(m)"><app-icon matMenuItemIcon name="delete" /><span>Delete</span></button>
                        }
                      </mat-menu>
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        </div>
        <p class="legend muted">
          <strong>Access</strong> turns a person's use of the staff area on or off; turning it off signs them out of every device at once.
          <strong>Pending</strong> people have not set their password yet.
        </p>
      }
    }
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    .status-active {
      background: #e7f5ec;
      color: #0f5132;
    }
    .status-pending {
      background: #fef7e0;
      color: #7a4a00;
    }
    .status-disabled {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .danger {
      color: var(--mat-sys-error);
    }
    .legend {
      font: var(--mat-sys-body-small);
      margin: 0.75rem 0 0;
    }
    .primary-cell .tag {
      margin-left: 0.35rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffUsersPage {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly roleLabels = ROLE_LABELS;
  protected readonly accessLabels = ENGAGEMENT_ACCESS;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly formatDateTime = formatDateTime;

  protected readonly isAdmin = computed(() => this.auth.staffMe()?.role === 'admin');
  protected readonly selfId = computed(() => this.auth.staffMe()?.id);
  protected readonly members = signal<StaffMember[] | null>(null);
  protected readonly loading = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busyId = signal<string | null>(null);

  constructor() {
    if (this.isAdmin()) void this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.members.set(await firstValueFrom(this.api.staffUsers()));
      this.problem.set(null);
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async add(): Promise<void> {
    const saved = await this.openEditor({});
    if (saved) {
      this.replace(saved);
      this.notify(`${saved.name} was added. An e-mail with a link to set their password is on its way to ${saved.email}.`);
    }
  }

  protected async edit(member: StaffMember): Promise<void> {
    const saved = await this.openEditor({ member, selfId: this.selfId() });
    if (saved) {
      this.replace(saved);
      this.notify(`Changes to ${saved.name} were saved.`);
    }
  }

  protected async toggleAccess(member: StaffMember, enabled: boolean, toggle: { checked: boolean }): Promise<void> {
    if (!enabled) {
      const result = await this.confirm<StaffMember>({
        title: `Turn off access for ${member.name}?`,
        body: [
          `${member.name} will be signed out of every device at once and will not be able to sign in to the staff area.`,
          'Nothing they worked on is removed. You can turn their access back on at any time.',
        ],
        confirmLabel: 'Turn off access',
        busyLabel: 'Turning off…',
        destructive: true,
        action: () => this.api.updateStaffUser(member.id, { enabled: false }),
      });
      if (!result) {
        toggle.checked = true;
        return;
      }
      this.replace(result);
      this.notify(`${member.name} can no longer sign in; their sessions have ended.`);
      return;
    }
    this.busyId.set(member.id);
    try {
      this.replace(await firstValueFrom(this.api.updateStaffUser(member.id, { enabled: true })));
      this.notify(`${member.name} can sign in again.`);
    } catch (error: unknown) {
      toggle.checked = false;
      this.problem.set(toProblem(error));
    } finally {
      this.busyId.set(null);
    }
  }

  protected async resend(member: StaffMember): Promise<void> {
    this.busyId.set(member.id);
    try {
      this.replace(await firstValueFrom(this.api.resendStaffActivation(member.id)));
      this.notify(`A new activation e-mail is on its way to ${member.email}. The earlier link no longer works.`);
    } catch (error: unknown) {
      this.notify(problemMessage(toProblem(error)));
    } finally {
      this.busyId.set(null);
    }
  }

  protected async remove(member: StaffMember): Promise<void> {
    const done = await this.confirm({
      title: `Delete ${member.name}?`,
      body: [
        `${member.name} (${member.email}) will be removed from the staff and signed out of every device at once.`,
        'This cannot be undone. The audit log keeps a record of what they did. To stop their access for now instead, turn their access off.',
      ],
      confirmLabel: `Delete ${member.name}`,
      busyLabel: 'Deleting…',
      destructive: true,
      action: () => this.api.deleteStaffUser(member.id),
    });
    if (done) {
      this.members.update((list) => list?.filter((m) => m.id !== member.id) ?? null);
      this.notify(`${member.name} was deleted.`);
    }
  }

  private async openEditor(data: StaffMemberDialogData): Promise<StaffMember | undefined> {
    const ref = this.dialog.open<StaffMemberDialog, StaffMemberDialogData, StaffMember>(StaffMemberDialog, {
      data,
      width: '34rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
    });
    return firstValueFrom(ref.afterClosed());
  }

  private async confirm<T>(data: ConfirmDialogData<T> & { action: () => Observable<T> }): Promise<T | undefined> {
    const ref = this.dialog.open<ConfirmDialog, ConfirmDialogData<T>, T>(ConfirmDialog, {
      data,
      width: '30rem',
      maxWidth: 'calc(100vw - 2rem)',
    });
    return firstValueFrom(ref.afterClosed());
  }

  private replace(member: StaffMember): void {
    this.members.update((list) => {
      if (!list) return [member];
      const i = list.findIndex((m) => m.id === member.id);
      return i < 0 ? [...list, member] : list.map((m) => (m.id === member.id ? member : m));
    });
  }

  private notify(message: string): void {
    this.snackBar.open(message, 'Close', { duration: 6000 });
  }
}
