import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type FormArray, type FormControl, type FormGroup, type NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';

import type { StaffMember } from '../../core/api-types';
import {
  type CustomField,
  type CustomFieldInput,
  ENGAGEMENT_STATUSES,
  type EngagementDetail,
  type EngagementStatus,
  type EngagementType,
} from '../../core/engagements-api';
import { Icon } from '../../shared/icon';
import { errorText } from '../ui/form-support';
import { subtypesOf } from './engagement-ui';

export type CustomFieldGroup = FormGroup<{ name: FormControl<string>; value: FormControl<string>; showToClient: FormControl<boolean> }>;

export type EngagementFieldsGroup = FormGroup<{
  name: FormControl<string>;
  typeId: FormControl<string>;
  subtypeId: FormControl<string>;
  status: FormControl<EngagementStatus>;
  expectedCompletion: FormControl<string>;
  description: FormControl<string>;
  restricted: FormControl<boolean>;
  staffIds: FormControl<string[]>;
  customFields: FormArray<CustomFieldGroup>;
}>;

export function customFieldGroup(fb: NonNullableFormBuilder, f?: CustomField): CustomFieldGroup {
  return fb.group({
    name: [f?.name ?? '', [Validators.required, Validators.maxLength(60)]],
    value: [f?.value ?? '', [Validators.maxLength(2000)]],
    showToClient: [f?.showToClient ?? false],
  });
}

/** The controls an engagement's create and edit forms share, filled from `e` when given. */
export function engagementFieldsControls(fb: NonNullableFormBuilder, e?: EngagementDetail) {
  return {
    name: fb.control(e?.name ?? '', [Validators.required, Validators.maxLength(200)]),
    typeId: fb.control(e?.typeId ?? ''),
    subtypeId: fb.control(e?.subtypeId ?? ''),
    status: fb.control<EngagementStatus>(e?.status ?? 'open'),
    expectedCompletion: fb.control(e?.expectedCompletion ?? ''),
    description: fb.control(e?.description ?? '', [Validators.maxLength(10000)]),
    restricted: fb.control(e?.restricted ?? false),
    staffIds: fb.control<string[]>(e?.staff.map((s) => s.id) ?? []),
    customFields: fb.array<CustomFieldGroup>((e?.customFields ?? []).map((f) => customFieldGroup(fb, f))),
  };
}

export function engagementFieldsGroup(fb: NonNullableFormBuilder, e?: EngagementDetail): EngagementFieldsGroup {
  return fb.group(engagementFieldsControls(fb, e));
}

/** The request fields of the group (empty strings become null, names trimmed). */
export function engagementFieldsValue(group: EngagementFieldsGroup, withStaff: boolean) {
  const v = group.getRawValue();
  const customFields: CustomFieldInput[] = v.customFields.map((f) => ({ name: f.name.trim(), value: f.value, showToClient: f.showToClient }));
  return {
    name: v.name.trim(),
    typeId: v.typeId || null,
    subtypeId: (v.typeId && v.subtypeId) || null,
    status: v.status,
    expectedCompletion: v.expectedCompletion || null,
    description: v.description.trim() || null,
    restricted: v.restricted,
    ...(withStaff ? { staffIds: v.staffIds } : {}),
    customFields,
  };
}

/**
 * One part of an engagement's form: `basics` (name, type, status, dates, description),
 * `custom` (custom fields with "show to client") or `access` (restricted and the staff list).
 */
@Component({
  selector: 'app-engagement-fields',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule, Icon],
  template: `
    @let g = group();
    @switch (part()) {
      @case ('basics') {
        <div [formGroup]="g" class="basics">
          <mat-form-field class="full">
            <mat-label>Name</mat-label>
            <input matInput formControlName="name" autocomplete="off" data-testid="engagement-name" />
            <mat-hint>For example “Green card — Núñez” or “2025 tax return”.</mat-hint>
            <mat-error>{{ errorText(g.controls.name, 'Name') }}</mat-error>
          </mat-form-field>
          <div class="form-row">
            <mat-form-field>
              <mat-label>Type</mat-label>
              <select matNativeControl formControlName="typeId" (change)="g.controls.subtypeId.setValue('')" data-testid="engagement-type">
                <option value="">No type</option>
                @for (t of types(); track t.id) {
                  <option [value]="t.id">{{ t.name }}</option>
                }
              </select>
              <mat-error>{{ errorText(g.controls.typeId, 'Type') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Subtype</mat-label>
              <select matNativeControl formControlName="subtypeId" data-testid="engagement-subtype">
                <option value="">{{ subtypes().length ? 'No subtype' : 'None for this type' }}</option>
                @for (s of subtypes(); track s.id) {
                  <option [value]="s.id">{{ s.name }}</option>
                }
              </select>
              <mat-error>{{ errorText(g.controls.subtypeId, 'Subtype') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Status</mat-label>
              <select matNativeControl formControlName="status" data-testid="engagement-status">
                @for (s of statuses; track s.value) {
                  <option [value]="s.value">{{ s.label }}</option>
                }
              </select>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Expected completion</mat-label>
              <input matInput type="date" formControlName="expectedCompletion" data-testid="engagement-expected" />
              <mat-hint>Clients see this date.</mat-hint>
              <mat-error>{{ errorText(g.controls.expectedCompletion, 'Expected completion') }}</mat-error>
            </mat-form-field>
          </div>
          <mat-form-field class="full">
            <mat-label>Description</mat-label>
            <textarea matInput formControlName="description" rows="3" data-testid="engagement-description"></textarea>
            <mat-hint>For your firm only; clients do not see it.</mat-hint>
            <mat-error>{{ errorText(g.controls.description, 'Description') }}</mat-error>
          </mat-form-field>
        </div>
      }
      @case ('custom') {
        <div class="rows">
          @for (f of g.controls.customFields.controls; track f; let i = $index) {
            <div class="custom-row" [formGroup]="f" role="group" [attr.aria-label]="'Custom field ' + (i + 1)">
              <mat-form-field>
                <mat-label>Field name</mat-label>
                <input matInput formControlName="name" autocomplete="off" [attr.data-testid]="'custom-name-' + i" />
                <mat-error>{{ errorText(f.controls.name, 'Field name') }}</mat-error>
              </mat-form-field>
              <mat-form-field>
                <mat-label>Value</mat-label>
                <input matInput formControlName="value" autocomplete="off" [attr.data-testid]="'custom-value-' + i" />
                <mat-error>{{ errorText(f.controls.value, 'Value') }}</mat-error>
              </mat-form-field>
              <mat-checkbox formControlName="showToClient" [attr.data-testid]="'custom-show-' + i">Show to client</mat-checkbox>
              <button mat-icon-button type="button" (click)="g.controls.customFields.removeAt(i)" [attr.aria-label]="'Remove custom field ' + (i + 1)">
                <app-icon name="delete" />
              </button>
            </div>
          } @empty {
            <p class="muted small">No custom fields. Add a receipt number, a court, a tax year… Tick “Show to client” for what the client may see.</p>
          }
        </div>
        <button mat-stroked-button type="button" (click)="addCustomField()" data-testid="add-custom-field"><app-icon matButtonIcon name="add" />Add custom field</button>
      }
      @case ('access') {
        <div [formGroup]="g">
          <mat-slide-toggle formControlName="restricted" data-testid="engagement-restricted">Only the staff listed below (and admins)</mat-slide-toggle>
          <p class="muted small toggle-hint">
            {{ g.controls.restricted.value
              ? 'Restricted: other colleagues do not see this engagement.'
              : 'Everyone with access to all engagements sees it; colleagues limited to assigned engagements see it when listed.' }}
          </p>
          @if (staff(); as members) {
            <fieldset class="staff-list">
              <legend>Staff on this engagement</legend>
              @for (m of members; track m.id) {
                <mat-checkbox [checked]="g.controls.staffIds.value.includes(m.id)" (change)="toggleStaff(m.id, $event.checked)">
                  {{ m.name }} <span class="muted">· {{ m.role === 'admin' ? 'Admin' : m.engagementAccess === 'assigned' ? 'Assigned only' : 'Staff' }}</span>
                </mat-checkbox>
              }
            </fieldset>
          } @else {
            <p class="muted small">{{ staffNote() }}</p>
          }
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .full {
      width: 100%;
    }
    .form-row mat-form-field {
      width: 100%;
    }
    .basics .full + .form-row,
    .form-row + .full {
      margin-top: 0.875rem;
    }
    .rows {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin-bottom: 0.75rem;
    }
    .custom-row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr) auto auto;
      gap: 0 0.75rem;
      align-items: start;
      mat-checkbox,
      button {
        margin-top: 0.5rem;
      }
      @media (max-width: 640px) {
        grid-template-columns: minmax(0, 1fr) auto;
        padding-bottom: 0.75rem;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
        mat-form-field {
          grid-column: 1 / -1;
        }
        mat-checkbox,
        button {
          margin-top: 0;
        }
      }
    }
    .small {
      font: var(--mat-sys-body-small);
      margin: 0.25rem 0 0.75rem;
    }
    .toggle-hint {
      margin-left: 0.25rem;
    }
    .staff-list {
      display: flex;
      flex-direction: column;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 10px;
      padding: 0.5rem 0.75rem;
      margin: 0.5rem 0 0;
      max-height: 16rem;
      overflow: auto;
      legend {
        font: var(--mat-sys-label-large);
        padding: 0 0.25rem;
      }
    }
    button app-icon {
      --app-icon-size: 18px;
      margin-right: 0.25rem;
    }
    button[mat-icon-button] app-icon {
      margin: 0;
      --app-icon-size: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EngagementFields {
  readonly group = input.required<EngagementFieldsGroup>();
  readonly part = input.required<'basics' | 'custom' | 'access'>();
  readonly fb = input.required<NonNullableFormBuilder>();
  readonly types = input<readonly EngagementType[]>([]);
  /** The firm's staff (admins only: the list is admin-only); null hides the picker. */
  readonly staff = input<readonly StaffMember[] | null>(null);
  readonly staffNote = input('Admins choose the staff on an engagement. You are on the list of what you create.');

  protected readonly statuses = ENGAGEMENT_STATUSES;
  protected readonly errorText = errorText;

  protected subtypes() {
    return subtypesOf(this.types(), this.group().controls.typeId.value);
  }

  protected addCustomField(): void {
    this.group().controls.customFields.push(customFieldGroup(this.fb()));
  }

  protected toggleStaff(id: string, on: boolean): void {
    const c = this.group().controls.staffIds;
    const ids = c.value.filter((x) => x !== id);
    c.setValue(on ? [...ids, id] : ids);
    c.markAsDirty();
  }
}
