import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { type FormControl, type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

import type { Contact, StaffMember } from '../../core/api-types';
import { type EngagementDetail, EngagementsApi, type EngagementType } from '../../core/engagements-api';
import { Icon } from '../../shared/icon';
import { DialogActions, DialogSubmission } from '../ui/form-dialog';
import { errorText } from '../ui/form-support';
import { ProblemAlert } from '../ui/problem-alert';
import { EngagementFields, type EngagementFieldsGroup, engagementFieldsControls, engagementFieldsValue } from './engagement-fields';

export interface EditEngagementData {
  engagement: EngagementDetail;
  types: readonly EngagementType[];
  /** The firm's staff; null for non-admins (the list is admin-only). */
  staff: readonly StaffMember[] | null;
  /** The contacts of the engagement's account (parties are chosen among them). */
  contacts: readonly Contact[];
}

type PartyRef = FormGroup<{ contactId: FormControl<string>; role: FormControl<string> }>;

/** "Edit engagement": details, parties (contacts of the account), custom fields and staff access. */
@Component({
  selector: 'app-edit-engagement-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, DialogActions, EngagementFields, Icon, ProblemAlert],
  template: `
    <h2 mat-dialog-title>Edit engagement</h2>
    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Edit engagement">
      <mat-dialog-content>
        <app-problem-alert [problem]="submission.alertProblem()" [messages]="submission.unmatched()" />
        <app-engagement-fields [group]="fields" part="basics" [fb]="fb" [types]="data.types" />

        <h3 class="step-title">Parties</h3>
        <p class="hint">Contacts of {{ data.engagement.accountName }}. Add new people on the account's page first.</p>
        @for (p of form.controls.parties.controls; track p; let i = $index) {
          <div class="party" [formGroup]="p" role="group" [attr.aria-label]="'Party ' + (i + 1)">
            <mat-form-field class="grow">
              <mat-label>Contact</mat-label>
              <select matNativeControl formControlName="contactId">
                <option value="" disabled>Choose a contact</option>
                @for (c of data.contacts; track c.id) {
                  <option [value]="c.id">{{ c.firstName }} {{ c.lastName }}</option>
                }
              </select>
              <mat-error>{{ errorText(p.controls.contactId, 'Contact') }}</mat-error>
            </mat-form-field>
            <mat-form-field class="role">
              <mat-label>Role</mat-label>
              <input matInput formControlName="role" autocomplete="off" />
              <mat-error>{{ errorText(p.controls.role, 'Role') }}</mat-error>
            </mat-form-field>
            <button mat-icon-button type="button" (click)="form.controls.parties.removeAt(i)" [attr.aria-label]="'Remove party ' + (i + 1)"><app-icon name="delete" /></button>
          </div>
        }
        @if (data.contacts.length) {
          <button mat-stroked-button type="button" (click)="addParty()"><app-icon matButtonIcon name="add" />Add party</button>
        }

        <h3 class="step-title">Custom fields</h3>
        <app-engagement-fields [group]="fields" part="custom" [fb]="fb" />

        <h3 class="step-title">Staff access</h3>
        <app-engagement-fields [group]="fields" part="access" [fb]="fb" [staff]="data.staff" staffNote="Admins choose the staff on an engagement." />
      </mat-dialog-content>
      <app-dialog-actions [busy]="submission.busy()" label="Save changes" busyLabel="Saving…" submitTestId="save-engagement" />
    </form>
  `,
  styles: `
    .step-title {
      font: var(--mat-sys-title-medium);
      font-weight: 600;
      margin: 1.25rem 0 0.25rem;
    }
    .hint {
      margin: 0 0 0.75rem;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .party + .party {
      margin-top: 0.75rem;
    }
    .party:last-of-type {
      margin-bottom: 0.5rem;
    }
    .party {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
      align-items: flex-start;
      .grow {
        flex: 1 1 14rem;
      }
      .role {
        flex: 1 1 10rem;
      }
      button {
        margin-top: 0.5rem;
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
export class EditEngagementDialog {
  protected readonly data = inject<EditEngagementData>(MAT_DIALOG_DATA);
  private readonly api = inject(EngagementsApi);
  protected readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);
  protected readonly errorText = errorText;
  protected readonly submission = new DialogSubmission<EngagementDetail>({ alert: this.alert, form: this.formElement }, true);

  protected readonly form = this.fb.group({
    ...engagementFieldsControls(this.fb, this.data.engagement),
    parties: this.fb.array<PartyRef>(this.data.engagement.parties.map((p) => this.party(p.contactId, p.role ?? ''))),
  });
  protected readonly fields = this.form as unknown as EngagementFieldsGroup;

  private party(contactId = '', role = ''): PartyRef {
    return this.fb.group({ contactId: [contactId, Validators.required], role: [role, Validators.maxLength(60)] });
  }

  protected addParty(): void {
    this.form.controls.parties.push(this.party());
  }

  protected async save(): Promise<void> {
    await this.submission.save(this.form, () =>
      this.api.update(this.data.engagement.id, {
        ...engagementFieldsValue(this.fields, this.data.staff !== null),
        parties: this.form.controls.parties.getRawValue().map((p) => ({ contactId: p.contactId, role: p.role.trim() || null })),
      }),
    );
  }
}
