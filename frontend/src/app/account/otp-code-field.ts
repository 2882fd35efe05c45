import { ChangeDetectionStrategy, Component, booleanAttribute, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

import { fieldErrorText } from '../shared/field-errors';

/** Six digits, optionally split 3 + 3 by a space (as apps show them). */
export const OTP_PATTERN = /^\s*\d{3}\s?\d{3}\s*$/;

/** The validators of a code from an authenticator app. */
export const OTP_VALIDATORS = [Validators.required, Validators.pattern(OTP_PATTERN)];

/** The code as the server takes it: the digits only. */
export function otpDigits(value: string): string {
  return value.replace(/\s+/g, '');
}

/** The "6-digit code" field for a code from an authenticator app (inside the parent's form). */
@Component({
  selector: 'app-otp-code-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field class="code-field" [class.prominent]="prominent()">
      <mat-label>6-digit code</mat-label>
      <input
        matInput
        [formControl]="control()"
        autocomplete="one-time-code"
        inputmode="numeric"
        maxlength="7"
        spellcheck="false"
        data-testid="mfa-code"
      />
      <mat-error>{{ errorText() }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    :host {
      display: block;
    }
    .code-field {
      max-width: 18rem;
    }
    .prominent input {
      font-size: 1.25rem;
      letter-spacing: 0.2em;
      font-variant-numeric: tabular-nums;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OtpCodeField {
  readonly control = input.required<FormControl<string>>();
  /** Larger, spaced-out digits (the sign-in steps). */
  readonly prominent = input(false, { transform: booleanAttribute });

  protected errorText(): string {
    return fieldErrorText(this.control(), 'The code', { pattern: 'Enter the 6 digits your authenticator app shows.' });
  }
}
