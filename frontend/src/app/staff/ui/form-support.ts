import type { AbstractControl } from '@angular/forms';

/** The message beside a field for its first error (a server message wins). */
export function errorText(control: AbstractControl, label: string): string {
  const errors = control.errors;
  if (!errors) return '';
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return `${label} is required.`;
  if (errors['minlength']) return `${label} must be at least ${errors['minlength'].requiredLength} characters.`;
  if (errors['maxlength']) return `${label} must be at most ${errors['maxlength'].requiredLength} characters.`;
  if (errors['email']) return 'Enter a valid e-mail address, such as ana@example.com.';
  if (errors['mismatch']) return 'The passwords do not match.';
  if (errors['min']) return `${label} must be at least ${errors['min'].min}.`;
  if (errors['max']) return `${label} must be at most ${errors['max'].max}.`;
  if (errors['pattern']) return `${label} is not in the expected format.`;
  return `${label} is not valid.`;
}
