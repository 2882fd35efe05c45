import { ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';

import type { Problem } from '../core/api-types';
import { toProblem } from '../core/problem';
import { applyProblemToForm, focusFirstInvalid } from './forms';

/** Where a submission's messages show: the page's alert region and the form around the fields. */
export interface SubmissionTargets {
  /** The alert (a problem-alert component, or an element with `tabindex="-1"`). */
  readonly alert: () => { focus(): void } | ElementRef<HTMLElement> | undefined;
  /** The `<form>` element: its first invalid field takes the focus. */
  readonly form?: () => ElementRef<HTMLElement> | undefined;
}

export interface RunOptions {
  /** The group whose controls take the server's field messages, when not the whole form. */
  readonly fields?: FormGroup;
  /** Stay busy after success: the page is on its way out (navigation, a full page load). */
  readonly keepBusy?: boolean;
  /** Sees a failure first; returns `true` when it dealt with it (then nothing is shown or focused). */
  readonly onError?: (problem: Problem) => boolean | void;
}

/**
 * The state of a form's submission: `busy` while the call runs, and the problem of
 * the last failure. Field messages go beside their fields (`applyProblemToForm`),
 * the rest into the page's alert; after the view shows them, the focus goes to the
 * alert or else to the first invalid field. Create it in the component's injection
 * context (a field initializer), after the queries it is given.
 */
export class FormSubmission {
  private readonly injector = inject(Injector);

  readonly busy = signal(false);
  readonly problem = signal<Problem | null>(null);
  /** Field messages that match no field of the form. */
  readonly unmatched = signal<string[]>([]);
  /** What the alert shows: a problem without field messages, or one with messages that match no field. */
  readonly alertProblem = computed(() => {
    const problem = this.problem();
    if (!problem) return null;
    return !problem.errors?.length || this.unmatched().length ? problem : null;
  });

  constructor(private readonly targets: SubmissionTargets) {}

  clear(): void {
    this.problem.set(null);
    this.unmatched.set([]);
  }

  /** Clears the last problem; an invalid form shows its errors and focuses the first invalid field. */
  private validate(form: FormGroup): boolean {
    this.clear();
    if (form.valid) return true;
    form.markAllAsTouched();
    this.afterRender(() => this.focusFirstInvalid());
    return false;
  }

  /**
   * Submits `form` (when not busy, and once it is valid) by running `work`, busy meanwhile;
   * `null` for an action without a form. A failure is shown (see `fail`). Resolves to
   * whether `work` succeeded.
   */
  async run(form: FormGroup | null, work: () => Promise<unknown>, options: RunOptions = {}): Promise<boolean> {
    if (this.busy()) return false;
    if (!form) this.clear();
    else if (!this.validate(form)) return false;
    this.busy.set(true);
    let done = false;
    try {
      await work();
      done = true;
    } catch (error: unknown) {
      this.fail(error, options.fields ?? form ?? undefined, options.onError);
    } finally {
      if (!done || !options.keepBusy) this.busy.set(false);
    }
    return done;
  }

  /** Shows a failure: field messages beside the fields of `fields`, the rest in the alert, then the focus. */
  fail(error: unknown, fields?: FormGroup, onError?: RunOptions['onError']): void {
    const problem = toProblem(error);
    if (onError?.(problem)) return;
    this.unmatched.set(fields ? applyProblemToForm(fields, problem) : []);
    this.problem.set(problem);
    this.afterRender(() => {
      if (!this.alertProblem()) return this.focusFirstInvalid();
      const alert = this.targets.alert();
      (alert instanceof ElementRef ? alert.nativeElement : alert)?.focus();
    });
  }

  /** Runs `fn` once the view has been updated (to move the focus). */
  afterRender(fn: () => void): void {
    afterNextRender(fn, { injector: this.injector });
  }

  private focusFirstInvalid(): void {
    const form = this.targets.form?.()?.nativeElement;
    if (form) focusFirstInvalid(form);
  }
}
