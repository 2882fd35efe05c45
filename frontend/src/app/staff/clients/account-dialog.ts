import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

import type { ClientAccountDetail } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { DialogActions, DialogSubmission } from '../ui/form-dialog';
import { errorText } from '../ui/form-support';
import { ProblemAlert } from '../ui/problem-alert';
import { ClientKindField } from './client-kind-field';

/** Renames a client account or changes its kind. Closes with the saved account. */
@Component({
  selector: 'app-account-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, ClientKindField, DialogActions, ProblemAlert],
  template: `
    <h2 mat-dialog-title>Edit account</h2>
    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Edit account">
      <mat-dialog-content>
        <app-problem-alert [problem]="submission.alertProblem()" [messages]="submission.unmatched()" />
        <app-client-kind-field [control]="form.controls.kind" />
        <mat-form-field class="full">
          <mat-label>Account name</mat-label>
          <input matInput formControlName="name" autocomplete="off" />
          <mat-error>{{ errorText(form.controls.name, 'Account name') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <app-dialog-actions [busy]="submission.busy()" label="Save" busyLabel="Saving…" [spinner]="false" />
    </form>
  `,
  styles: `
    app-client-kind-field {
      margin-top: 0.25rem;
    }
    .full {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountDialog {
  private readonly account = inject<ClientAccountDetail>(MAT_DIALOG_DATA);
  private readonly api = inject(IdentityApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  protected readonly errorText = errorText;
  protected readonly submission = new DialogSubmission<ClientAccountDetail>({ alert: this.alert, form: this.formElement });
  protected readonly form = this.fb.group({
    kind: [this.account.kind],
    name: [this.account.name, [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
  });

  protected async save(): Promise<void> {
    await this.submission.save(this.form, () => {
      const v = this.form.getRawValue();
      return this.api.updateAccount(this.account.id, { name: v.name.trim(), kind: v.kind });
    });
  }
}
