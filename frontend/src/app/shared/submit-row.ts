import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/** A form's submit button (its label turns into `busyLabel` while busy) with a spinner beside it. */
@Component({
  selector: 'app-submit-row',
  imports: [MatButtonModule, MatProgressSpinnerModule],
  template: `
    <div class="submit-row">
      <button mat-flat-button type="submit" [disabled]="busy()" [attr.data-testid]="testId()">
        {{ busy() ? busyLabel() : label() }}
      </button>
      @if (busy()) {
        <mat-progress-spinner mode="indeterminate" diameter="24" [attr.aria-label]="spinnerLabel()" />
      }
    </div>
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubmitRow {
  readonly busy = input.required<boolean>();
  readonly label = input.required<string>();
  /** The button's text while busy, e.g. "Saving…". */
  readonly busyLabel = input.required<string>();
  /** What the spinner announces, e.g. "Saving your password". */
  readonly spinnerLabel = input.required<string>();
  readonly testId = input<string | null>(null);
}
