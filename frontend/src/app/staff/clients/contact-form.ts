import { type AbstractControl, type FormArray, type FormControl, type FormGroup, type NonNullableFormBuilder, type ValidationErrors, Validators } from '@angular/forms';

import type { Contact } from '../../core/api-types';
import { text } from '../ui/format';

/** Letters of any alphabet, spaces, hyphens and apostrophes (the server's rule). */
const NAME_RULE = /^[\p{L}\p{M}][\p{L}\p{M}' ’-]*(?: [\p{L}\p{M}' ’-]+)*$/u;
/** At least two letters (hyphens, apostrophes and spaces do not count). */
const TWO_LETTERS = /^(?:\P{L}*\p{L}){2}/u;

/** Validator: a person's name (checked trimmed, as it is sent). */
export function personName(minLetters: 1 | 2) {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const value = (control.value ?? '').trim();
    if (!value) return null;
    if (minLetters === 2 && !TWO_LETTERS.test(value)) return { minlength: { requiredLength: 2 } };
    return NAME_RULE.test(value) ? null : { pattern: true };
  };
}

export type EmailGroup = FormGroup<{ address: FormControl<string>; label: FormControl<string> }>;
export type ContactForm = FormGroup<{
  firstName: FormControl<string>;
  lastName: FormControl<string>;
  emails: FormArray<EmailGroup>;
}>;

export function emailGroup(fb: NonNullableFormBuilder, address = '', label = '', required = true): EmailGroup {
  return fb.group({
    address: [address, required ? [Validators.required, Validators.email] : [Validators.email]],
    label: [label, [Validators.maxLength(40)]],
  });
}

/** `emailRequired`: every address row must be filled (at least one for a new client). */
export function contactForm(fb: NonNullableFormBuilder, contact?: Contact, emailRequired = true): ContactForm {
  const emails = contact?.emails.length
    ? contact.emails.map((e) => emailGroup(fb, e.address, text(e.label) ?? '', emailRequired))
    : [emailGroup(fb, '', '', emailRequired)];
  return fb.group({
    firstName: [contact?.firstName ?? '', [Validators.required, personName(2)]],
    lastName: [contact?.lastName ?? '', [Validators.required, personName(1)]],
    emails: fb.array(emails),
  });
}

/** Messages beside name fields, as the server words them. */
export function nameError(control: AbstractControl, label: string): string {
  const errors = control.errors;
  if (!errors) return '';
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return `${label} is required.`;
  if (errors['minlength']) return `${label} must have at least 2 letters.`;
  if (errors['pattern']) return `${label} may contain only letters, spaces, hyphens and apostrophes.`;
  return `${label} is not valid.`;
}

type ApiEmail = Contact['emails'][number];

/** The e-mails as the API takes them (empty rows left out). */
export function emailsValue(emails: FormArray<EmailGroup>): ApiEmail[] {
  const list = emails
    .getRawValue()
    .filter((e) => e.address.trim())
    .map((e) => (e.label.trim() ? { address: e.address.trim(), label: e.label.trim() } : { address: e.address.trim() }));
  // The generated schema types `label` as Record<string, never> (a generator quirk); it is a string.
  return list as unknown as ApiEmail[];
}
