import { ChangeDetectionStrategy, Component, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { type Observable, firstValueFrom } from 'rxjs';

import type { Problem } from '../../core/api-types';
import { toProblem } from '../../core/problem';
import { ProblemAlert } from './problem-alert';

export interface ConfirmDialogData<T = unknown> {
  title: string;
  /** Paragraphs of explanation. */
  body: readonly string[];
  confirmLabel: string;
  /** Label while the action runs, e.g. "Deleting…". */
  busyLabel?: string;
  destructive?: boolean;
  /** Run inside the dialog: a failure is shown in the dialog, success closes it with the result. */
  action?: () => Observable<T>;
  /** Extra render of a problem (e.g. a list from the problem body). */
  describeProblem?: (problem: Problem) => string[];
}

/**
 * "Are you sure?" with the consequences spelled out. Resolves with the action's
 * result (or `true` without an action); `undefined` when cancelled.
 */
@Component({
  selector: 'app-confirm-dialog',
  imports: [MatButtonModule, MatDialogModule, MatProgressSpinnerModule, ProblemAlert],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <app-problem-alert [problem]="problem()" [messages]="extra()" />
      @for (p of data.body; track $index) {
        <p>{{ p }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
      <button mat-flat-button type="button" [class.destructive]="data.destructive" (click)="confirm()" [disabled]="busy()" cdkFocusInitial>
        {{ busy() ? (data.busyLabel ?? 'Working…') : data.confirmLabel }}
      </button>
      @if (busy()) {
        <mat-progress-spinner mode="indeterminate" diameter="20" aria-label="Working" />
      }
    </mat-dialog-actions>
  `,
  styles: `
    p {
      margin: 0 0 0.75rem;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
    mat-progress-spinner {
      margin-left: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ConfirmDialog>);
  private readonly injector = inject(Injector);
  private readonly alert = viewChild.required(ProblemAlert);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly extra = signal<string[]>([]);

  protected async confirm(): Promise<void> {
    if (!this.data.action) {
      this.ref.close(true);
      return;
    }
    this.busy.set(true);
    this.problem.set(null);
    this.ref.disableClose = true;
    try {
      const result = await firstValueFrom(this.data.action());
      this.ref.close(result ?? true);
    } catch (error: unknown) {
      const problem = toProblem(error);
      this.extra.set([...(problem.errors?.map((e) => e.message) ?? []), ...(this.data.describeProblem?.(problem) ?? [])]);
      this.problem.set(problem);
      this.busy.set(false);
      this.ref.disableClose = false;
      afterNextRender(() => this.alert().focus(), { injector: this.injector });
    }
  }
}
