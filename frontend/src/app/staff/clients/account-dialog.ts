import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { firstValueFrom } from 'rxjs';

import type { ClientAccountDetail } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { FormProblem, errorText } from '../ui/form-support';
import { ProblemAlert } from '../ui/problem-alert';

/** Renames a client account or changes its kind. Closes with the saved account. */
@Component({
  selector: 'app-account-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatButtonToggleModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, ProblemAlert],
  template: `
    <h2 mat-dialog-title>Edit account</h2>
    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Edit account">
      <mat-dialog-content>
        <app-problem-alert [problem]="problem.alert()" [messages]="problem.unmatched()" />
        <div class="kind" role="group" aria-labelledby="edit-kind-label">
          <span id="edit-kind-label" class="kind-label">The client is</span>
          <mat-button-toggle-group formControlName="kind" aria-labelledby="edit-kind-label" hideSingleSelectionIndicator>
            <mat-button-toggle value="person">A person</mat-button-toggle>
            <mat-button-toggle value="household">A household</mat-button-toggle>
            <mat-button-toggle value="company">A company</mat-button-toggle>
          </mat-button-toggle-group>
        </div>
        <mat-form-field class="full">
          <mat-label>Account name</mat-label>
          <input matInput formControlName="name" autocomplete="off" />
          <mat-error>{{ errorText(form.controls.name, 'Account name') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save' }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .kind {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      margin: 0.25rem 0 1rem;
    }
    .kind-label {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .full {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountDialog {
  private readonly account = inject<ClientAccountDetail>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<AccountDialog, ClientAccountDetail>);
  private readonly api = inject(IdentityApi);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  protected readonly errorText = errorText;
  protected readonly problem = new FormProblem();
  protected readonly busy = signal(false);
  protected readonly form = this.fb.group({
    kind: [this.account.kind],
    name: [this.account.name, [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
  });

  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.problem.clear();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.problem.focus(this.injector, undefined, this.formElement()?.nativeElement);
      return;
    }
    this.busy.set(true);
    const v = this.form.getRawValue();
    try {
      this.ref.close(await firstValueFrom(this.api.updateAccount(this.account.id, { name: v.name.trim(), kind: v.kind })));
    } catch (error: unknown) {
      this.problem.take(error, this.form);
      this.problem.focus(this.injector, this.alert(), this.formElement()?.nativeElement);
    } finally {
      this.busy.set(false);
    }
  }
}
