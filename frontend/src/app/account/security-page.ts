import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input, signal, viewChild } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { firstValueFrom } from 'rxjs';

import type { Audience, MfaSetup, Problem } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { IdentityApi } from '../core/identity-api';
import { toProblem } from '../core/problem';
import { AccountIcon } from '../shared/account-icon';
import { fieldErrorText } from '../shared/field-errors';
import { applyProblemToForm, focusFirstInvalid } from '../shared/forms';
import { Icon } from '../shared/icon';
import { ProblemAlert } from '../shared/problem-alert';
import { MfaSecret } from './mfa-secret';
import { RecoveryCodes } from './recovery-codes';
import { OTP_PATTERN } from './sign-in-steps';

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
    AccountIcon,
    Icon,
    MfaSecret,
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
    .code-field {
      max-width: 18rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecurityPage {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly firmService = inject(FirmService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly injector = inject(Injector);
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
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly unmatchedMessages = signal<string[]>([]);

  protected readonly codeForm = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(OTP_PATTERN)]],
  });
  protected readonly disableForm = this.fb.group({
    password: ['', [Validators.required, Validators.maxLength(256)]],
  });

  protected async startSetup(): Promise<void> {
    if (this.busy()) return;
    this.clearMessages();
    this.busy.set(true);
    try {
      this.setup.set(await firstValueFrom(this.api.startMfa(this.audience())));
      this.codeForm.reset();
      this.show('setup');
    } catch (error: unknown) {
      this.fail(error);
    } finally {
      this.busy.set(false);
    }
  }

  protected async confirm(): Promise<void> {
    if (this.busy() || !this.validate(this.codeForm)) return;
    this.busy.set(true);
    try {
      const answer = await firstValueFrom(this.api.confirmMfa(this.audience(), this.codeForm.controls.code.value.replace(/\s+/g, '')));
      this.codes.set(answer.recoveryCodes);
      this.setup.set(null);
      await this.auth.loadMe(this.audience());
      this.show('codes');
    } catch (error: unknown) {
      this.codeForm.controls.code.reset();
      this.fail(error, this.codeForm);
    } finally {
      this.busy.set(false);
    }
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
    if (this.busy() || !this.validate(this.disableForm)) return;
    this.busy.set(true);
    try {
      const answer = await firstValueFrom(this.api.disableMfa(this.audience(), this.disableForm.controls.password.value));
      await this.auth.loadMe(this.audience());
      this.notice.set(answer.message);
      this.show('status');
    } catch (error: unknown) {
      this.fail(error, this.disableForm);
    } finally {
      this.busy.set(false);
    }
  }

  protected cancel(): void {
    this.clearMessages();
    this.setup.set(null);
    this.show('status');
  }

  protected errorText(control: AbstractControl, label: string): string {
    return fieldErrorText(control, label, { pattern: 'Enter the 6 digits your authenticator app shows.' });
  }

  private show(view: View): void {
    this.view.set(view);
    this.afterRender(() => this.heading()?.nativeElement.focus());
  }

  private clearMessages(): void {
    this.notice.set(null);
    this.problem.set(null);
    this.unmatchedMessages.set([]);
  }

  private validate(form: typeof this.codeForm | typeof this.disableForm): boolean {
    this.clearMessages();
    if (form.valid) return true;
    form.markAllAsTouched();
    this.afterRender(() => this.focusInvalidField());
    return false;
  }

  private fail(error: unknown, form?: typeof this.codeForm | typeof this.disableForm): void {
    const problem = toProblem(error);
    this.unmatchedMessages.set(form ? applyProblemToForm(form, problem) : []);
    this.problem.set(problem);
    this.afterRender(() => (this.alert()?.shown ? this.alert()?.focus() : this.focusInvalidField()));
  }

  private focusInvalidField(): void {
    const form = this.formElement()?.nativeElement;
    if (form) focusFirstInvalid(form);
  }

  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
