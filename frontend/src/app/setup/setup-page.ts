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
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { firstValueFrom } from 'rxjs';

import type { Problem } from '../core/api-types';
import { PorticoApi } from '../core/portico-api';
import { problemMessage, toProblem } from '../core/problem';
import { fieldErrorText } from '../shared/field-errors';
import { applyProblemToForm, focusFirstInvalid, matchesSibling, recheckOnChange } from '../shared/forms';
import { Icon } from '../shared/icon';

/** Lowercase letters, digits and hyphens, 3–40 characters, not starting or ending with a hyphen. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/;
export const MIN_PASSWORD_LENGTH = 12;

type SetupState = 'checking' | 'form' | 'already-set-up' | 'check-failed' | 'redirecting';

/** A slug suggestion from the firm's name: "Acme & Co. Accountants" → "acme-co-accountants". */
export function suggestSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

@Component({
  selector: 'app-setup-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, Icon],
  templateUrl: './setup-page.html',
  styleUrl: './setup-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SetupPage {
  private readonly api = inject(PorticoApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly injector = inject(Injector);
  private readonly location = inject(DOCUMENT).location;
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alertElement = viewChild<ElementRef<HTMLElement>>('alertElement');

  /** The one-time setup token, from `?token=…` (printed by the server at start). */
  readonly token = input<string | undefined>(undefined);

  protected readonly minPasswordLength = MIN_PASSWORD_LENGTH;
  protected readonly state = signal<SetupState>('checking');
  protected readonly submitting = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly unmatchedMessages = signal<string[]>([]);
  protected readonly tokenFromUrl = computed(() => (this.token() ?? '').trim());

  protected readonly form = this.fb.group({
    token: [''],
    firmName: ['', [Validators.required, Validators.maxLength(120)]],
    firmSlug: ['', [Validators.required, Validators.pattern(SLUG_PATTERN)]],
    adminName: ['', [Validators.required, Validators.maxLength(120)]],
    adminEmail: ['', [Validators.required, Validators.email, Validators.maxLength(254)]],
    adminPassword: ['', [Validators.required, Validators.minLength(MIN_PASSWORD_LENGTH)]],
    confirmPassword: ['', [Validators.required, matchesSibling('adminPassword')]],
  });

  private readonly slugValue = toSignal(this.form.controls.firmSlug.valueChanges, { initialValue: '' });
  /** The host part of the current address, e.g. `localhost:3000`. */
  protected readonly baseHost = this.location.host;
  protected readonly protocol = this.location.protocol;
  protected readonly slugPreview = computed(() => this.slugValue().trim() || 'your-firm');
  protected readonly slugPreviewValid = computed(() => SLUG_PATTERN.test(this.slugValue().trim()));

  /** Until the user types a slug of their own, it follows the firm's name. */
  private slugEditedByUser = false;

  constructor() {
    this.form.controls.firmName.valueChanges.pipe(takeUntilDestroyed()).subscribe((name) => {
      if (!this.slugEditedByUser) {
        this.form.controls.firmSlug.setValue(suggestSlug(name));
      }
    });
    recheckOnChange(this.form.controls.adminPassword, this.form.controls.confirmPassword);
    void this.checkStatus();
  }

  protected onSlugInput(): void {
    this.slugEditedByUser = this.form.controls.firmSlug.value !== '';
  }

  protected async checkStatus(): Promise<void> {
    this.state.set('checking');
    this.problem.set(null);
    try {
      const status = await firstValueFrom(this.api.getSetupStatus());
      this.state.set(status.needsSetup ? 'form' : 'already-set-up');
      if (status.needsSetup) this.configureTokenField();
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
      this.state.set('check-failed');
    }
  }

  /** Ask for the token only when the address didn't carry one. */
  private configureTokenField(): void {
    const control = this.form.controls.token;
    if (this.tokenFromUrl()) {
      control.clearValidators();
      control.disable();
    } else {
      control.setValidators([Validators.required]);
      control.enable();
    }
    control.updateValueAndValidity();
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    this.problem.set(null);
    this.unmatchedMessages.set([]);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusAfterRender(() => this.focusInvalidField());
      return;
    }

    const value = this.form.getRawValue();
    this.submitting.set(true);
    try {
      const result = await firstValueFrom(
        this.api.completeSetup({
          token: this.tokenFromUrl() || value.token.trim(),
          firmName: value.firmName.trim(),
          firmSlug: value.firmSlug.trim(),
          adminName: value.adminName.trim(),
          adminEmail: value.adminEmail.trim(),
          adminPassword: value.adminPassword,
        }),
      );
      this.state.set('redirecting');
      this.location.href = result.staffUrl;
    } catch (error: unknown) {
      const problem = toProblem(error);
      const unmatched = applyProblemToForm(this.form, problem);
      this.unmatchedMessages.set(unmatched);
      const hasFieldErrors = (problem.errors?.length ?? 0) > unmatched.length;
      this.problem.set(problem);
      this.submitting.set(false);
      this.focusAfterRender(() => (hasFieldErrors ? this.focusInvalidField() : this.alertElement()?.nativeElement.focus()));
    }
  }

  /**
   * The alert shows `detail` for errors that belong to no field (bad token, slug taken,
   * server unreachable…) and any field messages that could not be put beside a field;
   * field messages themselves are shown beside their fields.
   */
  protected showInAlert(problem: Problem): boolean {
    return !problem.errors?.length || this.unmatchedMessages().length > 0;
  }

  protected readonly message = problemMessage;

  protected errorText(control: AbstractControl, label: string): string {
    return fieldErrorText(control, label, {
      pattern: 'Use 3–40 lowercase letters, digits or hyphens, starting and ending with a letter or digit.',
    });
  }

  private focusInvalidField(): void {
    const form = this.formElement()?.nativeElement;
    if (form) focusFirstInvalid(form);
  }

  private focusAfterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }
}
