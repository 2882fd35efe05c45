import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/**
 * The message for a control's first error. `custom` maps validator keys of the
 * page's own validators to their messages; server messages (`server`, from
 * `applyProblemToForm`) win over everything.
 */
export function fieldErrorText(control: AbstractControl, label: string, custom: Record<string, string> = {}): string {
  const errors = control.errors;
  if (!errors) return '';
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return `${label} is required.`;
  for (const [key, message] of Object.entries(custom)) {
    if (errors[key]) return message;
  }
  if (errors['email']) return 'Enter a valid e-mail address, like name@example.com.';
  if (errors['minlength']) {
    return `${label} must be at least ${(errors['minlength'] as { requiredLength: number }).requiredLength} characters.`;
  }
  if (errors['maxlength']) {
    return `${label} must be at most ${(errors['maxlength'] as { requiredLength: number }).requiredLength} characters.`;
  }
  if (errors['mismatch']) return 'The passwords do not match.';
  return `${label} is not valid.`;
}

/** Validator: the trimmed value matches `pattern`; the error is `{ [key]: true }`. */
export function trimmedPattern(pattern: RegExp, key: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = typeof control.value === 'string' ? control.value.trim() : '';
    if (!value) return null;
    return pattern.test(value) ? null : { [key]: true };
  };
}
