import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { Audience } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { IdentityApi } from '../core/identity-api';
import { fieldErrorText } from '../shared/field-errors';
import { FormSubmission } from '../shared/form-submission';
import { matchesSibling, recheckOnChange } from '../shared/forms';
import { Icon } from '../shared/icon';
import { ProblemAlert } from '../shared/problem-alert';
import { SubmitRow } from '../shared/submit-row';
import { MIN_PASSWORD_FLOOR, audiencePaths } from './audience';

/** Change the password. The server then ends every session, this one included: on to sign in again. */
@Component({
  selector: 'app-password-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, Icon, ProblemAlert, SubmitRow],
  template: `
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title">Change password</h2>
      <p class="lede">
        Afterwards every device signed in to your account is signed out, this one too, and you sign in again with the new password.
      </p>
      <div class="alert alert-info">
        <app-icon name="info" />
        <p class="alert-text">Use at least {{ minPasswordLength }} characters. A short sentence is easy to remember and hard to guess; avoid your name and passwords you use elsewhere.</p>
      </div>
      <app-problem-alert [problem]="submission.problem()" [messages]="submission.unmatched()" />

      <form #formElement class="form-stack" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="password-title">
        <!-- For password managers: which account this password belongs to. -->
        <input class="visually-hidden" type="email" autocomplete="username" [value]="email()" readonly tabindex="-1" aria-hidden="true" />
        <mat-form-field>
          <mat-label>Current password</mat-label>
          <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" data-testid="current-password" />
          <mat-error>{{ errorText(form.controls.currentPassword, 'Current password') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>New password</mat-label>
          <input matInput type="password" formControlName="newPassword" autocomplete="new-password" data-testid="new-password" />
          <mat-hint>At least {{ minPasswordLength }} characters.</mat-hint>
          <mat-error>{{ errorText(form.controls.newPassword, 'New password') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Confirm new password</mat-label>
          <input matInput type="password" formControlName="confirmPassword" autocomplete="new-password" data-testid="confirm-password" />
          <mat-error>{{ errorText(form.controls.confirmPassword, 'Confirm new password') }}</mat-error>
        </mat-form-field>
        <app-submit-row [busy]="submission.busy()" label="Change password" busyLabel="Changing…" spinnerLabel="Changing your password" testId="change-password-submit" />
      </form>
    </section>
  `,
  styleUrl: './account-page.scss',
  styles: `
    .alert-info {
      max-width: 30rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordPage {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  /** Route data: whose account this is. */
  readonly audience = input<Audience>('client');

  protected readonly email = computed(() => this.auth.me(this.audience())?.email ?? '');
  protected readonly minPasswordLength = MIN_PASSWORD_FLOOR;
  protected readonly errorText = fieldErrorText;
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });

  protected readonly form = this.fb.group({
    currentPassword: ['', [Validators.required, Validators.maxLength(256)]],
    newPassword: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_FLOOR), Validators.maxLength(256)]],
    confirmPassword: ['', [Validators.required, matchesSibling('newPassword')]],
  });

  constructor() {
    recheckOnChange(this.form.controls.newPassword, this.form.controls.confirmPassword);
  }

  protected async submit(): Promise<void> {
    await this.submission.run(
      this.form,
      async () => {
        const { currentPassword, newPassword } = this.form.getRawValue();
        await firstValueFrom(this.api.changePassword(this.audience(), currentPassword, newPassword));
        // The server ended every session, this one included.
        this.auth.forget(this.audience());
        await this.router.navigate([audiencePaths(this.audience()).signIn], {
          queryParams: { notice: 'password-changed' },
          replaceUrl: true,
        });
      },
      { keepBusy: true },
    );
  }
}
