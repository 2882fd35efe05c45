import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, input } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

import { errorText } from '../ui/form-support';
import { Icon } from '../../shared/icon';
import { type ContactForm, emailGroup, nameError } from './contact-form';

/** First and last name and one or more e-mail addresses of a contact (inside a parent form). */
@Component({
  selector: 'app-contact-fields',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, Icon],
  template: `
    <div [formGroup]="group()" class="fields">
      <div class="form-row">
        <mat-form-field>
          <mat-label>First name</mat-label>
          <input matInput formControlName="firstName" autocomplete="off" [attr.data-testid]="testIds() ? 'contact-first-name' : null" />
          <mat-error>{{ nameError(group().controls.firstName, 'First name') }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>Last name</mat-label>
          <input matInput formControlName="lastName" autocomplete="off" [attr.data-testid]="testIds() ? 'contact-last-name' : null" />
          <mat-error>{{ nameError(group().controls.lastName, 'Last name') }}</mat-error>
        </mat-form-field>
      </div>

      <fieldset formArrayName="emails">
        <legend>E-mail addresses</legend>
        @if (hint()) {
          <p class="hint">{{ hint() }}</p>
        }
        @for (row of group().controls.emails.controls; track row; let i = $index) {
          <div class="email-row" [formGroupName]="i" [class.with-label]="labels()">
            <mat-form-field class="address">
              <mat-label>{{ i === 0 ? 'E-mail' : 'E-mail ' + (i + 1) }}</mat-label>
              <input
                matInput
                type="email"
                formControlName="address"
                autocomplete="off"
                [attr.data-testid]="testIds() ? (i === 0 ? 'contact-email' : 'contact-email-' + (i + 1)) : null"
              />
              <mat-error>{{ errorText(row.controls.address, 'E-mail') }}</mat-error>
            </mat-form-field>
            @if (labels()) {
              <mat-form-field class="label">
                <mat-label>Label</mat-label>
                <input matInput formControlName="label" autocomplete="off" placeholder="work, home…" />
                <mat-error>{{ errorText(row.controls.label, 'Label') }}</mat-error>
              </mat-form-field>
            }
            @if (group().controls.emails.length > minEmails()) {
              <button mat-icon-button type="button" class="remove" (click)="removeEmail(i)" [attr.aria-label]="'Remove e-mail ' + (row.controls.address.value || i + 1)">
                <app-icon name="close" />
              </button>
            }
          </div>
        }
        @if (group().controls.emails.length < 10) {
          <button mat-button type="button" (click)="addEmail()"><app-icon matButtonIcon name="add" />Add {{ group().controls.emails.length ? 'another' : 'an' }} e-mail address</button>
        }
      </fieldset>
    </div>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    mat-form-field {
      width: 100%;
    }
    fieldset {
      border: none;
      margin: 0;
      padding: 0;
      min-width: 0;
    }
    legend {
      font: var(--mat-sys-title-small);
      font-weight: 600;
      margin-bottom: 0.5rem;
      padding: 0;
    }
    .hint {
      margin: -0.25rem 0 0.75rem;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .email-row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      gap: 0 0.5rem;
      align-items: start;
      margin-bottom: 0.5rem;
      &.with-label {
        grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) auto;
      }
    }
    .remove {
      margin-top: 4px;
    }
    button app-icon {
      --app-icon-size: 18px;
      margin-right: 0.25rem;
    }
    .remove app-icon {
      margin: 0;
      --app-icon-size: 20px;
    }
    @media (max-width: 560px) {
      .email-row.with-label {
        grid-template-columns: minmax(0, 1fr) auto;
        .label {
          grid-column: 1;
          grid-row: 2;
        }
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContactFields {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly group = input.required<ContactForm>();
  /** Put the `contact-*` test ids on the fields (the first contact of "New client"). */
  readonly testIds = input(false);
  /** Show a label field beside each address. */
  readonly labels = input(false);
  /** Rows that cannot be removed. */
  readonly minEmails = input(1);
  /** New rows must be filled in (otherwise an empty row is left out). */
  readonly emailRequired = input(true);
  readonly hint = input('');

  protected readonly errorText = errorText;
  protected readonly nameError = nameError;

  protected addEmail(): void {
    const emails = this.group().controls.emails;
    emails.push(emailGroup(this.fb, '', '', this.emailRequired()));
    const index = emails.length - 1;
    afterNextRender(
      () => this.host.nativeElement.querySelectorAll<HTMLInputElement>('.email-row .address input')[index]?.focus(),
      { injector: this.injector },
    );
  }

  protected removeEmail(index: number): void {
    const emails = this.group().controls.emails;
    emails.removeAt(index);
    emails.markAsDirty();
    afterNextRender(
      () => {
        const inputs = this.host.nativeElement.querySelectorAll<HTMLInputElement>('.email-row .address input');
        (inputs[Math.min(index, inputs.length - 1)] ?? this.host.nativeElement.querySelector('fieldset button'))?.focus();
      },
      { injector: this.injector },
    );
  }
}
