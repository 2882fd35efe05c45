import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { SIGN_IN_NOTICES, isSignInNotice } from '../../account/audience';
import type { MfaSetup, SignInResult } from '../../core/api-types';
import { AuthService } from '../../core/auth.service';
import { FirmService } from '../../core/firm.service';
import { IdentityApi } from '../../core/identity-api';
import { matchesSibling } from '../../shared/forms';
import { Icon } from '../../shared/icon';
import { FormProblem, errorText, problemSlug } from '../ui/form-support';
import { safeReturnTo } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { StaffPublicPanel } from '../ui/public-panel';

const MIN_PASSWORD_LENGTH = 12;

type Step =
  | { kind: 'credentials' }
  | { kind: 'mfa'; challengeToken: string }
  | { kind: 'password'; challengeToken: string; reason: 'temporary' | 'expired' }
  | { kind: 'mfa-setup'; challengeToken: string; setup: MfaSetup | null }
  | { kind: 'recovery-codes'; codes: string[] };

/**
 * `/staff/sign-in`: e-mail and password, then whatever step the server asks for
 * (a two-step code, a new password in place of a temporary or expired one, or the
 * set-up of two-step verification), then the page the person came for.
 */
@Component({
  selector: 'app-staff-sign-in-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    Icon,
    ProblemAlert,
    StaffPublicPanel,
  ],
  template: `
    <app-staff-public-panel labelledBy="sign-in-title">
      @switch (step().kind) {
        @case ('credentials') {
          <h1 id="sign-in-title" tabindex="-1" #heading>Sign in to the staff area</h1>
          <p class="lede">For the people of {{ firmName() }}. Clients sign in on the <a routerLink="/">client portal</a>.</p>
          <div class="alert" [class.alert-success]="banner()?.tone === 'success'" [class.alert-info]="banner()?.tone === 'info'" role="status">@if (banner(); as n) {
            <app-icon [name]="n.tone === 'success' ? 'check' : 'info'" />
            <span>{{ n.text }}</span>
          }</div>
          <app-problem-alert [problem]="problem.alert()" [messages]="problem.unmatched()" />
          <form #formElement class="form-stack" [formGroup]="credentials" (ngSubmit)="signIn()" novalidate aria-labelledby="sign-in-title">
            <mat-form-field>
              <mat-label>E-mail</mat-label>
              <input matInput type="email" formControlName="email" autocomplete="username" data-testid="staff-sign-in-email" />
              <mat-error>{{ errorText(credentials.controls.email, 'E-mail') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Password</mat-label>
              <input matInput type="password" formControlName="password" autocomplete="current-password" data-testid="staff-sign-in-password" />
              <mat-error>{{ errorText(credentials.controls.password, 'Password') }}</mat-error>
            </mat-form-field>
            <div class="submit-row">
              <button mat-flat-button type="submit" [disabled]="busy()" data-testid="staff-sign-in-submit">
                {{ busy() ? 'Signing in…' : 'Sign in' }}
              </button>
              @if (busy()) {
                <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Signing in" />
              }
            </div>
          </form>
          <div class="below">
            <a routerLink="/staff/forgot-password">Forgot your password?</a>
          </div>
        }

        @case ('mfa') {
          <h1 id="sign-in-title" tabindex="-1" #heading>Two-step verification</h1>
          <p class="lede">
            @if (useRecoveryCode()) {
              Enter one of the recovery codes you saved when you set up two-step verification. Each code works once.
            } @else {
              Open your authenticator app and enter the 6-digit code it shows for this account.
            }
          </p>
          <app-problem-alert [problem]="problem.alert()" [messages]="problem.unmatched()" />
          <form #formElement class="form-stack" [formGroup]="mfa" (ngSubmit)="answerMfa()" novalidate aria-labelledby="sign-in-title">
            @if (useRecoveryCode()) {
              <mat-form-field>
                <mat-label>Recovery code</mat-label>
                <input matInput formControlName="recoveryCode" autocomplete="off" spellcheck="false" />
                <mat-error>{{ errorText(mfa.controls.recoveryCode, 'Recovery code') }}</mat-error>
              </mat-form-field>
            } @else {
              <mat-form-field>
                <mat-label>6-digit code</mat-label>
                <input matInput formControlName="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" />
                <mat-error>{{ errorText(mfa.controls.code, 'Code') }}</mat-error>
              </mat-form-field>
            }
            <div class="submit-row">
              <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Checking…' : 'Verify' }}</button>
              @if (busy()) {
                <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Checking the code" />
              }
            </div>
          </form>
          <div class="below">
            <button type="button" class="link-button" (click)="toggleRecoveryCode()">
              {{ useRecoveryCode() ? 'Use a code from the app instead' : 'Use a recovery code instead' }}
            </button>
            <button type="button" class="link-button" (click)="restart()">Start again</button>
          </div>
        }

        @case ('password') {
          <h1 id="sign-in-title" tabindex="-1" #heading>Choose a new password</h1>
          <p class="lede">
            {{ passwordReason() === 'expired'
              ? 'Your password has expired. Choose a new one to continue.'
              : 'You signed in with a temporary password. Choose your own password to continue.' }}
            Use at least {{ minPasswordLength }} characters; a short sentence is easy to remember and hard to guess.
          </p>
          <app-problem-alert [problem]="problem.alert()" [messages]="problem.unmatched()" />
          <form #formElement class="form-stack" [formGroup]="newPassword" (ngSubmit)="changePassword()" novalidate aria-labelledby="sign-in-title">
            <input type="email" class="visually-hidden" autocomplete="username" [value]="credentials.controls.email.value" tabindex="-1" aria-hidden="true" readonly />
            <mat-form-field>
              <mat-label>New password</mat-label>
              <input matInput type="password" formControlName="newPassword" autocomplete="new-password" data-testid="new-password" />
              <mat-hint>At least {{ minPasswordLength }} characters.</mat-hint>
              <mat-error>{{ errorText(newPassword.controls.newPassword, 'New password') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Confirm new password</mat-label>
              <input matInput type="password" formControlName="confirmPassword" autocomplete="new-password" data-testid="confirm-password" />
              <mat-error>{{ errorText(newPassword.controls.confirmPassword, 'Confirm new password') }}</mat-error>
            </mat-form-field>
            <div class="submit-row">
              <button mat-flat-button type="submit" [disabled]="busy()" data-testid="password-change-submit">
                {{ busy() ? 'Saving…' : 'Save and continue' }}
              </button>
              @if (busy()) {
                <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Saving your password" />
              }
            </div>
          </form>
          <div class="below">
            <button type="button" class="link-button" (click)="restart()">Start again</button>
          </div>
        }

        @case ('mfa-setup') {
          <h1 id="sign-in-title" tabindex="-1" #heading>Set up two-step verification</h1>
          <p class="lede">Your firm requires a code from an authenticator app at each sign-in. Add this account to your app with the key below, then enter the code it shows.</p>
          <app-problem-alert [problem]="problem.alert()" [messages]="problem.unmatched()" />
          @if (mfaSetup(); as setup) {
            <span class="form-section-title" id="secret-label">Key for your app</span>
            <code class="secret" aria-labelledby="secret-label">{{ setup.secret }}</code>
            <p class="lede"><a [href]="setup.otpauthUrl">Open in an authenticator app on this device</a></p>
            <form #formElement class="form-stack" [formGroup]="setupCode" (ngSubmit)="confirmSetup()" novalidate aria-labelledby="sign-in-title">
              <mat-form-field>
                <mat-label>6-digit code</mat-label>
                <input matInput formControlName="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" />
                <mat-error>{{ errorText(setupCode.controls.code, 'Code') }}</mat-error>
              </mat-form-field>
              <div class="submit-row">
                <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Checking…' : 'Turn on and continue' }}</button>
                @if (busy()) {
                  <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Checking the code" />
                }
              </div>
            </form>
          } @else if (!problem.problem()) {
            <mat-progress-spinner mode="indeterminate" diameter="32" aria-label="Preparing the set-up" />
          }
          <div class="below">
            <button type="button" class="link-button" (click)="restart()">Start again</button>
          </div>
        }

        @case ('recovery-codes') {
          <h1 id="sign-in-title" tabindex="-1" #heading>Save your recovery codes</h1>
          <p class="lede">If you lose your phone, each of these codes lets you sign in once instead of a code from the app. Keep them somewhere safe: they are shown only now.</p>
          <ul class="codes" aria-label="Recovery codes">
            @for (c of recoveryCodes(); track c) {
              <li>{{ c }}</li>
            }
          </ul>
          <button mat-flat-button type="button" (click)="continueAfterCodes()">I have saved them, continue</button>
        }
      }
    </app-staff-public-panel>
  `,
  styleUrl: '../ui/public-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffSignInPage {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  /** Where to go after signing in (a path on this site). */
  readonly returnTo = input<string | undefined>(undefined);
  /** `?ended=1`: the session ended (expired or revoked). */
  readonly ended = input<string | undefined>(undefined);
  /** `?activated=1`: after the activation page. */
  readonly activated = input<string | undefined>(undefined);
  /** `?reset=1`: after a password reset. */
  readonly reset = input<string | undefined>(undefined);
  /** `?signedOut=1`: after "Sign out". */
  readonly signedOut = input<string | undefined>(undefined);
  /** `?notice=…` from the shared account pages (password changed, signed out everywhere…). */
  readonly notice = input<string | undefined>(undefined);

  private readonly firmService = inject(FirmService);
  protected readonly firmName = computed(() => this.firmService.firm()?.name ?? 'your firm');
  protected readonly minPasswordLength = MIN_PASSWORD_LENGTH;
  protected readonly errorText = errorText;
  protected readonly problem = new FormProblem();
  protected readonly busy = signal(false);
  protected readonly step = signal<Step>({ kind: 'credentials' });
  protected readonly useRecoveryCode = signal(false);

  protected readonly banner = computed<{ tone: 'success' | 'info'; text: string } | null>(() => {
    const notice = this.notice();
    if (isSignInNotice(notice)) return { tone: notice.startsWith('password') ? 'success' : 'info', text: SIGN_IN_NOTICES[notice] };
    if (this.activated() === '1') return { tone: 'success', text: 'Password set. Sign in.' };
    if (this.reset() === '1') return { tone: 'success', text: 'Your password was changed. Sign in with your new password.' };
    if (this.signedOut() === '1') return { tone: 'info', text: 'You have signed out.' };
    if (this.ended() === '1') return { tone: 'info', text: 'Your session has ended. Sign in again to continue.' };
    return null;
  });
  protected readonly passwordReason = computed(() => {
    const s = this.step();
    return s.kind === 'password' ? s.reason : null;
  });
  protected readonly mfaSetup = computed(() => {
    const s = this.step();
    return s.kind === 'mfa-setup' ? s.setup : null;
  });
  protected readonly recoveryCodes = computed(() => {
    const s = this.step();
    return s.kind === 'recovery-codes' ? s.codes : [];
  });

  protected readonly credentials = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required]],
  });
  protected readonly mfa = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{6}\s*$/)]],
    recoveryCode: ['', [Validators.required]],
  });
  protected readonly newPassword = this.fb.group({
    newPassword: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
    confirmPassword: ['', [Validators.required, matchesSibling('newPassword')]],
  });
  protected readonly setupCode = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(/^\s*\d{6}\s*$/)]],
  });

  constructor() {
    this.newPassword.controls.newPassword.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.newPassword.controls.confirmPassword.updateValueAndValidity({ emitEvent: false });
    });
    this.mfa.controls.recoveryCode.disable();
    // Already signed in (e.g. the back button after signing in): carry on.
    if (this.auth.staffMe()) afterNextRender(() => void this.finish(), { injector: this.injector });
  }

  protected signIn(): Promise<void> {
    const { email, password } = this.credentials.getRawValue();
    return this.submit(this.credentials, () => this.api.signIn('staff', email.trim(), password));
  }

  protected answerMfa(): Promise<void> {
    const s = this.step();
    if (s.kind !== 'mfa') return Promise.resolve();
    const answer = this.useRecoveryCode()
      ? { recoveryCode: this.mfa.controls.recoveryCode.value.trim() }
      : { code: this.mfa.controls.code.value.trim() };
    return this.submit(this.mfa, () => this.api.answerMfa('staff', s.challengeToken, answer));
  }

  protected changePassword(): Promise<void> {
    const s = this.step();
    if (s.kind !== 'password') return Promise.resolve();
    return this.submit(this.newPassword, () =>
      this.api.answerPasswordChange('staff', s.challengeToken, this.newPassword.controls.newPassword.value),
    );
  }

  protected confirmSetup(): Promise<void> {
    const s = this.step();
    if (s.kind !== 'mfa-setup') return Promise.resolve();
    return this.submit(this.setupCode, () => this.api.confirmMfaSetup('staff', s.challengeToken, this.setupCode.controls.code.value.trim()));
  }

  protected toggleRecoveryCode(): void {
    const recovery = !this.useRecoveryCode();
    this.useRecoveryCode.set(recovery);
    this.problem.clear();
    const { code, recoveryCode } = this.mfa.controls;
    const [on, off] = recovery ? [recoveryCode, code] : [code, recoveryCode];
    on.reset();
    on.enable();
    off.disable();
    afterNextRender(() => this.formElement()?.nativeElement.querySelector('input')?.focus(), { injector: this.injector });
  }

  protected restart(): void {
    this.problem.clear();
    this.credentials.controls.password.reset();
    this.goTo({ kind: 'credentials' });
  }

  protected continueAfterCodes(): Promise<void> {
    return this.finish();
  }

  private async submit(form: FormGroup, call: () => ReturnType<IdentityApi['signIn']>): Promise<void> {
    if (this.busy()) return;
    this.problem.clear();
    if (form.invalid) {
      form.markAllAsTouched();
      this.problem.focus(this.injector, undefined, this.formElement()?.nativeElement);
      return;
    }
    this.busy.set(true);
    try {
      await this.handle(await firstValueFrom(call()));
    } catch (error: unknown) {
      const problem = this.problem.take(error, form);
      if (problemSlug(problem) === 'challenge-expired' && this.step().kind !== 'credentials') {
        this.credentials.controls.password.reset();
        this.goTo({ kind: 'credentials' }, false);
      }
      this.problem.focus(this.injector, this.alert(), this.formElement()?.nativeElement);
    } finally {
      this.busy.set(false);
    }
  }

  private async handle(result: SignInResult): Promise<void> {
    const token = result.challengeToken ?? '';
    switch (result.status) {
      case 'signed-in':
        if (!(await this.auth.accept('staff', result))) {
          throw new Error('signed in, but the staff profile could not be loaded');
        }
        if (result.recoveryCodes?.length) this.goTo({ kind: 'recovery-codes', codes: result.recoveryCodes });
        else await this.finish();
        return;
      case 'mfa-required':
        this.mfa.reset();
        this.goTo({ kind: 'mfa', challengeToken: token });
        return;
      case 'password-change-required':
        this.newPassword.reset();
        this.goTo({ kind: 'password', challengeToken: token, reason: result.reason ?? 'temporary' });
        return;
      case 'mfa-setup-required': {
        this.setupCode.reset();
        this.goTo({ kind: 'mfa-setup', challengeToken: token, setup: null });
        const setup = await firstValueFrom(this.api.beginMfaSetup('staff', token));
        this.step.set({ kind: 'mfa-setup', challengeToken: token, setup });
        return;
      }
    }
  }

  private goTo(step: Step, focusHeading = true): void {
    this.step.set(step);
    if (focusHeading) afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
  }

  private async finish(): Promise<void> {
    await this.router.navigateByUrl(safeReturnTo(this.returnTo()) ?? '/staff', { replaceUrl: true });
  }
}
