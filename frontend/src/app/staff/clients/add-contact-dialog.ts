import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';

import type { Contact } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { DialogActions, DialogSubmission } from '../ui/form-dialog';
import { ProblemAlert } from '../ui/problem-alert';
import { ContactFields } from './contact-fields';
import { contactForm, emailsValue } from './contact-form';

export interface AddContactDialogData {
  accountId: string;
  accountName: string;
}

/** Adds a contact to a client account. Closes with the new contact. */
@Component({
  selector: 'app-add-contact-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, ContactFields, DialogActions, ProblemAlert],
  template: `
    <h2 mat-dialog-title>Add a contact to {{ data.accountName }}</h2>
    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate [attr.aria-label]="'Add a contact to ' + data.accountName">
      <mat-dialog-content>
        <p class="intro">They will see what you share with {{ data.accountName }} once you invite them to the portal.</p>
        <app-problem-alert [problem]="submission.alertProblem()" [messages]="submission.unmatched()" />
        <app-contact-fields [group]="form" [labels]="true" [minEmails]="0" [emailRequired]="false" hint="Optional now; you need one to invite them to the portal." />
      </mat-dialog-content>
      <app-dialog-actions [busy]="submission.busy()" label="Add contact" busyLabel="Adding…" />
    </form>
  `,
  styles: `
    .intro {
      margin: 0 0 1rem;
      color: var(--mat-sys-on-surface-variant);
    }
    app-contact-fields {
      display: block;
      padding-top: 0.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddContactDialog {
  protected readonly data = inject<AddContactDialogData>(MAT_DIALOG_DATA);
  private readonly api = inject(IdentityApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  protected readonly submission = new DialogSubmission<Contact>({ alert: this.alert, form: this.formElement }, true);
  protected readonly form = contactForm(this.fb, undefined, false);

  protected async save(): Promise<void> {
    await this.submission.save(this.form, () => {
      const v = this.form.getRawValue();
      return this.api.createContact({
        accountId: this.data.accountId,
        firstName: v.firstName.trim(),
        lastName: v.lastName.trim(),
        emails: emailsValue(this.form.controls.emails),
        hidden: false,
      });
    });
  }
}
