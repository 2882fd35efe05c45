import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { Audience } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { IdentityApi } from '../core/identity-api';
import { linkRefusal } from '../core/problem';
import { fieldErrorText } from '../shared/field-errors';
import { FormSubmission } from '../shared/form-submission';
import { matchesSibling, recheckOnChange } from '../shared/forms';
import { Icon } from '../shared/icon';
import { ProblemAlert } from '../shared/problem-alert';
import { SubmitRow } from '../shared/submit-row';
import { MIN_PASSWORD_FLOOR, audiencePaths } from './audience';
import { AuthFrame } from './auth-frame';

type LinkState = 'ok' | 'missing' | 'invalid' | 'expired';

/** `/reset-password?token=…`: the link from the "Need help?" e-mail; a new password, then every session ends. */
@Component({
  selector: 'app-reset-password-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    AuthFrame,
    Icon,
    ProblemAlert,
    SubmitRow,
  ],
  template: `
    <app-auth-frame [audience]="audience()">
      <h1 #heading id="reset-title" tabindex="-1">{{ title() }}</h1>
      @if (doneMessage(); as message) {
        <div class="alert alert-success" role="status" data-testid="reset-done">
          <app-icon name="check" />
          <p class="alert-text">{{ message }}</p>
        </div>
        <p class="muted">For your safety, every device that was signed in has been signed out.</p>
        <div class="actions">
          <a mat-flat-button [routerLink]="paths().signIn" data-testid="reset-sign-in">Sign in</a>
        </div>
      } @else if (linkState() !== 'ok') {
        <div class="alert alert-error" role="alert" data-testid="reset-link-problem">
          <app-icon name="error" />
          <p class="alert-text">{{ linkMessage() }}</p>
        </div>
        <div class="actions">
          <a mat-flat-button [routerLink]="paths().forgotPassword">Send me a new link</a>
          <a mat-button [routerLink]="paths().signIn">Back to sign in</a>
        </div>
      } @else {
        <p class="lede">Use at least {{ minPasswordLength }} characters; a short sentence is easy to remember and hard to guess. Afterwards you sign in with the new password.</p>
        <app-problem-alert [problem]="submission.problem()" [messages]="submission.unmatched()" />
        <form #formElement class="form-stack" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="reset-title">
          <mat-form-field>
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" data-testid="reset-password" />
            <mat-hint>At least {{ minPasswordLength }} characters.</mat-hint>
            <mat-error>{{ errorText(form.controls.password, 'New password') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Confirm new password</mat-label>
            <input matInput type="password" formControlName="confirmPassword" autocomplete="new-password" data-testid="reset-confirm" />
            <mat-error>{{ errorText(form.controls.confirmPassword, 'Confirm new password') }}</mat-error>
          </mat-form-field>
          <app-submit-row [busy]="submission.busy()" label="Save new password" busyLabel="Saving…" spinnerLabel="Saving your new password" testId="reset-submit" />
        </form>
      }
    </app-auth-frame>
  `,
  styleUrl: './auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPage {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  /** Route data: whose password this is. */
  readonly audience = input<Audience>('client');
  /** `?token=`: the single-use reset token from the e-mail. */
  readonly token = input<string | undefined>(undefined);
  private readonly tokenValue = computed(() => (this.token() ?? '').trim());

  protected readonly paths = computed(() => audiencePaths(this.audience()));
  protected readonly minPasswordLength = MIN_PASSWORD_FLOOR;
  protected readonly errorText = fieldErrorText;
  /** What the server said about the link once it was tried (it is only checked on submit). */
  private readonly refused = signal<'invalid' | 'expired' | null>(null);
  protected readonly linkState = computed<LinkState>(() => (this.tokenValue() ? (this.refused() ?? 'ok') : 'missing'));
  protected readonly linkMessage = computed(() => {
    switch (this.linkState()) {
      case 'missing':
        return 'This reset link is incomplete: it has no token. Open the link exactly as you received it, or ask for a new one.';
      case 'expired':
        return 'This reset link has expired: reset links work for 30 minutes. Ask for a new one.';
      default:
        return 'This reset link is not valid or has already been used (each link works once). Ask for a new one.';
    }
  });
  protected readonly doneMessage = signal<string | null>(null);
  protected readonly title = computed(() => {
    if (this.doneMessage()) return 'Password changed';
    switch (this.linkState()) {
      case 'ok':
        return 'Choose a new password';
      case 'expired':
        return 'This reset link has expired';
      default:
        return 'This reset link does not work';
    }
  });
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });

  protected readonly form = this.fb.group({
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_FLOOR), Validators.maxLength(256)]],
    confirmPassword: ['', [Validators.required, matchesSibling('password')]],
  });

  constructor() {
    recheckOnChange(this.form.controls.password, this.form.controls.confirmPassword);
  }

  protected async submit(): Promise<void> {
    await this.submission.run(
      this.form,
      async () => {
        const answer = await firstValueFrom(this.api.resetPassword(this.audience(), this.tokenValue(), this.form.controls.password.value));
        // Every session ended on the server, including any in this browser.
        this.auth.forget(this.audience());
        this.doneMessage.set(answer.message);
        this.focusHeading();
      },
      {
        onError: (problem) => {
          const refusal = linkRefusal(problem);
          if (!refusal) return false;
          this.refused.set(refusal);
          this.focusHeading();
          return true;
        },
      },
    );
  }

  private focusHeading(): void {
    this.submission.afterRender(() => this.heading()?.nativeElement.focus());
  }
}
