import { ChangeDetectionStrategy, Component, DOCUMENT, ElementRef, computed, inject, input, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { PorticoApi } from '../core/portico-api';
import { fieldErrorText } from '../shared/field-errors';
import { FormSubmission } from '../shared/form-submission';
import { matchesSibling, recheckOnChange } from '../shared/forms';
import { Icon } from '../shared/icon';
import { SubmitRow } from '../shared/submit-row';
import { StaffPublicPanel } from './ui/public-panel';

const MIN_PASSWORD_LENGTH = 12;

/** `/staff/activate?token=…`: an admin created from the CLI chooses a password. */
@Component({
  selector: 'app-staff-activate-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, Icon, StaffPublicPanel, SubmitRow],
  template: `
    <app-staff-public-panel labelledBy="activate-title">
      <h1 id="activate-title">Set your password</h1>

      @if (!tokenValue()) {
        <div class="alert alert-error" role="alert">
          <app-icon name="error" />
          <span>This activation link is incomplete: it has no token. Open the link exactly as you received it, or ask for a new one.</span>
        </div>
      } @else {
        <p class="lede">Choose the password you will use to sign in to the staff area. Use at least {{ minPasswordLength }} characters; a short sentence is easy to remember and hard to guess.</p>

        <div #alertElement class="alert alert-error" role="alert" tabindex="-1">@if (submission.alertProblem(); as p) {
          <app-icon name="error" />
          <div>
            <strong>{{ p.title }}</strong>
            @if (p.detail) {
              <p>{{ p.detail }}</p>
            }
            @for (m of submission.unmatched(); track $index) {
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
          <app-submit-row [busy]="submission.busy()" label="Set password" busyLabel="Saving…" spinnerLabel="Saving your password" />
        </form>
      }
    </app-staff-public-panel>
  `,
  styles: `
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
  private readonly location = inject(DOCUMENT).location;
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alertElement = viewChild<ElementRef<HTMLElement>>('alertElement');

  /** The activation token from `?token=…`. */
  readonly token = input<string | undefined>(undefined);
  protected readonly tokenValue = computed(() => (this.token() ?? '').trim());

  protected readonly minPasswordLength = MIN_PASSWORD_LENGTH;
  protected readonly errorText = fieldErrorText;
  /** The alert shows non-field problems (expired/used token…) and field messages that match no field. */
  protected readonly submission = new FormSubmission({ alert: this.alertElement, form: this.formElement });

  protected readonly form = this.fb.group({
    password: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
    confirmPassword: ['', [Validators.required, matchesSibling('password')]],
  });

  constructor() {
    recheckOnChange(this.form.controls.password, this.form.controls.confirmPassword);
  }

  protected async submit(): Promise<void> {
    await this.submission.run(
      this.form,
      async () => {
        const result = await firstValueFrom(this.api.activateStaff({ token: this.tokenValue(), password: this.form.controls.password.value }));
        const target = new URL(result.staffUrl, this.location.href);
        if (target.origin === this.location.origin) {
          // Setting the password does not sign in: the person signs in with it (and any second step).
          await this.router.navigate(['/staff/sign-in'], { queryParams: { notice: 'activated' }, replaceUrl: true });
        } else {
          this.location.href = target.origin + '/staff/sign-in?notice=activated';
        }
      },
      { keepBusy: true },
    );
  }

}
