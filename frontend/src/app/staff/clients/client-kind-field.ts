import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonToggleModule } from '@angular/material/button-toggle';

import type { ClientAccountDetail } from '../../core/api-types';

export type ClientKind = ClientAccountDetail['kind'];

let nextId = 0;

/** "The client is": a person, a household or a company (inside the parent's form). */
@Component({
  selector: 'app-client-kind-field',
  imports: [ReactiveFormsModule, MatButtonToggleModule],
  template: `
    <div class="kind" role="group" [attr.aria-labelledby]="labelId">
      <span [id]="labelId" class="kind-label">The client is</span>
      <mat-button-toggle-group [formControl]="control()" [attr.aria-labelledby]="labelId" hideSingleSelectionIndicator>
        <mat-button-toggle value="person">A person</mat-button-toggle>
        <mat-button-toggle value="household">A household</mat-button-toggle>
        <mat-button-toggle value="company">A company</mat-button-toggle>
      </mat-button-toggle-group>
    </div>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 1rem;
    }
    .kind {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
    }
    .kind-label {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClientKindField {
  readonly control = input.required<FormControl<ClientKind>>();
  protected readonly labelId = `client-kind-label-${nextId++}`;
}
