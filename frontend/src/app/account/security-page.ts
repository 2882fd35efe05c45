import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { firstValueFrom } from 'rxjs';

import type { Audience, MfaSetup } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { IdentityApi } from '../core/identity-api';
import { Icon } from '../shared/icon';
import { fieldErrorText } from '../shared/field-errors';
import { FormSubmission } from '../shared/form-submission';
import { ProblemAlert } from '../shared/problem-alert';
import { MfaSecret } from './mfa-secret';
import { OTP_VALIDATORS, OtpCodeField, otpDigits } from './otp-code-field';
import { RecoveryCodes } from './recovery-codes';

type View = 'status' | 'setup' | 'codes' | 'disable';

/** Two-step verification: set it up (key, first code, recovery codes shown once) or turn it off. */
@Component({
  selector: 'app-security-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    Icon,
    MfaSecret,
    OtpCodeField,
    ProblemAlert,
    RecoveryCodes,
  ],
  templateUrl: './security-page.html',
  styleUrl: './account-page.scss',
  styles: `
    .status-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      margin-bottom: 0.75rem;
    }
    .setup-steps {
      margin: 0 0 0.5rem;
      padding-left: 1.25rem;
      max-width: 34rem;
      > li {
        margin-bottom: 1.25rem;
        padding-left: 0.25rem;
      }
    }
    .step-title {
      display: block;
      font-weight: 600;
      margin-bottom: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecurityPage {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly firmService = inject(FirmService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  /** Route data: whose account this is. */
  readonly audience = input<Audience>('client');

  protected readonly me = computed(() => this.auth.me(this.audience()));
  protected readonly requiredBy = computed(() => this.firmService.firm()?.name ?? 'Your firm');
  protected readonly view = signal<View>('status');
  protected readonly setup = signal<MfaSetup | null>(null);
  protected readonly codes = signal<string[]>([]);
  protected readonly notice = signal<string | null>(null);
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });
  protected readonly errorText = fieldErrorText;

  protected readonly codeForm = this.fb.group({
    code: ['', OTP_VALIDATORS],
  });
  protected readonly disableForm = this.fb.group({
    password: ['', [Validators.required, Validators.maxLength(256)]],
  });

  protected async startSetup(): Promise<void> {
    this.notice.set(null);
    await this.submission.run(null, async () => {
      this.setup.set(await firstValueFrom(this.api.startMfa(this.audience())));
      this.codeForm.reset();
      this.show('setup');
    });
  }

  protected async confirm(): Promise<void> {
    const code = this.codeForm.controls.code;
    await this.submission.run(
      this.codeForm,
      async () => {
        const answer = await firstValueFrom(this.api.confirmMfa(this.audience(), otpDigits(code.value)));
        this.codes.set(answer.recoveryCodes);
        this.setup.set(null);
        await this.auth.loadMe(this.audience());
        this.show('codes');
      },
      { onError: () => code.reset() },
    );
  }

  protected codesSaved(): void {
    this.codes.set([]);
    this.notice.set('Two-step verification is on. From now on you also enter a code from your app when you sign in.');
    this.show('status');
  }

  protected askToDisable(): void {
    this.clearMessages();
    this.disableForm.reset();
    this.show('disable');
  }

  protected async disable(): Promise<void> {
    await this.submission.run(this.disableForm, async () => {
      const answer = await firstValueFrom(this.api.disableMfa(this.audience(), this.disableForm.controls.password.value));
      await this.auth.loadMe(this.audience());
      this.notice.set(answer.message);
      this.show('status');
    });
  }

  protected cancel(): void {
    this.clearMessages();
    this.setup.set(null);
    this.show('status');
  }

  private show(view: View): void {
    this.view.set(view);
    this.submission.afterRender(() => this.heading()?.nativeElement.focus());
  }

  private clearMessages(): void {
    this.notice.set(null);
    this.submission.clear();
  }
}
