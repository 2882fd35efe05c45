import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, type OnInit, computed, inject, input, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { Audience, SignInResult } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { IdentityApi } from '../core/identity-api';
import { fieldErrorText } from '../shared/field-errors';
import { FormSubmission } from '../shared/form-submission';
import { Icon } from '../shared/icon';
import { ProblemAlert } from '../shared/problem-alert';
import { safeReturnPath } from '../shared/return-to';
import { SubmitRow } from '../shared/submit-row';
import { SIGN_IN_NOTICES, audiencePaths, isSignInNotice } from './audience';
import { AuthFrame } from './auth-frame';
import { SignInSteps } from './sign-in-steps';

/**
 * `/sign-in` (portal) or `/staff/sign-in` (route data `audience`): e-mail and
 * password, then whatever steps the server asks for; afterwards to `?returnTo=`
 * (a path on this site) or the audience's home.
 */
@Component({
  selector: 'app-sign-in-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    AuthFrame,
    Icon,
    ProblemAlert,
    SignInSteps,
    SubmitRow,
  ],
  template: `
    <app-auth-frame [audience]="audience()">
      @if (challenge(); as c) {
        <app-sign-in-steps [audience]="audience()" [start]="c" (completed)="goOn()" (restart)="startAgain()" />
      } @else {
        <h1 #heading id="sign-in-title" tabindex="-1">Sign in</h1>
        <p class="lede">{{ lede() }}</p>

        @if (noticeText(); as text) {
          <div class="alert alert-success" role="status" data-testid="sign-in-notice">
            <app-icon name="check" />
            <p class="alert-text">{{ text }}</p>
          </div>
        } @else if (ended()) {
          <div class="alert alert-info" role="status" data-testid="sign-in-notice">
            <app-icon name="info" />
            <p class="alert-text">Your session ended; sign in again.</p>
          </div>
        }
        <app-problem-alert [problem]="submission.problem()" [messages]="submission.unmatched()" />

        <form #formElement class="form-stack" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="sign-in-title">
          <mat-form-field>
            <mat-label>E-mail</mat-label>
            <input
              matInput
              type="email"
              formControlName="email"
              autocomplete="username"
              autocapitalize="none"
              spellcheck="false"
              data-testid="sign-in-email"
            />
            <mat-error>{{ errorText(form.controls.email, 'E-mail') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="current-password" data-testid="sign-in-password" />
            <mat-error>{{ errorText(form.controls.password, 'Password') }}</mat-error>
          </mat-form-field>
          <app-submit-row [busy]="submission.busy()" label="Sign in" busyLabel="Signing in…" spinnerLabel="Signing in" testId="sign-in-submit" />
        </form>

        <div class="secondary-links">
          <a [routerLink]="paths().forgotPassword" data-testid="need-help">Need help? Reset your password</a>
        </div>
        @if (audience() === 'client') {
          <p class="muted first-time">
            First time here? {{ firmName() }} e-mails you an invitation with a link to choose your password.
          </p>
        }
      }
    </app-auth-frame>
  `,
  styleUrl: './auth-page.scss',
  styles: `
    .first-time {
      margin: 0.75rem 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPage implements OnInit {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly origin = inject(DOCUMENT).location.origin;
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);
  private readonly firmService = inject(FirmService);

  /** Route data: whose sign-in this is. */
  readonly audience = input<Audience>('client');
  /** `?returnTo=`: where to go afterwards (only a path on this site is followed). */
  readonly returnTo = input<string | undefined>(undefined);
  /** `?ended=1`: the session ran out or was ended elsewhere. */
  readonly ended = input<string | undefined>(undefined);
  /** `?notice=`: why the person is here (password changed, signed out…). */
  readonly notice = input<string | undefined>(undefined);

  protected readonly paths = computed(() => audiencePaths(this.audience()));
  protected readonly firmName = computed(() => this.firmService.firm()?.name ?? 'Your firm');
  protected readonly lede = computed(() =>
    this.audience() === 'staff'
      ? `Sign in to the staff area of ${this.firmName()}.`
      : `Welcome to the secure client portal of ${this.firmName()}.`,
  );
  protected readonly noticeText = computed(() => {
    const notice = this.notice();
    return isSignInNotice(notice) ? SIGN_IN_NOTICES[notice] : null;
  });

  protected readonly challenge = signal<SignInResult | null>(null);
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });
  protected readonly errorText = fieldErrorText;

  protected readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(320)]],
    password: ['', [Validators.required, Validators.maxLength(256)]],
  });

  ngOnInit(): void {
    // Already signed in in this tab (e.g. the back button): nothing to do here.
    if (this.auth.me(this.audience()) && !this.ended()) void this.goOn();
  }

  protected async submit(): Promise<void> {
    await this.submission.run(this.form, async () => {
      const { email, password } = this.form.getRawValue();
      const result = await firstValueFrom(this.api.signIn(this.audience(), email.trim(), password));
      if (result.status === 'signed-in') {
        await this.auth.accept(this.audience(), result);
        await this.goOn();
      } else {
        this.challenge.set(result);
      }
    });
  }

  /** Signed in: to `returnTo` when it is a safe path here, else home. */
  protected async goOn(): Promise<void> {
    const paths = this.paths();
    const target =
      safeReturnPath(this.returnTo(), this.origin, [paths.signIn, paths.forgotPassword, '/accept-invitation', '/reset-password']) ??
      paths.home;
    await this.router.navigateByUrl(target, { replaceUrl: true });
  }

  protected startAgain(): void {
    this.challenge.set(null);
    this.submission.clear();
    this.form.controls.password.reset();
    this.submission.afterRender(() => this.heading()?.nativeElement.focus());
  }
}
