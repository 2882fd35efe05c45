import {
  ChangeDetectionStrategy,
  Component,
  DOCUMENT,
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
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { Problem } from '../core/api-types';
import { FirmService } from '../core/firm.service';
import { PorticoApi } from '../core/portico-api';
import { toProblem } from '../core/problem';
import { FirmMark } from '../shared/firm-mark';
import { applyProblemToForm, focusFirstInvalid, matchesSibling } from '../shared/forms';
import { Icon } from '../shared/icon';

const MIN_PASSWORD_LENGTH = 12;

/** `/staff/activate?token=…`: an admin created from the CLI chooses a password. */
@Component({
  selector: 'app-staff-activate-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, FirmMark, Icon],
  template: `
    <main id="main" class="centered-page">
      <section class="panel" aria-labelledby="activate-title">
        @if (firmService.firm(); as firm) {
          <div class="firm">
            <app-firm-mark [firm]="firm" />
            <span class="firm-name">{{ firm.name }} · Staff</span>
          </div>
        }
        <h1 id="activate-title">Set your password</h1>

        @if (!tokenValue()) {
          <div class="alert alert-error" role="alert">
            <app-icon name="error" />
            <span>This activation link is incomplete: it has no token. Open the link exactly as you received it, or ask for a new one.</span>
          </div>
        } @else {
          <p class="lede">Choose the password you will use to sign in to the staff area. Use at least {{ minPasswordLength }} characters; a short sentence is easy to remember and hard to guess.</p>

          <div #alertElement class="alert alert-error" role="alert" tabindex="-1">@if (alertProblem(); as p) {
            <app-icon name="error" />
            <div>
              <strong>{{ p.title }}</strong>
              @if (p.detail) {
                <p>{{ p.detail }}</p>
              }
              @for (m of unmatchedMessages(); track $index) {
                <p>{{ m }}</p>
              }
            </div>
          }</div>

          <form #formElement class="form-stack" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="activate-title">
            <mat-form-field>
              <mat-label>Password</mat-label>
              <input matInput type="password" formControlName="password" autocomplete="new-password" />
              <mat-hint>At least {{ minPasswordLength }} characters.</mat-hint>
              <mat-error>{{ errorText(form.controls.password, 'Password') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Confirm password</mat-label>
              <input matInput type="password" formControlName="confirmPassword" autocomplete="new-password" />
              <mat-error>{{ errorText(form.controls.confirmPassword, 'Confirm password') }}</mat-error>
            </mat-form-field>
            <div class="submit-row">
              <button mat-flat-button type="submit" [disabled]="submitting()">
                {{ submitting() ? 'Saving…' : 'Set password' }}
              </button>
              @if (submitting()) {
                <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Saving your password" />
              }
            </div>
          </form>
        }
      </section>
    </main>
  `,
  styles: `
    .firm {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding-bottom: 1.25rem;
      margin-bottom: 1.25rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      --firm-mark-size: 36px;
    }
    .firm-name {
      font: var(--mat-sys-title-medium);
      font-weight: 600;
    }
    h1 {
      font: var(--mat-sys-headline-small);
      font-weight: 600;
      margin: 0 0 0.5rem;
    }
    .lede {
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 1.5rem;
    }
    .alert {
      app-icon {
        --app-icon-size: 20px;
      }
      p {
        margin: 0.25rem 0 0;
      }
      &:focus {
        outline: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffActivatePage {
  private readonly api = inject(PorticoApi);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);
  private readonly location = inject(DOCUMENT).location;
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alertElement = viewChild<ElementRef<HTMLElement>>('alertElement');
  protected readonly firmService = inject(FirmService);

  /** The activation token from `?token=…`. */
  readonly token = input<string | undefined>(undefined);
  protected readonly tokenValue = computed(() => (this.token() ?? '').trim());

  protected readonly minPasswordLength = MIN_PASSWORD_LENGTH;
  protected readonly submitting = signal(false);
  private readonly problem = signal<Problem | null>(null);
  protected readonly unmatchedMessages = signal<string[]>([]);
  /** Non-field problems (expired/used token…) and field messages that match no field. */
  protected readonly alertProblem = computed(() => {
    const problem = this.problem();
    if (!problem) return null;
    return !problem.errors?.length || this.unmatchedMessages().length ? problem : null;
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
    if (this.submitting()) return;
    this.problem.set(null);
    this.unmatchedMessages.set([]);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.afterRender(() => this.focusInvalidField());
      return;
    }
    this.submitting.set(true);
    try {
      const result = await firstValueFrom(
        this.api.activateStaff({ token: this.tokenValue(), password: this.form.controls.password.value }),
      );
      const target = new URL(result.staffUrl, this.location.href);
      if (target.origin === this.location.origin) {
        // Setting the password does not sign in: the person signs in with it (and any second step).
        await this.router.navigate(['/staff/sign-in'], { queryParams: { notice: 'activated' }, replaceUrl: true });
      } else {
        this.location.href = target.origin + '/staff/sign-in?notice=activated';
      }
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.unmatchedMessages.set(applyProblemToForm(this.form, problem));
      this.problem.set(problem);
      this.submitting.set(false);
      this.afterRender(() =>
        this.alertProblem() ? this.alertElement()?.nativeElement.focus() : this.focusInvalidField(),
      );
    }
  }

  protected errorText(control: AbstractControl, label: string): string {
    const errors = control.errors;
    if (!errors) return '';
    if (typeof errors['server'] === 'string') return errors['server'];
    if (errors['required']) return `${label} is required.`;
    if (errors['minlength']) return `${label} must be at least ${MIN_PASSWORD_LENGTH} characters.`;
    if (errors['mismatch']) return 'The passwords do not match.';
    return `${label} is not valid.`;
  }

  private focusInvalidField(): void {
    const form = this.formElement()?.nativeElement;
    if (form) focusFirstInvalid(form);
  }

  private afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
