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
  linkedSignal,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type AbstractControl, type FormGroup, FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { type Observable, firstValueFrom } from 'rxjs';

import type { Audience, MfaSetup, Problem, SignInResult } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { IdentityApi } from '../core/identity-api';
import { toProblem } from '../core/problem';
import { fieldErrorText } from '../shared/field-errors';
import { applyProblemToForm, focusFirstInvalid, matchesSibling } from '../shared/forms';
import { ProblemAlert, problemSlug } from '../shared/problem-alert';
import { MIN_PASSWORD_FLOOR } from './audience';
import { MfaSecret } from './mfa-secret';
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

/** Six digits, optionally split 3 + 3 by a space (as apps show them). */
export const OTP_PATTERN = /^\s*\d{3}\s?\d{3}\s*$/;

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
    RecoveryCodes,
  ],
  templateUrl: './sign-in-steps.html',
  styleUrls: ['./auth-page.scss', './sign-in-steps.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInSteps {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly injector = inject(Injector);
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
  protected readonly submitting = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly unmatchedMessages = signal<string[]>([]);
  /** The challenge token ran out (10 minutes) or was refused: only starting again helps. */
  protected readonly expired = computed(() => problemSlug(this.problem()) === 'challenge-expired');
  protected readonly minPasswordLength = MIN_PASSWORD_FLOOR;
  protected readonly firmName = computed(() => this.firmService.firm()?.name ?? 'your firm');

  /** The app's code, or (switched) a recovery code: the other control is disabled. */
  protected readonly codeForm = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(OTP_PATTERN)]],
    recoveryCode: [{ value: '', disabled: true }, [Validators.required, Validators.minLength(8), Validators.maxLength(40)]],
  });
  protected readonly passwordForm = this.fb.group({
    newPassword: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_FLOOR), Validators.maxLength(256)]],
    confirmPassword: ['', [Validators.required, matchesSibling('newPassword')]],
  });

  constructor() {
    this.passwordForm.controls.newPassword.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.passwordForm.controls.confirmPassword.updateValueAndValidity({ emitEvent: false });
    });
    // Each new step starts clean, fetches what it needs, and takes the focus to its heading.
    effect(() => {
      const step = this.step();
      untracked(() => this.enter(step));
    });
  }

  private enter(step: Step | null): void {
    this.problem.set(null);
    this.unmatchedMessages.set([]);
    this.setRecoveryMode(false);
    this.codeForm.reset();
    this.passwordForm.reset();
    if (step?.kind === 'mfa-setup') void this.loadSetup(step.challengeToken);
    afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async loadSetup(challengeToken: string): Promise<void> {
    this.setup.set(null);
    this.problem.set(null);
    try {
      this.setup.set(await firstValueFrom(this.api.beginMfaSetup(this.audience(), challengeToken)));
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
      this.afterRender(() => this.alert()?.focus());
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
    this.problem.set(null);
    this.unmatchedMessages.set([]);
    this.afterRender(() => this.formElement()?.nativeElement.querySelector<HTMLInputElement>('input')?.focus());
  }

  protected async submitCode(): Promise<void> {
    const step = this.step();
    if (this.submitting() || !step || (step.kind !== 'mfa' && step.kind !== 'mfa-setup')) return;
    const recovery = step.kind === 'mfa' && this.useRecoveryCode();
    if (!this.validate(this.codeForm)) return;
    const code = this.codeForm.controls.code.value.replace(/\s+/g, '');
    const call =
      step.kind === 'mfa-setup'
        ? this.api.confirmMfaSetup(this.audience(), step.challengeToken, code)
        : this.api.answerMfa(
            this.audience(),
            step.challengeToken,
            recovery ? { recoveryCode: this.codeForm.controls.recoveryCode.value.trim() } : { code },
          );
    // A refused app code cannot be corrected, only replaced by the next one the app shows.
    await this.run(this.codeForm, call, recovery ? undefined : () => this.codeForm.controls.code.reset());
  }

  protected async submitPassword(): Promise<void> {
    const step = this.step();
    if (this.submitting() || step?.kind !== 'password' || !this.validate(this.passwordForm)) return;
    await this.run(
      this.passwordForm,
      this.api.answerPasswordChange(this.audience(), step.challengeToken, this.passwordForm.controls.newPassword.value),
    );
  }

  protected finish(): void {
    this.completed.emit();
  }

  private validate(form: FormGroup): boolean {
    this.problem.set(null);
    this.unmatchedMessages.set([]);
    if (form.valid) return true;
    form.markAllAsTouched();
    this.afterRender(() => this.focusInvalidField());
    return false;
  }

  private async run(form: FormGroup, call: Observable<SignInResult>, onError?: () => void): Promise<void> {
    this.submitting.set(true);
    try {
      const result = await firstValueFrom(call);
      if (result.status === 'signed-in') {
        await this.auth.accept(this.audience(), result);
        if (result.recoveryCodes?.length) {
          this.step.set({ kind: 'recovery-codes', codes: result.recoveryCodes });
        } else {
          this.completed.emit();
        }
      } else {
        this.step.set(stepFor(result));
      }
    } catch (error: unknown) {
      const problem = toProblem(error);
      onError?.();
      this.unmatchedMessages.set(applyProblemToForm(form, problem));
      this.problem.set(problem);
      this.afterRender(() => (this.alert()?.shown ? this.alert()?.focus() : this.focusInvalidField()));
    } finally {
      this.submitting.set(false);
    }
  }

  protected errorText(control: AbstractControl, label: string): string {
    return fieldErrorText(control, label, {
      pattern: 'Enter the 6 digits your authenticator app shows.',
    });
  }

  private focusInvalidField(): void {
    const form = this.formElement()?.nativeElement;
    if (form) focusFirstInvalid(form);
  }

  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
