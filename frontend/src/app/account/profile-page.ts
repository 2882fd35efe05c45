import { ChangeDetectionStrategy, Component, ElementRef, type OnInit, computed, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  type AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  type ValidationErrors,
  type ValidatorFn,
  Validators,
} from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';

import type { Audience, Me } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { IdentityApi } from '../core/identity-api';
import { fieldErrorText, trimmedPattern } from '../shared/field-errors';
import { FormSubmission } from '../shared/form-submission';
import { Icon } from '../shared/icon';
import { ProblemAlert } from '../shared/problem-alert';
import { SubmitRow } from '../shared/submit-row';
import { whoToAsk } from './audience';

/**
 * Letters of any alphabet (with their accents), spaces, hyphens and apostrophes,
 * starting with a letter: the server's rule for names.
 */
export const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M}' ’-]*$/u;

/** Validator: at least `min` letters (of any alphabet) in the value. */
function minLetters(min: number): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = typeof control.value === 'string' ? control.value : '';
    if (!value.trim()) return null;
    return (value.match(/\p{L}/gu)?.length ?? 0) >= min ? null : { minLetters: true };
  };
}

/** Trim and collapse inner runs of spaces, as the server stores names. */
function tidyName(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** First and last name; the login e-mail is shown but only the firm (or an administrator) can change it. */
@Component({
  selector: 'app-profile-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, Icon, ProblemAlert, SubmitRow],
  template: `
    <section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <p class="lede">{{ lede() }}</p>

      <div class="alert alert-success" role="status">@if (saved()) {
        <app-icon name="check" />
        <p class="alert-text">Your name was saved.</p>
      }</div>
      <app-problem-alert [problem]="submission.problem()" [messages]="submission.unmatched()" />

      <form #formElement class="form-stack" [formGroup]="form" (ngSubmit)="submit()" novalidate aria-labelledby="profile-title">
        <div class="form-row">
          <mat-form-field>
            <mat-label>First name</mat-label>
            <input matInput formControlName="firstName" autocomplete="given-name" data-testid="profile-first-name" />
            <mat-error>{{ errorText(form.controls.firstName, 'First name', 2) }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Last name</mat-label>
            <input matInput formControlName="lastName" autocomplete="family-name" data-testid="profile-last-name" />
            <mat-error>{{ errorText(form.controls.lastName, 'Last name', 1) }}</mat-error>
          </mat-form-field>
        </div>
        <div class="readonly-field">
          <span class="readonly-label" id="login-email-label">Login e-mail</span>
          <span class="readonly-value" data-testid="profile-email" aria-labelledby="login-email-label">{{ email() }}</span>
          <span class="readonly-hint">You sign in with this address. To change it, ask {{ helper() }}.</span>
        </div>
        <app-submit-row [busy]="submission.busy()" label="Save changes" busyLabel="Saving…" spinnerLabel="Saving your name" testId="profile-submit" />
      </form>
    </section>
  `,
  styleUrl: './account-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage implements OnInit {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly firmService = inject(FirmService);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  /** Route data: whose account this is. */
  readonly audience = input<Audience>('client');

  private readonly me = computed(() => (this.audience() === 'staff' ? this.auth.staffMe() : this.auth.clientMe()));
  protected readonly email = computed(() => this.me()?.email ?? '');
  protected readonly helper = computed(() => whoToAsk(this.audience(), this.firmService.firm()?.name));
  protected readonly lede = computed(() =>
    this.audience() === 'staff'
      ? 'Your name as clients and colleagues see it.'
      : `Your name as ${this.firmService.firm()?.name ?? 'the firm'} sees it on your messages and documents.`,
  );
  protected readonly saved = signal(false);
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });

  protected readonly form = this.fb.group({
    firstName: ['', [Validators.required, Validators.maxLength(100), minLetters(2), trimmedPattern(NAME_PATTERN, 'nameChars')]],
    lastName: ['', [Validators.required, Validators.maxLength(100), minLetters(1), trimmedPattern(NAME_PATTERN, 'nameChars')]],
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.saved.set(false));
  }

  async ngOnInit(): Promise<void> {
    const me = this.me() ?? (await this.auth.loadMe(this.audience()));
    if (me) this.fill(me);
  }

  private fill(me: Me): void {
    this.form.reset({ firstName: me.firstName, lastName: me.lastName });
  }

  protected async submit(): Promise<void> {
    if (this.submission.busy()) return;
    this.saved.set(false);
    await this.submission.run(this.form, async () => {
      const value = this.form.getRawValue();
      const me = await firstValueFrom(
        this.api.updateProfile(this.audience(), { firstName: tidyName(value.firstName), lastName: tidyName(value.lastName) }),
      );
      this.fill(me);
      // The header and everything else showing the name read it from the session.
      await this.auth.loadMe(this.audience());
      this.saved.set(true);
    });
  }

  protected errorText(control: AbstractControl, label: string, letters: number): string {
    return fieldErrorText(control, label, {
      minLetters: `${label} must have at least ${letters} letter${letters === 1 ? '' : 's'}.`,
      nameChars: `${label} may contain only letters, spaces, hyphens and apostrophes, and must start with a letter.`,
    });
  }
}
