import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { IdentityApi } from '../../core/identity-api';
import { Icon } from '../../shared/icon';
import { FormProblem, errorText } from '../ui/form-support';
import { ProblemAlert } from '../ui/problem-alert';
import { StaffPublicPanel } from '../ui/public-panel';

/** `/staff/forgot-password`: e-mails a single-use reset link (same answer whether or not the address exists). */
@Component({
  selector: 'app-staff-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, Icon, ProblemAlert, StaffPublicPanel],
  template: `
    <app-staff-public-panel labelledBy="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      <div class="alert alert-success" role="status" tabindex="-1" #sentElement>@if (sent(); as message) {
        <app-icon name="check" />
        <div>
          <strong>Check your e-mail</strong>
          <p>{{ message }}</p>
        </div>
      }</div>
      @if (!sent()) {
        <p class="lede">Enter the e-mail address you sign in with. We will send you a link to choose a new password; it works once and for 30 minutes.</p>
        <app-problem-alert [problem]="problem.alert()" [messages]="problem.unmatched()" />
        <form #formElement class="form-stack" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="forgot-title">
          <mat-form-field>
            <mat-label>E-mail</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="username" />
            <mat-error>{{ errorText(form.controls.email, 'E-mail') }}</mat-error>
          </mat-form-field>
          <div class="submit-row">
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Sending…' : 'Send the link' }}</button>
            @if (busy()) {
              <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Sending" />
            }
          </div>
        </form>
      }
      <div class="below">
        <a routerLink="/staff/sign-in">Back to sign-in</a>
      </div>
    </app-staff-public-panel>
  `,
  styleUrl: '../ui/public-page.scss',
  styles: `
    .alert p {
      margin: 0.25rem 0 0;
    }
    .alert:focus {
      outline: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffForgotPasswordPage {
  private readonly api = inject(IdentityApi);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  protected readonly errorText = errorText;
  protected readonly problem = new FormProblem();
  protected readonly busy = signal(false);
  protected readonly sent = signal<string | null>(null);
  protected readonly form = this.fb.group({ email: ['', [Validators.required, Validators.email]] });

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.problem.clear();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.problem.focus(this.injector, undefined, this.formElement()?.nativeElement);
      return;
    }
    this.busy.set(true);
    try {
      const res = await firstValueFrom(this.api.forgotPassword('staff', this.form.controls.email.value.trim()));
      this.sent.set(res.message);
    } catch (error: unknown) {
      this.problem.take(error, this.form);
      this.problem.focus(this.injector, this.alert(), this.formElement()?.nativeElement);
    } finally {
      this.busy.set(false);
    }
  }
}
