import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { Audience, Problem } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { IdentityApi } from '../core/identity-api';
import { toProblem } from '../core/problem';
import { fieldErrorText } from '../shared/field-errors';
import { applyProblemToForm, focusFirstInvalid, matchesSibling } from '../shared/forms';
import { Icon } from '../shared/icon';
import { ProblemAlert } from '../shared/problem-alert';
import { MIN_PASSWORD_FLOOR, audiencePaths } from './audience';

/** Change the password. The server then ends every session, this one included: on to sign in again. */
@Component({
  selector: 'app-password-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, Icon, ProblemAlert],
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
      <app-problem-alert [problem]="problem()" [messages]="unmatchedMessages()" />

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
        <div class="submit-row">
          <button mat-flat-button type="submit" [disabled]="submitting()" data-testid="change-password-submit">
            {{ submitting() ? 'Changing…' : 'Change password' }}
          </button>
          @if (submitting()) {
            <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Changing your password" />
          }
        </div>
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
  private readonly injector = inject(Injector);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  /** Route data: whose account this is. */
  readonly audience = input<Audience>('client');

  protected readonly email = computed(() => this.auth.me(this.audience())?.email ?? '');
  protected readonly minPasswordLength = MIN_PASSWORD_FLOOR;
  protected readonly submitting = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly unmatchedMessages = signal<string[]>([]);

  protected readonly form = this.fb.group({
    currentPassword: ['', [Validators.required, Validators.maxLength(256)]],
    newPassword: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_FLOOR), Validators.maxLength(256)]],
    confirmPassword: ['', [Validators.required, matchesSibling('newPassword')]],
  });

  constructor() {
    this.form.controls.newPassword.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.form.controls.confirmPassword.updateValueAndValidity({ emitEvent: false });
    });
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    this.problem.set(null);
    this.unmatchedMessages.set([]);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.afterRender(() => this.focusInvalidField());
      return;
    }
    this.submitting.set(true);
    const { currentPassword, newPassword } = this.form.getRawValue();
    try {
      await firstValueFrom(this.api.changePassword(this.audience(), currentPassword, newPassword));
      // The server ended every session, this one included.
      this.auth.forget(this.audience());
      await this.router.navigate([audiencePaths(this.audience()).signIn], {
        queryParams: { notice: 'password-changed' },
        replaceUrl: true,
      });
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.unmatchedMessages.set(applyProblemToForm(this.form, problem));
      this.problem.set(problem);
      this.submitting.set(false);
      this.afterRender(() => (this.alert()?.shown ? this.alert()?.focus() : this.focusInvalidField()));
    }
  }

  protected errorText(control: AbstractControl, label: string): string {
    return fieldErrorText(control, label);
  }

  private focusInvalidField(): void {
    const form = this.formElement()?.nativeElement;
    if (form) focusFirstInvalid(form);
  }

  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
