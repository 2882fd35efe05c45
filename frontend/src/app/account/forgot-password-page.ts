import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { Audience } from '../core/api-types';
import { FirmService } from '../core/firm.service';
import { IdentityApi } from '../core/identity-api';
import { fieldErrorText } from '../shared/field-errors';
import { FormSubmission } from '../shared/form-submission';
import { Icon } from '../shared/icon';
import { ProblemAlert } from '../shared/problem-alert';
import { SubmitRow } from '../shared/submit-row';
import { audiencePaths, whoToAsk } from './audience';
import { AuthFrame } from './auth-frame';

/** `/forgot-password` ("Need help?"): e-mail a reset link. The answer never tells whether the address has an account. */
@Component({
  selector: 'app-forgot-password-page',
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
      <h1 id="forgot-title">Reset your password</h1>
      @if (sentMessage(); as message) {
        <div #sentElement class="alert alert-success" role="status" tabindex="-1" data-testid="forgot-sent">
          <app-icon name="check" />
          <p class="alert-text">{{ message }}</p>
        </div>
        <p class="muted">
          Nothing arrived after a few minutes? Check your spam folder, and that you typed the address you sign in with.
          Still stuck? Contact {{ helper() }}.
        </p>
        <div class="actions">
          <a mat-flat-button [routerLink]="paths().signIn">Back to sign in</a>
          <button mat-button type="button" (click)="again()">Use another address</button>
        </div>
      } @else {
        <p class="lede">Enter the e-mail address you sign in with. We will send you a link to choose a new password.</p>
        <app-problem-alert [problem]="submission.problem()" [messages]="submission.unmatched()" />
        <form #formElement class="form-stack" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="forgot-title">
          <mat-form-field>
            <mat-label>E-mail</mat-label>
            <input
              matInput
              type="email"
              formControlName="email"
              autocomplete="username"
              autocapitalize="none"
              spellcheck="false"
              data-testid="forgot-email"
            />
            <mat-error>{{ errorText(form.controls.email) }}</mat-error>
          </mat-form-field>
          <app-submit-row [busy]="submission.busy()" label="Send me a reset link" busyLabel="Sending…" spinnerLabel="Sending" testId="forgot-submit" />
        </form>
        <div class="secondary-links">
          <a [routerLink]="paths().signIn">Back to sign in</a>
        </div>
      }
    </app-auth-frame>
  `,
  styleUrl: './auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordPage {
  private readonly api = inject(IdentityApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly firmService = inject(FirmService);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly sentElement = viewChild<ElementRef<HTMLElement>>('sentElement');
  private readonly alert = viewChild(ProblemAlert);

  /** Route data: whose password this is. */
  readonly audience = input<Audience>('client');

  protected readonly paths = computed(() => audiencePaths(this.audience()));
  protected readonly helper = computed(() => whoToAsk(this.audience(), this.firmService.firm()?.name));
  protected readonly sentMessage = signal<string | null>(null);
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });

  protected readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(320)]],
  });

  protected async submit(): Promise<void> {
    await this.submission.run(this.form, async () => {
      const answer = await firstValueFrom(this.api.forgotPassword(this.audience(), this.form.controls.email.value.trim()));
      this.sentMessage.set(answer.message);
      this.submission.afterRender(() => this.sentElement()?.nativeElement.focus());
    });
  }

  protected again(): void {
    this.sentMessage.set(null);
    this.form.reset();
    this.submission.afterRender(() => this.formElement()?.nativeElement.querySelector('input')?.focus());
  }

  protected errorText(control: AbstractControl): string {
    return fieldErrorText(control, 'E-mail');
  }
}
