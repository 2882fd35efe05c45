import { ChangeDetectionStrategy, Component, ElementRef, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { type AbstractControl, FormArray, type FormControl, type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { Contact, PortalAccess, Problem } from '../../core/api-types';
import { IdentityApi } from '../../core/identity-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { FormSubmission } from '../../shared/form-submission';
import { errorText } from '../ui/form-support';
import { formatDateTime, text } from '../ui/format';
import { PortalStatusBadge } from '../ui/portal-status-badge';
import { ProblemAlert } from '../ui/problem-alert';
import { ContactFields } from './contact-fields';
import { contactForm, emailsValue } from './contact-form';
import { PortalAccessPanel } from './portal-access-panel';

type CustomFieldGroup = FormGroup<{ key: FormControl<string>; value: FormControl<string> }>;

/** Custom field names must be unique (the server keeps one value per name). */
function uniqueKeys(array: AbstractControl): ValidationErrors | null {
  const rows = (array as FormArray<CustomFieldGroup>).controls;
  const seen = new Map<string, CustomFieldGroup>();
  for (const row of rows) {
    const key = row.controls.key;
    const k = key.value.trim().toLowerCase();
    const duplicate = !!k && seen.has(k);
    if (duplicate !== !!key.errors?.['duplicate']) {
      const { duplicate: _, ...rest } = key.errors ?? {};
      key.setErrors(duplicate ? { ...rest, duplicate: true } : Object.keys(rest).length ? rest : null);
    }
    if (k) seen.set(k, row);
  }
  return null;
}

/** A key is needed when a value is given. */
function keyWhenValue(group: AbstractControl): ValidationErrors | null {
  const { key, value } = (group as CustomFieldGroup).controls;
  const missing = !key.value.trim() && !!value.value.trim();
  if (missing !== !!key.errors?.['required']) {
    const { required: _, ...rest } = key.errors ?? {};
    key.setErrors(missing ? { ...rest, required: true } : Object.keys(rest).length ? rest : null);
  }
  return null;
}

/** `/staff/clients/contacts/:id`: a contact's details and their portal access. */
@Component({
  selector: 'app-contact-detail-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatSlideToggleModule,
    ContactFields,
    Icon,
    PortalAccessPanel,
    PortalStatusBadge,
    ProblemAlert,
  ],
  template: `
    @if (loadProblem(); as p) {
      <p class="crumbs"><a routerLink="/staff/clients">Clients</a> ›</p>
      <app-problem-alert [problem]="p" />
    } @else if (contact(); as c) {
      <p class="crumbs">
        <a routerLink="/staff/clients">Clients</a> › <a [routerLink]="['/staff/clients/accounts', c.accountId]">{{ c.accountName }}</a> ›
      </p>
      <div class="page-head">
        <div>
          <h1 tabindex="-1">{{ c.firstName }} {{ c.lastName }}</h1>
          <p class="sub">
            Contact of <a [routerLink]="['/staff/clients/accounts', c.accountId]">{{ c.accountName }}</a>
            · <app-portal-status-badge [status]="c.portalStatus" [expired]="c.invitationExpired" />
            @if (c.hidden) {
              · <span class="tag"><app-icon name="hidden" class="tiny" />Hidden</span>
            }
          </p>
        </div>
      </div>

      <div class="columns">
        <section class="card details" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <p class="card-intro">Last changed {{ formatDateTime(c.updatedAt) }}. A new name shows everywhere at once, in the portal too.</p>
          <div class="alert alert-success" role="status">@if (saved()) {
            <app-icon name="check" /><span>Changes saved.</span>
          }</div>
          <app-problem-alert [problem]="submission.alertProblem()" [messages]="submission.unmatched()" />

          <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate aria-labelledby="details-title">
            <app-contact-fields
              [group]="form.controls.person"
              [labels]="true"
              [minEmails]="0"
              [emailRequired]="false"
              [hint]="emailHint()"
            />

            <div class="toggle-row">
              <mat-slide-toggle formControlName="hidden" aria-describedby="hidden-hint" data-testid="contact-hidden">Hidden contact</mat-slide-toggle>
              <p id="hidden-hint" class="hint">Hidden contacts are left out of the contact list unless “Show hidden contacts” is on. Their portal access is not changed.</p>
            </div>

            <div class="custom-sep">
            <fieldset formArrayName="customFields" class="custom">
              <legend>Custom fields</legend>
              <p class="hint">Anything else you keep about this contact, as name and value (for example “Spouse” · “Luis”).</p>
              @for (row of form.controls.customFields.controls; track row; let i = $index) {
                <div class="custom-row" [formGroupName]="i">
                  <mat-form-field>
                    <mat-label>Name</mat-label>
                    <input matInput formControlName="key" autocomplete="off" />
                    <mat-error>{{ customKeyError(row.controls.key) }}</mat-error>
                  </mat-form-field>
                  <mat-form-field>
                    <mat-label>Value</mat-label>
                    <input matInput formControlName="value" autocomplete="off" />
                  </mat-form-field>
                  <button mat-icon-button type="button" class="remove" (click)="removeCustomField(i)" [attr.aria-label]="'Remove custom field ' + (row.controls.key.value || i + 1)">
                    <app-icon name="close" />
                  </button>
                </div>
              }
              <button mat-button type="button" (click)="addCustomField()"><app-icon matButtonIcon name="add" />Add a custom field</button>
            </fieldset>
            </div>

            <div class="submit-row">
              <button mat-flat-button type="submit" [disabled]="submission.busy() || form.pristine" data-testid="save-contact">{{ submission.busy() ? 'Saving…' : 'Save changes' }}</button>
              <button mat-button type="button" (click)="reset(c)" [disabled]="submission.busy() || form.pristine">Discard changes</button>
              @if (submission.busy()) {
                <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Saving" />
              }
            </div>
          </form>
        </section>

        <app-portal-access-panel [contact]="c" (changed)="accessChanged($event)" />
      </div>
    } @else {
      <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="36" aria-label="Loading the contact" /></div>
    }
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    .sub {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.35rem;
    }
    .tiny {
      --app-icon-size: 14px;
      margin-right: 0.2rem;
      vertical-align: -2px;
    }
    .columns {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      gap: 1.5rem;
      align-items: start;
      @media (max-width: 1100px) {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .alert app-icon {
      --app-icon-size: 20px;
    }
    .toggle-row {
      margin: 0.5rem 0 1rem;
      padding-top: 1rem;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .hint {
      margin: 0.35rem 0 0.75rem;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .custom {
      border: none;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    .custom-sep {
      padding-top: 1rem;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    legend {
      font: var(--mat-sys-title-small);
      font-weight: 600;
      padding: 0;
    }
    .custom-row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1.5fr) auto;
      gap: 0 0.5rem;
      align-items: start;
      margin-bottom: 0.5rem;
      mat-form-field {
        width: 100%;
      }
      @media (max-width: 560px) {
        grid-template-columns: minmax(0, 1fr) auto;
        mat-form-field:nth-child(2) {
          grid-column: 1;
          grid-row: 2;
        }
      }
    }
    .remove {
      margin-top: 4px;
    }
    .remove app-icon {
      margin: 0;
      --app-icon-size: 20px;
    }
    .submit-row {
      flex-wrap: wrap;
      margin-top: 1.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContactDetailPage {
  private readonly api = inject(IdentityApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  readonly id = input.required<string>();

  protected readonly errorText = errorText;
  protected readonly formatDateTime = formatDateTime;
  protected readonly contact = signal<Contact | null>(null);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });
  protected readonly saved = signal(false);

  protected readonly form = this.fb.group({
    person: contactForm(this.fb, undefined, false),
    hidden: [false],
    customFields: this.fb.array<CustomFieldGroup>([], { validators: uniqueKeys }),
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  protected emailHint(): string {
    const login = text(this.contact()?.loginEmail);
    return login
      ? `Changing these addresses does not change the login e-mail (${login}); use “Change login e-mail” under Portal access.`
      : 'Changing these addresses never changes a login e-mail: that is its own action under Portal access.';
  }

  private async load(id: string): Promise<void> {
    this.contact.set(null);
    this.loadProblem.set(null);
    try {
      const contact = await firstValueFrom(this.api.contact(id));
      this.reset(contact);
      this.contact.set(contact);
    } catch (error: unknown) {
      this.loadProblem.set(toProblem(error));
    }
  }

  protected reset(contact: Contact): void {
    this.form.setControl('person', contactForm(this.fb, contact, false));
    if (!contact.emails.length) this.form.controls.person.controls.emails.clear();
    const custom = this.form.controls.customFields;
    custom.clear();
    for (const [key, value] of Object.entries(contact.customFields ?? {})) custom.push(this.customField(key, value));
    this.form.controls.hidden.setValue(contact.hidden);
    this.form.markAsPristine();
    this.form.markAsUntouched();
    this.submission.clear();
  }

  private customField(key = '', value = ''): CustomFieldGroup {
    return this.fb.group({ key: [key], value: [value] }, { validators: keyWhenValue });
  }

  protected addCustomField(): void {
    this.form.controls.customFields.push(this.customField());
    this.form.markAsDirty();
    const index = this.form.controls.customFields.length - 1;
    this.submission.afterRender(() => this.formElement()?.nativeElement.querySelectorAll<HTMLInputElement>('.custom-row input')[index * 2]?.focus());
  }

  protected removeCustomField(index: number): void {
    this.form.controls.customFields.removeAt(index);
    this.form.controls.customFields.updateValueAndValidity();
    this.form.markAsDirty();
  }

  protected customKeyError(control: FormControl<string>): string {
    if (control.errors?.['duplicate']) return 'This name is used twice.';
    if (control.errors?.['required']) return 'Give the field a name.';
    return '';
  }

  protected accessChanged(access: PortalAccess): void {
    this.contact.update((c) =>
      c ? { ...c, portalStatus: access.status, invitationExpired: access.invitationExpired, loginEmail: access.loginEmail, verified: !!access.verifiedAt } : c,
    );
  }

  protected async save(): Promise<void> {
    const current = this.contact();
    if (this.submission.busy() || !current) return;
    this.saved.set(false);
    await this.submission.run(
      this.form,
      async () => {
        const v = this.form.getRawValue();
        const customFields: Record<string, string> = {};
        for (const row of v.customFields) if (row.key.trim()) customFields[row.key.trim()] = row.value.trim();
        const updated = await firstValueFrom(
          this.api.updateContact(current.id, {
            firstName: v.person.firstName.trim(),
            lastName: v.person.lastName.trim(),
            emails: emailsValue(this.form.controls.person.controls.emails),
            hidden: v.hidden,
            customFields,
          }),
        );
        this.reset(updated);
        this.contact.set(updated);
        this.saved.set(true);
      },
      // Server field paths are relative to the contact (firstName, emails.0.address).
      { fields: this.form.controls.person as unknown as FormGroup },
    );
  }
}
