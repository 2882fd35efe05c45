import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

import { type EngagementItem, type EngagementItemKind, EngagementsApi } from '../../core/engagements-api';
import { DialogActions, DialogSubmission } from '../ui/form-dialog';
import { errorText } from '../ui/form-support';
import { ProblemAlert } from '../ui/problem-alert';
import { ITEM_KINDS, fromLocalInput, toLocalInput } from './engagement-ui';

export interface ItemDialogData {
  engagementId: string;
  /** The item to edit; a new one without it. */
  item?: EngagementItem;
  kind?: EngagementItemKind;
}

/** Add or edit a note, task or appointment of an engagement. */
@Component({
  selector: 'app-item-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonToggleModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, DialogActions, ProblemAlert],
  template: `
    <h2 mat-dialog-title>{{ data.item ? 'Edit ' + kindLabel().toLowerCase() : 'Add a note, task or appointment' }}</h2>
    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate [attr.aria-label]="data.item ? 'Edit item' : 'New item'">
      <mat-dialog-content>
        <app-problem-alert [problem]="submission.alertProblem()" [messages]="submission.unmatched()" />
        @if (!data.item) {
          <mat-button-toggle-group formControlName="kind" aria-label="Kind" hideSingleSelectionIndicator class="kind">
            @for (k of kinds; track k.value) {
              <mat-button-toggle [value]="k.value" [attr.data-testid]="'item-kind-' + k.value">{{ k.label }}</mat-button-toggle>
            }
          </mat-button-toggle-group>
        }
        <mat-form-field class="full">
          <mat-label>Title</mat-label>
          <input matInput formControlName="title" autocomplete="off" data-testid="item-title" />
          <mat-error>{{ errorText(form.controls.title, 'Title') }}</mat-error>
        </mat-form-field>
        @if (kind() === 'task') {
          <mat-form-field class="full">
            <mat-label>Due date (optional)</mat-label>
            <input matInput type="date" formControlName="dueDate" data-testid="item-due" />
            <mat-error>{{ errorText(form.controls.dueDate, 'Due date') }}</mat-error>
          </mat-form-field>
        }
        @if (kind() === 'appointment') {
          <div class="form-row">
            <mat-form-field>
              <mat-label>Starts</mat-label>
              <input matInput type="datetime-local" formControlName="startsAt" data-testid="item-starts" />
              <mat-error>{{ errorText(form.controls.startsAt, 'Start') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Ends (optional)</mat-label>
              <input matInput type="datetime-local" formControlName="endsAt" data-testid="item-ends" />
              <mat-error>{{ errorText(form.controls.endsAt, 'End') }}</mat-error>
            </mat-form-field>
          </div>
        }
        <mat-form-field class="full">
          <mat-label>{{ kind() === 'note' ? 'Note' : 'Details (optional)' }}</mat-label>
          <textarea matInput formControlName="body" rows="4" data-testid="item-body"></textarea>
          <mat-error>{{ errorText(form.controls.body, 'Text') }}</mat-error>
        </mat-form-field>
        <mat-checkbox formControlName="sharedWithClient" data-testid="item-shared">Shared with client</mat-checkbox>
        <p class="hint">Clients see it on the portal only when the engagement itself is shared with them too.</p>
      </mat-dialog-content>
      <app-dialog-actions [busy]="submission.busy()" [label]="data.item ? 'Save' : 'Add'" busyLabel="Saving…" submitTestId="item-submit" />
    </form>
  `,
  styles: `
    .kind {
      margin-bottom: 1rem;
    }
    .full,
    .form-row mat-form-field {
      width: 100%;
    }
    .hint {
      margin: 0 0 0 2.5rem;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ItemDialog {
  protected readonly data = inject<ItemDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(EngagementsApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);
  protected readonly errorText = errorText;
  protected readonly kinds = ITEM_KINDS;
  protected readonly submission = new DialogSubmission<EngagementItem>({ alert: this.alert, form: this.formElement }, true);

  private readonly item = this.data.item;
  protected readonly form = this.fb.group({
    kind: [this.item?.kind ?? this.data.kind ?? ('note' as EngagementItemKind)],
    title: [this.item?.title ?? '', [Validators.required, Validators.maxLength(200)]],
    body: [this.item?.body ?? '', Validators.maxLength(10000)],
    dueDate: [this.item?.dueDate ?? ''],
    startsAt: [toLocalInput(this.item?.startsAt), Validators.required],
    endsAt: [toLocalInput(this.item?.endsAt)],
    sharedWithClient: [this.item?.sharedWithClient ?? false],
  });
  protected readonly kind = signal<EngagementItemKind>(this.form.controls.kind.value);
  protected readonly kindLabel = () => ITEM_KINDS.find((k) => k.value === this.kind())?.label ?? 'Item';

  constructor() {
    this.applyKind(this.kind());
    this.form.controls.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe((k) => {
      this.kind.set(k);
      this.applyKind(k);
    });
  }

  /** Only the dates of the kind take part (and are sent). */
  private applyKind(kind: EngagementItemKind): void {
    const c = this.form.controls;
    for (const [control, on] of [
      [c.dueDate, kind === 'task'],
      [c.startsAt, kind === 'appointment'],
      [c.endsAt, kind === 'appointment'],
    ] as const) {
      if (on) control.enable({ emitEvent: false });
      else control.disable({ emitEvent: false });
    }
  }

  protected async save(): Promise<void> {
    const v = this.form.getRawValue();
    const kind = this.kind();
    const dates = {
      ...(kind === 'task' ? { dueDate: v.dueDate || null } : {}),
      ...(kind === 'appointment' ? { startsAt: fromLocalInput(v.startsAt), endsAt: fromLocalInput(v.endsAt) } : {}),
    };
    const common = { title: v.title.trim(), body: v.body.trim() || null, sharedWithClient: v.sharedWithClient, ...dates };
    await this.submission.save(this.form, () =>
      this.item ? this.api.updateItem(this.data.engagementId, this.item.id, common) : this.api.createItem(this.data.engagementId, { kind, ...common }),
    );
  }
}
