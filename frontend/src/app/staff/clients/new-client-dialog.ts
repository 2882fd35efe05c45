import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { firstValueFrom } from 'rxjs';

import type { ClientAccountDetail } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { FormProblem, errorText } from '../ui/form-support';
import { ProblemAlert } from '../ui/problem-alert';
import { ContactFields } from './contact-fields';
import { contactForm, emailsValue } from './contact-form';

type Kind = 'person' | 'household' | 'company';

/** "New client": a client account (person, household or company) with its first contact. */
@Component({
  selector: 'app-new-client-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatDialogModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    ContactFields,
    ProblemAlert,
  ],
  template: `
    <h2 mat-dialog-title>New client</h2>
    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="New client">
      <mat-dialog-content>
        <app-problem-alert [problem]="problem.alert()" [messages]="problem.unmatched()" />

        <h3 class="step-title">Account</h3>
        <p class="hint">What you share with the account is visible to its contacts who have portal access.</p>
        <div class="kind" role="group" aria-labelledby="kind-label">
          <span id="kind-label" class="kind-label">The client is</span>
          <mat-button-toggle-group formControlName="kind" aria-labelledby="kind-label" hideSingleSelectionIndicator>
            <mat-button-toggle value="person">A person</mat-button-toggle>
            <mat-button-toggle value="household">A household</mat-button-toggle>
            <mat-button-toggle value="company">A company</mat-button-toggle>
          </mat-button-toggle-group>
        </div>
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
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close [disabled]="busy()">Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-client-submit">
          {{ busy() ? 'Creating…' : 'Create client' }}
        </button>
        @if (busy()) {
          <mat-progress-spinner mode="indeterminate" diameter="20" aria-label="Creating" />
        }
      </mat-dialog-actions>
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
    .kind {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      margin-bottom: 1rem;
    }
    .kind-label {
      font: var(--mat-sys-body-medium);
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
    mat-progress-spinner {
      margin-left: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewClientDialog {
  private readonly api = inject(IdentityApi);
  private readonly ref = inject(MatDialogRef<NewClientDialog, ClientAccountDetail>);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  protected readonly errorText = errorText;
  protected readonly problem = new FormProblem();
  protected readonly busy = signal(false);

  protected readonly form = this.fb.group({
    kind: ['person' as Kind],
    name: ['', [Validators.required, Validators.minLength(2), Validators.maxLength(200)]],
    contacts: this.fb.array([contactForm(this.fb)]),
  });
  private readonly kind = signal<Kind>('person');
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
    const contact = this.form.controls.contacts.at(0);
    try {
      const created = await firstValueFrom(
        this.api.createAccount({
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
        }),
      );
      this.ref.close(created);
    } catch (error: unknown) {
      this.problem.take(error, this.form);
      this.problem.focus(this.injector, this.alert(), this.formElement()?.nativeElement);
    } finally {
      this.busy.set(false);
      this.ref.disableClose = false;
    }
  }
}
