import { ChangeDetectionStrategy, Component, ElementRef, type OnInit, computed, inject, input, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { AuthFrame } from '../account/auth-frame';
import { SignInSteps } from '../account/sign-in-steps';
import type { InvitationInfo, Problem, SignInResult } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { IdentityApi } from '../core/identity-api';
import { linkRefusal, toProblem } from '../core/problem';
import { fieldErrorText } from '../shared/field-errors';
import { FormSubmission } from '../shared/form-submission';
import { matchesSibling, recheckOnChange } from '../shared/forms';
import { Icon } from '../shared/icon';
import { ProblemAlert } from '../shared/problem-alert';
import { SubmitRow } from '../shared/submit-row';

type LinkState = 'loading' | 'ok' | 'missing' | 'invalid' | 'expired' | 'failed';

/**
 * `/accept-invitation?token=…`: the link in the firm's invitation e-mail. The
 * client sets a password, then continues like a sign-in (the firm may require
 * two-step verification set-up).
 */
@Component({
  selector: 'app-accept-invitation-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    AuthFrame,
    Icon,
    ProblemAlert,
    SignInSteps,
    SubmitRow,
  ],
  templateUrl: './accept-invitation-page.html',
  styleUrl: '../account/auth-page.scss',
  styles: `
    .mfa-note {
      margin: -0.5rem 0 1.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AcceptInvitationPage implements OnInit {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly firmService = inject(FirmService);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  /** `?token=`: the single-use invitation token from the e-mail. */
  readonly token = input<string | undefined>(undefined);
  private readonly tokenValue = computed(() => (this.token() ?? '').trim());

  protected readonly state = signal<LinkState>('loading');
  protected readonly info = signal<InvitationInfo | null>(null);
  protected readonly challenge = signal<SignInResult | null>(null);
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });
  protected readonly errorText = fieldErrorText;
  protected readonly firmName = computed(() => this.info()?.firmName ?? this.firmService.firm()?.name ?? 'the firm');
  protected readonly minPasswordLength = computed(() => this.info()?.passwordMinLength ?? 12);
  protected readonly linkMessage = computed(() => {
    switch (this.state()) {
      case 'missing':
        return 'This invitation link is incomplete: it has no token. Open the link exactly as you received it in the e-mail.';
      case 'expired':
        return `This invitation has expired; ask ${this.firmName()} to send a new one.`;
      case 'invalid':
        return 'This invitation link is not valid or has already been used. If you have already set your password, sign in.';
      default:
        return '';
    }
  });

  protected readonly form = this.fb.group({
    password: ['', [Validators.required, Validators.maxLength(256)]],
    confirmPassword: ['', [Validators.required, matchesSibling('password')]],
  });

  constructor() {
    recheckOnChange(this.form.controls.password, this.form.controls.confirmPassword);
  }

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    if (!this.tokenValue()) {
      this.state.set('missing');
      return;
    }
    this.state.set('loading');
    this.submission.problem.set(null);
    try {
      const info = await firstValueFrom(this.api.invitation(this.tokenValue()));
      this.info.set(info);
      this.form.controls.password.setValidators([Validators.required, Validators.minLength(info.passwordMinLength), Validators.maxLength(256)]);
      this.form.controls.password.updateValueAndValidity({ emitEvent: false });
      this.state.set('ok');
    } catch (error: unknown) {
      this.refused(toProblem(error));
    }
  }

  protected async submit(): Promise<void> {
    await this.submission.run(
      this.form,
      async () => {
        const result = await firstValueFrom(this.api.acceptInvitation(this.tokenValue(), this.form.controls.password.value));
        if (result.status === 'signed-in') {
          await this.auth.accept('client', result);
          await this.goHome();
        } else {
          this.challenge.set(result);
        }
      },
      {
        onError: (problem) => {
          if (!linkRefusal(problem)) return false;
          this.refused(problem);
          return true;
        },
      },
    );
  }

  protected async goHome(): Promise<void> {
    await this.router.navigateByUrl('/', { replaceUrl: true });
  }

  /** The password is set by now: a restarted sign-in goes through the sign-in page. */
  protected async toSignIn(): Promise<void> {
    await this.router.navigate(['/sign-in'], { replaceUrl: true });
  }

  private refused(problem: Problem): void {
    const refusal = linkRefusal(problem);
    if (!refusal) this.submission.problem.set(problem);
    this.state.set(refusal ?? 'failed');
    this.submission.afterRender(() => this.heading()?.nativeElement.focus());
  }
}
