import { type Injector, afterNextRender, computed, signal } from '@angular/core';
import type { AbstractControl, FormGroup } from '@angular/forms';

import type { Problem } from '../../core/api-types';
import { toProblem } from '../../core/problem';
import { applyProblemToForm, focusFirstInvalid } from '../../shared/forms';

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

/**
 * The problem of a form's last submission: field messages go beside their fields,
 * the rest (or a problem without field messages) into the page's alert.
 */
export class FormProblem {
  readonly problem = signal<Problem | null>(null);
  readonly unmatched = signal<string[]>([]);
  /** What the alert shows: problems without field errors, and field errors that match no field. */
  readonly alert = computed(() => {
    const problem = this.problem();
    if (!problem) return null;
    return !problem.errors?.length || this.unmatched().length ? problem : null;
  });

  clear(): void {
    this.problem.set(null);
    this.unmatched.set([]);
  }

  /** Record a failure; returns the problem. */
  take(error: unknown, form?: FormGroup): Problem {
    const problem = toProblem(error);
    this.unmatched.set(form ? applyProblemToForm(form, problem) : (problem.errors ?? []).map((e) => e.message));
    this.problem.set(problem);
    return problem;
  }

  /** After the view shows the errors: focus the alert, or else the first invalid field. */
  focus(injector: Injector, alert: { focus(): void } | undefined, container: HTMLElement | undefined): void {
    afterNextRender(
      () => {
        if (this.alert()) alert?.focus();
        else if (container) focusFirstInvalid(container);
      },
      { injector },
    );
  }
}

/** The slug at the end of a problem's type (`…/problems/challenge-expired` → `challenge-expired`). */
export function problemSlug(problem: Problem | null): string {
  return problem?.type?.split('/').pop() ?? '';
}
