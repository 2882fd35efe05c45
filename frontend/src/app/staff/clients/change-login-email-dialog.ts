import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

import type { PortalAccess } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { DialogActions, DialogSubmission } from '../ui/form-dialog';
import { errorText } from '../ui/form-support';
import { ProblemAlert } from '../ui/problem-alert';

export interface ChangeLoginEmailData {
  contactId: string;
  name: string;
  currentLogin: string;
  /** The contact's other addresses, offered as suggestions. */
  suggestions: string[];
}

/** Change a client's login e-mail: a verification link goes to the new address. Closes with the new access view. */
@Component({
  selector: 'app-change-login-email-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, DialogActions, ProblemAlert],
  template: `
    <h2 mat-dialog-title>Change login e-mail</h2>
    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Change login e-mail">
      <mat-dialog-content>
        <p>{{ data.name }} signs in with <strong>{{ data.currentLogin }}</strong>.</p>
        <p class="muted">
          We e-mail a verification link to the new address. The login changes only when {{ data.name }} opens that link; until then
          the current address keeps working. Everything shared with them stays as it is.
        </p>
        <app-problem-alert [problem]="submission.alertProblem()" [messages]="submission.unmatched()" />
        <mat-form-field class="full">
          <mat-label>New login e-mail</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="off" [attr.list]="data.suggestions.length ? 'login-suggestions' : null" data-testid="new-login-email" />
          <mat-error>{{ errorText(form.controls.email, 'E-mail') }}</mat-error>
        </mat-form-field>
        @if (data.suggestions.length) {
          <datalist id="login-suggestions">
            @for (s of data.suggestions; track s) {
              <option [value]="s"></option>
            }
          </datalist>
          <p class="muted small">Their other addresses: {{ data.suggestions.join(', ') }}</p>
        }
      </mat-dialog-content>
      <app-dialog-actions [busy]="submission.busy()" label="Send verification link" busyLabel="Sending…" submitTestId="change-login-email-submit" />
    </form>
  `,
  styles: `
    p {
      margin: 0 0 0.75rem;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .small {
      font: var(--mat-sys-body-small);
    }
    .full {
      width: 100%;
      margin-top: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangeLoginEmailDialog {
  protected readonly data = inject<ChangeLoginEmailData>(MAT_DIALOG_DATA);
  private readonly api = inject(IdentityApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  protected readonly errorText = errorText;
  protected readonly submission = new DialogSubmission<PortalAccess>({ alert: this.alert, form: this.formElement });
  protected readonly form = this.fb.group({ email: ['', [Validators.required, Validators.email]] });

  protected async save(): Promise<void> {
    await this.submission.save(this.form, () => this.api.changeLoginEmail(this.data.contactId, this.form.controls.email.value.trim()));
  }
}
