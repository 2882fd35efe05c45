import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { firstValueFrom } from 'rxjs';

import type { Contact } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { FormProblem } from '../ui/form-support';
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
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatProgressSpinnerModule, ContactFields, ProblemAlert],
  template: `
    <h2 mat-dialog-title>Add a contact to {{ data.accountName }}</h2>
    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate [attr.aria-label]="'Add a contact to ' + data.accountName">
      <mat-dialog-content>
        <p class="intro">They will see what you share with {{ data.accountName }} once you invite them to the portal.</p>
        <app-problem-alert [problem]="problem.alert()" [messages]="problem.unmatched()" />
        <app-contact-fields [group]="form" [labels]="true" [minEmails]="0" [emailRequired]="false" hint="Optional now; you need one to invite them to the portal." />
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Adding…' : 'Add contact' }}</button>
        @if (busy()) {
          <mat-progress-spinner mode="indeterminate" diameter="20" aria-label="Adding" />
        }
      </mat-dialog-actions>
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
    mat-progress-spinner {
      margin-left: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddContactDialog {
  protected readonly data = inject<AddContactDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<AddContactDialog, Contact>);
  private readonly api = inject(IdentityApi);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  protected readonly problem = new FormProblem();
  protected readonly busy = signal(false);
  protected readonly form = contactForm(this.fb, undefined, false);

  protected async save(): Promise<void> {
    if (this.busy()) return;
    this.problem.clear();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.problem.focus(this.injector, undefined, this.formElement()?.nativeElement);
      return;
    }
    this.busy.set(true);
    this.ref.disableClose = true;
    const v = this.form.getRawValue();
    try {
      const contact = await firstValueFrom(
        this.api.createContact({
          accountId: this.data.accountId,
          firstName: v.firstName.trim(),
          lastName: v.lastName.trim(),
          emails: emailsValue(this.form.controls.emails),
          hidden: false,
        }),
      );
      this.ref.close(contact);
    } catch (error: unknown) {
      this.problem.take(error, this.form);
      this.problem.focus(this.injector, this.alert(), this.formElement()?.nativeElement);
    } finally {
      this.busy.set(false);
      this.ref.disableClose = false;
    }
  }
}
