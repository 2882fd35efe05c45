import { ChangeDetectionStrategy, Component, booleanAttribute, computed, inject, input } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { type Observable, firstValueFrom } from 'rxjs';

import { FormSubmission, type RunOptions, type SubmissionTargets } from '../../shared/form-submission';

/**
 * The submission of a dialog's form: on success the dialog closes with the answer.
 * With `holdOpen`, Escape and the backdrop do not close the dialog while the call runs.
 */
export class DialogSubmission<R> extends FormSubmission {
  private readonly ref = inject<MatDialogRef<unknown, R>>(MatDialogRef);

  constructor(
    targets: SubmissionTargets,
    private readonly holdOpen = false,
  ) {
    super(targets);
  }

  /** Submits `form` (see `run`) and closes the dialog with what `call` answers. */
  save(form: FormGroup, call: () => Observable<R>, options?: RunOptions): Promise<boolean> {
    return this.run(
      form,
      async () => {
        if (this.holdOpen) this.ref.disableClose = true;
        try {
          this.ref.close(await firstValueFrom(call()));
        } finally {
          if (this.holdOpen) this.ref.disableClose = false;
        }
      },
      options,
    );
  }
}

/** The actions of a dialog's form: Cancel, the submit button (`busyLabel` while busy) and a spinner. */
@Component({
  selector: 'app-dialog-actions',
  imports: [MatButtonModule, MatDialogModule, MatProgressSpinnerModule],
  template: `
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button mat-flat-button type="submit" [disabled]="busy()" [attr.data-testid]="submitTestId()">{{ busy() ? busyLabel() : label() }}</button>
      @if (busy() && spinner()) {
        <mat-progress-spinner mode="indeterminate" diameter="20" [attr.aria-label]="spinnerLabel()" />
      }
    </mat-dialog-actions>
  `,
  styles: `
    :host {
      display: contents;
    }
    mat-progress-spinner {
      margin-left: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DialogActions {
  readonly busy = input.required<boolean>();
  /** The submit button's text. */
  readonly label = input.required<string>();
  /** Its text while busy, e.g. "Saving…" (the spinner is named after it). */
  readonly busyLabel = input.required<string>();
  readonly submitTestId = input<string | null>(null);
  /** A spinner beside the buttons while busy. */
  readonly spinner = input(true, { transform: booleanAttribute });

  protected readonly spinnerLabel = computed(() => this.busyLabel().replace(/…$/, ''));
}
