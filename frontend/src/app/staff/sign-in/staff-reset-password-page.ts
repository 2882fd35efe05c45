import { ChangeDetectionStrategy, Component, ElementRef, Injector, computed, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { AuthService } from '../../core/auth.service';
import { IdentityApi } from '../../core/identity-api';
import { matchesSibling } from '../../shared/forms';
import { Icon } from '../../shared/icon';
import { FormProblem, errorText, problemSlug } from '../ui/form-support';
import { ProblemAlert } from '../ui/problem-alert';
import { StaffPublicPanel } from '../ui/public-panel';

const MIN_PASSWORD_LENGTH = 12;

/** `/staff/reset-password?token=…`: the link from the reset e-mail; a new password ends every session. */
@Component({
  selector: 'app-staff-reset-password-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, Icon, ProblemAlert, StaffPublicPanel],
  template: `
    <app-staff-public-panel labelledBy="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      @if (!tokenValue()) {
        <div class="alert alert-error" role="alert">
          <app-icon name="error" />
          <span>This reset link is incomplete: it has no token. Open the link exactly as you received it, or ask for a new one.</span>
        </div>
      } @else {
        <p class="lede">Use at least {{ minPasswordLength }} characters; a short sentence is easy to remember and hard to guess. Every device signed in to your account will be signed out.</p>
        <app-problem-alert [problem]="problem.alert()" [messages]="problem.unmatched()">
          @if (linkDead()) {
            <p><a routerLink="/staff/forgot-password">Ask for a new link</a></p>
          }
        </app-problem-alert>
        <form #formElement class="form-stack" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="reset-title">
          <mat-form-field>
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" />
            <mat-hint>At least {{ minPasswordLength }} characters.</mat-hint>
            <mat-error>{{ errorText(form.controls.password, 'New password') }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Confirm new password</mat-label>
            <input matInput type="password" formControlName="confirmPassword" autocomplete="new-password" />
            <mat-error>{{ errorText(form.controls.confirmPassword, 'Confirm new password') }}</mat-error>
          </mat-form-field>
          <div class="submit-row">
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Set new password' }}</button>
            @if (busy()) {
              <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Saving your password" />
            }
          </div>
        </form>
      }
      <div class="below">
        <a routerLink="/staff/sign-in">Back to sign-in</a>
        <a routerLink="/staff/forgot-password">Ask for a new link</a>
      </div>
    </app-staff-public-panel>
  `,
  styleUrl: '../ui/public-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffResetPasswordPage {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  readonly token = input<string | undefined>(undefined);
  protected readonly tokenValue = computed(() => (this.token() ?? '').trim());

  protected readonly minPasswordLength = MIN_PASSWORD_LENGTH;
  protected readonly errorText = errorText;
  protected readonly problem = new FormProblem();
  protected readonly busy = signal(false);
  protected readonly linkDead = computed(() => {
    const problem = this.problem.problem();
    return ['link-invalid', 'link-expired'].includes(problemSlug(problem)) || !!problem?.errors?.some((e) => e.field === 'token');
  });
  protected readonly form = this.fb.group({
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
    confirmPassword: ['', [Validators.required, matchesSibling('password')]],
  });

  constructor() {
    this.form.controls.password.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.form.controls.confirmPassword.updateValueAndValidity({ emitEvent: false });
    });
  }

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
      await firstValueFrom(this.api.resetPassword('staff', this.tokenValue(), this.form.controls.password.value));
      this.auth.forget('staff');
      await this.router.navigate(['/staff/sign-in'], { queryParams: { reset: 1 }, replaceUrl: true });
    } catch (error: unknown) {
      this.problem.take(error, this.form);
      this.problem.focus(this.injector, this.alert(), this.formElement()?.nativeElement);
    } finally {
      this.busy.set(false);
    }
  }
}
