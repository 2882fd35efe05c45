import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AbstractControl, FormGroup, ValidationErrors, ValidatorFn } from '@angular/forms';

import type { Problem } from '../core/api-types';

/** Validator: the control's value equals the sibling control `otherName` (e.g. "confirm password"). */
export function matchesSibling(otherName: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const other = control.parent?.get(otherName);
    if (!other || !control.value) return null;
    return control.value === other.value ? null : { mismatch: true };
  };
}

/** Checks `confirm` (a `matchesSibling` control) again whenever `source` changes. Call in an injection context. */
export function recheckOnChange(source: AbstractControl, confirm: AbstractControl): void {
  source.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => confirm.updateValueAndValidity({ emitEvent: false }));
}

/**
 * Puts a problem document's per-field messages on the matching controls (as the
 * `server` error) and returns the messages that belong to no control.
 */
export function applyProblemToForm(form: FormGroup, problem: Problem): string[] {
  const unmatched: string[] = [];
  for (const fieldError of problem.errors ?? []) {
    const control = form.get(fieldError.field);
    if (control && control.enabled) {
      control.setErrors({ ...(control.errors ?? {}), server: fieldError.message });
      control.markAsTouched();
    } else {
      unmatched.push(fieldError.message);
    }
  }
  return unmatched;
}

/** Moves focus to the first invalid field inside `container` (after the view shows the errors). */
export function focusFirstInvalid(container: HTMLElement): void {
  const target = container.querySelector<HTMLElement>('input.ng-invalid, textarea.ng-invalid, select.ng-invalid');
  target?.focus();
}
