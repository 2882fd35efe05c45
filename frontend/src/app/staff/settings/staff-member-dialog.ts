import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';

import type { StaffMember } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { DialogActions, DialogSubmission } from '../ui/form-dialog';
import { errorText } from '../ui/form-support';
import { ENGAGEMENT_ACCESS } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';

export interface StaffMemberDialogData {
  /** The member to edit; absent to add one. */
  member?: StaffMember;
  /** The signed-in admin's own id (their role cannot be changed here). */
  selfId?: string;
}

/** Add or edit a staff member: name, e-mail, role and engagement access. Closes with the saved member. */
@Component({
  selector: 'app-staff-member-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatRadioModule, DialogActions, ProblemAlert],
  template: `
    <h2 mat-dialog-title>{{ editing ? 'Edit ' + data.member!.name : 'Add staff' }}</h2>
    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content>
        @if (!editing) {
          <p class="intro">They get an e-mail with a link to set their password. The link works once and for 7 days.</p>
        }
        <app-problem-alert [problem]="submission.alertProblem()" [messages]="submission.unmatched()" />
        <div class="form-stack">
          <mat-form-field>
            <mat-label>Name</mat-label>
            <input matInput formControlName="name" autocomplete="off" />
            <mat-error>{{ errorText(form.controls.name, 'Name') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>E-mail</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="off" />
            @if (editing) {
              <mat-hint>This is also the address they sign in with.</mat-hint>
            }
            <mat-error>{{ errorText(form.controls.email, 'E-mail') }}</mat-error>
          </mat-form-field>

          <fieldset>
            <legend>Role</legend>
            @if (isSelf) {
              <p class="fixed">You cannot change your own role; ask another admin.</p>
            }
            <mat-radio-group formControlName="role" aria-label="Role">
              <mat-radio-button value="staff">
                <span class="option-title">Staff</span>
                <span class="option-hint">Works with clients, documents and messages.</span>
              </mat-radio-button>
              <mat-radio-button value="admin">
                <span class="option-title">Admin</span>
                <span class="option-hint">Also manages staff and the firm's settings, and sees every engagement.</span>
              </mat-radio-button>
            </mat-radio-group>
          </fieldset>

          <fieldset>
            <legend>Engagement access</legend>
            <mat-radio-group formControlName="engagementAccess" aria-label="Engagement access">
              @for (option of accessOptions; track option.value) {
                <mat-radio-button [value]="option.value">
                  <span class="option-title">{{ option.label }}</span>
                  <span class="option-hint">{{ option.hint }}</span>
                </mat-radio-button>
              }
            </mat-radio-group>
          </fieldset>
        </div>
      </mat-dialog-content>
      <app-dialog-actions [busy]="submission.busy()" [label]="editing ? 'Save changes' : 'Add and send the e-mail'" busyLabel="Saving…" />
    </form>
  `,
  styles: `
    .intro {
      margin: 0 0 1rem;
      color: var(--mat-sys-on-surface-variant);
    }
    .form-stack {
      padding-top: 0.25rem;
    }
    fieldset {
      border: none;
      margin: 0;
      padding: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      font-weight: 600;
      margin-bottom: 0.25rem;
    }
    mat-radio-group {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    .option-title {
      display: block;
      font: var(--mat-sys-body-large);
      font-weight: 500;
    }
    .option-hint {
      display: block;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .fixed {
      margin: 0 0 0.25rem;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffMemberDialog {
  protected readonly data = inject<StaffMemberDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(IdentityApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  protected readonly editing = !!this.data.member;
  protected readonly isSelf = !!this.data.member && this.data.member.id === this.data.selfId;
  protected readonly errorText = errorText;
  protected readonly submission = new DialogSubmission<StaffMember>({ alert: this.alert, form: this.formElement }, true);
  protected readonly accessOptions = (['all', 'assigned'] as const).map((value) => ({ value, ...ENGAGEMENT_ACCESS[value] }));

  protected readonly form = this.fb.group({
    name: [this.data.member?.name ?? '', [Validators.required, Validators.minLength(2)]],
    email: [this.data.member?.email ?? '', [Validators.required, Validators.email]],
    role: [this.data.member?.role ?? ('staff' as 'admin' | 'staff')],
    engagementAccess: [this.data.member?.engagementAccess ?? ('all' as 'all' | 'assigned')],
  });

  constructor() {
    if (this.isSelf) this.form.controls.role.disable();
  }

  protected async save(): Promise<void> {
    await this.submission.save(this.form, () => {
      const value = this.form.getRawValue();
      const body = { ...value, name: value.name.trim(), email: value.email.trim() };
      return this.data.member
        ? this.api.updateStaffUser(this.data.member.id, this.isSelf ? { ...body, role: undefined } : body)
        : this.api.addStaffUser(body);
    });
  }
}
