import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

import type { ClientAccountDetail } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { DialogActions, DialogSubmission } from '../ui/form-dialog';
import { errorText } from '../ui/form-support';
import { ProblemAlert } from '../ui/problem-alert';
import { ClientKindField, type ClientKind } from './client-kind-field';
import { ContactFields } from './contact-fields';
import { contactForm, emailsValue } from './contact-form';

/** "New client": a client account (person, household or company) with its first contact. */
@Component({
  selector: 'app-new-client-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    ClientKindField,
    ContactFields,
    DialogActions,
    ProblemAlert,
  ],
  template: `
    <h2 mat-dialog-title>New client</h2>
    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="New client">
      <mat-dialog-content>
        <app-problem-alert [problem]="submission.alertProblem()" [messages]="submission.unmatched()" />

        <h3 class="step-title">Account</h3>
        <p class="hint">What you share with the account is visible to its contacts who have portal access.</p>
        <app-client-kind-field [control]="form.controls.kind" />
        <mat-form-field class="full">
          <mat-label>Account name</mat-label>
          <input matInput formControlName="name" autocomplete="off" data-testid="account-name" />
          <mat-hint>{{ nameHint() }}</mat-hint>
          <mat-error>{{ errorText(form.controls.name, 'Account name') }}</mat-error>
        </mat-form-field>

        <h3 class="step-title">First contact</h3>
        <app-contact-fields
          [group]="form.controls.contacts.at(0)"
          [testIds]="true"
          hint="The address you invite the contact with becomes their login name; you choose it later."
        />
      </mat-dialog-content>
      <app-dialog-actions [busy]="submission.busy()" label="Create client" busyLabel="Creating…" submitTestId="create-client-submit" />
    </form>
  `,
  styles: `
    .step-title {
      font: var(--mat-sys-title-medium);
      font-weight: 600;
      margin: 0.5rem 0 0.25rem;
    }
    .step-title + .hint {
      margin: 0 0 1rem;
    }
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .full {
      width: 100%;
      margin-bottom: 0.75rem;
    }
    app-contact-fields {
      display: block;
      padding-top: 0.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewClientDialog {
  private readonly api = inject(IdentityApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  protected readonly errorText = errorText;
  protected readonly submission = new DialogSubmission<ClientAccountDetail>({ alert: this.alert, form: this.formElement }, true);

  protected readonly form = this.fb.group({
    kind: ['person' as ClientKind],
    name: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
    contacts: this.fb.array([contactForm(this.fb)]),
  });
  private readonly kind = signal<ClientKind>('person');
  /** Whether the account name is still the one filled in from the contact's name. */
  private nameFollowsContact = true;

  protected nameHint(): string {
    switch (this.kind()) {
      case 'household':
        return 'For example “Núñez household”.';
      case 'company':
        return 'The company’s name, as your clients know it.';
      default:
        return 'Filled in from the contact’s name; change it if you like.';
    }
  }

  constructor() {
    const contact = this.form.controls.contacts.at(0);
    this.form.controls.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe((k) => {
      this.kind.set(k);
      this.followContact();
    });
    contact.controls.firstName.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.followContact());
    contact.controls.lastName.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.followContact());
    this.form.controls.name.valueChanges.pipe(takeUntilDestroyed()).subscribe((v) => {
      if (v !== this.suggestedName()) this.nameFollowsContact = !v;
    });
  }

  private suggestedName(): string {
    const c = this.form.controls.contacts.at(0).getRawValue();
    const first = c.firstName.trim();
    const last = c.lastName.trim();
    switch (this.kind()) {
      case 'person':
        return [first, last].filter(Boolean).join(' ');
      case 'household':
        return last ? `${last} household` : '';
      default:
        return '';
    }
  }

  private followContact(): void {
    if (!this.nameFollowsContact) return;
    const name = this.form.controls.name;
    const suggestion = this.suggestedName();
    if (name.value !== suggestion) name.setValue(suggestion);
  }

  protected async save(): Promise<void> {
    await this.submission.save(this.form, () => {
      const v = this.form.getRawValue();
      const contact = this.form.controls.contacts.at(0);
      return this.api.createAccount({
        name: v.name.trim(),
        kind: v.kind,
        contacts: [
          {
            firstName: v.contacts[0].firstName.trim(),
            lastName: v.contacts[0].lastName.trim(),
            emails: emailsValue(contact.controls.emails),
            hidden: false,
          },
        ],
      });
    });
  }
}
