import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { type Observable, firstValueFrom } from 'rxjs';

import type { Audience, MfaSetup, SignInResult } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { IdentityApi } from '../core/identity-api';
import { problemSlug } from '../core/problem';
import { fieldErrorText } from '../shared/field-errors';
import { FormSubmission } from '../shared/form-submission';
import { matchesSibling, recheckOnChange } from '../shared/forms';
import { ProblemAlert } from '../shared/problem-alert';
import { SubmitRow } from '../shared/submit-row';
import { MIN_PASSWORD_FLOOR } from './audience';
import { MfaSecret } from './mfa-secret';
import { OTP_VALIDATORS, OtpCodeField, otpDigits } from './otp-code-field';
import { RecoveryCodes } from './recovery-codes';

type Step =
  | { readonly kind: 'mfa'; readonly challengeToken: string }
  | { readonly kind: 'password'; readonly challengeToken: string; readonly reason: 'temporary' | 'expired' | null }
  | { readonly kind: 'mfa-setup'; readonly challengeToken: string }
  | { readonly kind: 'recovery-codes'; readonly codes: string[] };

function stepFor(result: SignInResult): Step | null {
  const challengeToken = result.challengeToken ?? '';
  switch (result.status) {
    case 'mfa-required':
      return { kind: 'mfa', challengeToken };
    case 'password-change-required':
      return { kind: 'password', challengeToken, reason: result.reason === 'temporary' || result.reason === 'expired' ? result.reason : null };
    case 'mfa-setup-required':
      return { kind: 'mfa-setup', challengeToken };
    default:
      return null;
  }
}

/**
 * The steps after the password that a sign-in (or an accepted invitation) may
 * ask for: the two-step code (or a recovery code), a new password (temporary or
 * expired), the two-step set-up the firm requires, then the recovery codes once.
 * Starts from the first answer that was not `signed-in`; ends with the session
 * kept in `AuthService` and `completed`.
 */
@Component({
  selector: 'app-sign-in-steps',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    ProblemAlert,
    MfaSecret,
    OtpCodeField,
    RecoveryCodes,
    SubmitRow,
  ],
  templateUrl: './sign-in-steps.html',
  styleUrls: ['./auth-page.scss', './sign-in-steps.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInSteps {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly formDirective = viewChild(FormGroupDirective);
  private readonly alert = viewChild(ProblemAlert);
  protected readonly firmService = inject(FirmService);

  readonly audience = input.required<Audience>();
  /** The answer that asked for a further step (sign-in or invitation acceptance). */
  readonly start = input.required<SignInResult>();
  /** Signed in (and the recovery codes, if any, acknowledged). */
  readonly completed = output<void>();
  /** Back to e-mail and password (asked for, or the step expired). */
  readonly restart = output<void>();

  protected readonly step = linkedSignal<Step | null>(() => stepFor(this.start()));
  protected readonly setup = signal<MfaSetup | null>(null);
  protected readonly useRecoveryCode = signal(false);
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });
  /** The challenge token ran out (10 minutes) or was refused: only starting again helps. */
  protected readonly expired = computed(() => problemSlug(this.submission.problem()) === 'challenge-expired');
  protected readonly minPasswordLength = MIN_PASSWORD_FLOOR;
  protected readonly firmName = computed(() => this.firmService.firm()?.name ?? 'your firm');
  protected readonly errorText = fieldErrorText;

  /** The app's code, or (switched) a recovery code: the other control is disabled. */
  protected readonly codeForm = this.fb.group({
    code: ['', OTP_VALIDATORS],
    recoveryCode: [{ value: '', disabled: true }, [Validators.required, Validators.minLength(8), Validators.maxLength(40)]],
  });
  protected readonly passwordForm = this.fb.group({
    newPassword: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_FLOOR), Validators.maxLength(256)]],
    confirmPassword: ['', [Validators.required, matchesSibling('newPassword')]],
  });

  constructor() {
    recheckOnChange(this.passwordForm.controls.newPassword, this.passwordForm.controls.confirmPassword);
    // Each new step starts clean, fetches what it needs, and takes the focus to its heading.
    effect(() => {
      const step = this.step();
      untracked(() => this.enter(step));
    });
  }

  private enter(step: Step | null): void {
    this.submission.clear();
    this.setRecoveryMode(false);
    this.codeForm.reset();
    this.passwordForm.reset();
    if (step?.kind === 'mfa-setup') void this.loadSetup(step.challengeToken);
    this.submission.afterRender(() => this.heading()?.nativeElement.focus());
  }

  protected async loadSetup(challengeToken: string): Promise<void> {
    this.setup.set(null);
    this.submission.problem.set(null);
    try {
      this.setup.set(await firstValueFrom(this.api.beginMfaSetup(this.audience(), challengeToken)));
    } catch (error: unknown) {
      this.submission.fail(error);
    }
  }

  private setRecoveryMode(on: boolean): void {
    this.useRecoveryCode.set(on);
    const { code, recoveryCode } = this.codeForm.controls;
    (on ? code : recoveryCode).disable();
    (on ? recoveryCode : code).enable();
  }

  protected toggleRecoveryCode(): void {
    // A fresh, unsubmitted form: the other field must not open with "required" in red.
    this.formDirective()?.resetForm();
    this.setRecoveryMode(!this.useRecoveryCode());
    this.submission.clear();
    this.submission.afterRender(() => this.formElement()?.nativeElement.querySelector<HTMLInputElement>('input')?.focus());
  }

  protected async submitCode(): Promise<void> {
    const step = this.step();
    if (!step || (step.kind !== 'mfa' && step.kind !== 'mfa-setup')) return;
    const recovery = step.kind === 'mfa' && this.useRecoveryCode();
    const { code, recoveryCode } = this.codeForm.controls;
    await this.submission.run(
      this.codeForm,
      () =>
        this.proceed(
          step.kind === 'mfa-setup'
            ? this.api.confirmMfaSetup(this.audience(), step.challengeToken, otpDigits(code.value))
            : this.api.answerMfa(
                this.audience(),
                step.challengeToken,
                recovery ? { recoveryCode: recoveryCode.value.trim() } : { code: otpDigits(code.value) },
              ),
        ),
      // A refused app code cannot be corrected, only replaced by the next one the app shows.
      { onError: recovery ? undefined : () => code.reset() },
    );
  }

  protected async submitPassword(): Promise<void> {
    const step = this.step();
    if (step?.kind !== 'password') return;
    await this.submission.run(this.passwordForm, () =>
      this.proceed(this.api.answerPasswordChange(this.audience(), step.challengeToken, this.passwordForm.controls.newPassword.value)),
    );
  }

  protected finish(): void {
    this.completed.emit();
  }

  /** The next step the server asks for, or signed in: the recovery codes to save, if any, else done. */
  private async proceed(call: Observable<SignInResult>): Promise<void> {
    const result = await firstValueFrom(call);
    if (result.status !== 'signed-in') {
      this.step.set(stepFor(result));
    } else {
      await this.auth.accept(this.audience(), result);
      if (result.recoveryCodes?.length) this.step.set({ kind: 'recovery-codes', codes: result.recoveryCodes });
      else this.completed.emit();
    }
  }
}
