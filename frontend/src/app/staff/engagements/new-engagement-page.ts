import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { type FormControl, type FormGroup, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';
import { catchError, debounceTime, distinctUntilChanged, firstValueFrom, map, of, startWith } from 'rxjs';

import type { ClientAccount } from '../../core/api-types';
import { AuthService } from '../../core/auth.service';
import { EngagementsApi, type NewEngagement, type PartyInput } from '../../core/engagements-api';
import { IdentityApi } from '../../core/identity-api';
import { FormSubmission } from '../../shared/form-submission';
import { Icon } from '../../shared/icon';
import { ClientKindField, type ClientKind } from '../clients/client-kind-field';
import { KIND_LABELS } from '../ui/format';
import { errorText } from '../ui/form-support';
import { ProblemAlert } from '../ui/problem-alert';
import { EngagementFields, type EngagementFieldsGroup, engagementFieldsControls, engagementFieldsValue } from './engagement-fields';

type PartyGroup = FormGroup<{
  mode: FormControl<'existing' | 'new'>;
  contactId: FormControl<string>;
  role: FormControl<string>;
  newContact: FormGroup<{ firstName: FormControl<string>; lastName: FormControl<string>; email: FormControl<string> }>;
}>;

/** What the new engagement's page hands to its detail page (shown once there). */
export interface CreatedState {
  warnings: string[];
  invited: number;
}

/** `/staff/engagements/new`: a new engagement, for an existing or a new client account, with its parties. */
@Component({
  selector: 'app-new-engagement-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatAutocompleteModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    ClientKindField,
    EngagementFields,
    Icon,
    ProblemAlert,
  ],
  template: `
    <p class="crumbs"><a routerLink="/staff/engagements">Engagements</a> ›</p>
    <div class="page-head">
      <div>
        <h1>New engagement</h1>
        <p class="sub">A case, matter or project of a client account. Nothing is sent to the client unless you choose so below.</p>
      </div>
    </div>

    <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="New engagement">
      <app-problem-alert [problem]="submission.alertProblem()" [messages]="submission.unmatched()" />

      <section class="card section-card" aria-labelledby="client-title">
        <h2 id="client-title">Client</h2>
        <p class="card-intro">The engagement belongs to a client account; what you share goes to the account's contacts with portal access.</p>
        <mat-button-toggle-group [value]="accountMode()" (change)="setAccountMode($event.value)" aria-label="Client account" hideSingleSelectionIndicator class="mode">
          <mat-button-toggle value="existing" data-testid="account-mode-existing">Existing client</mat-button-toggle>
          <mat-button-toggle value="new" data-testid="account-mode-new">New client</mat-button-toggle>
        </mat-button-toggle-group>

        @if (accountMode() === 'existing') {
          @if (account(); as a) {
            <div class="chosen" data-testid="engagement-account">
              <app-icon name="business" />
              <span><strong>{{ a.name }}</strong> <span class="muted">· {{ kindLabels[a.kind] }} · {{ a.contactCount }} contact{{ a.contactCount === 1 ? '' : 's' }}</span></span>
              <button mat-button type="button" (click)="clearAccount()">Change</button>
            </div>
          } @else {
            <mat-form-field class="full">
              <mat-label>Search client accounts</mat-label>
              <app-icon matPrefix name="search" class="prefix" />
              <input matInput [formControl]="accountSearch" [matAutocomplete]="auto" autocomplete="off" data-testid="engagement-account-search" />
              <mat-hint>Type part of the account's name, then pick it.</mat-hint>
              @if (accountMissing()) {
                <mat-error>Pick a client account, or choose “New client”.</mat-error>
              }
            </mat-form-field>
            <mat-autocomplete #auto="matAutocomplete" (optionSelected)="pickAccount($event)" [displayWith]="accountName">
              @for (a of accountOptions(); track a.id) {
                <mat-option [value]="a">{{ a.name }} <span class="muted">· {{ kindLabels[a.kind] }}</span></mat-option>
              } @empty {
                @if (accountSearch.value) {
                  <mat-option disabled>No account matches.</mat-option>
                }
              }
            </mat-autocomplete>
          }
        } @else {
          <div [formGroup]="form.controls.newAccount">
            <app-client-kind-field [control]="form.controls.newAccount.controls.kind" />
            <mat-form-field class="full">
              <mat-label>Account name</mat-label>
              <input matInput formControlName="name" autocomplete="off" data-testid="engagement-new-account-name" />
              <mat-hint>For example “Ana Núñez”, “Núñez household” or the company's name.</mat-hint>
              <mat-error>{{ errorText(form.controls.newAccount.controls.name, 'Account name') }}</mat-error>
            </mat-form-field>
          </div>
        }
      </section>

      <section class="card section-card" aria-labelledby="details-title">
        <h2 id="details-title">Engagement</h2>
        <app-engagement-fields [group]="fields" part="basics" [fb]="fb" [types]="types()" />
      </section>

      <section class="card section-card" aria-labelledby="parties-title">
        <h2 id="parties-title">Parties</h2>
        <p class="card-intro">The people of the account this engagement is about, with their role (petitioner, spouse, director…).</p>
        <div class="parties">
          @for (p of form.controls.parties.controls; track p; let i = $index) {
            <div class="party" [formGroup]="p" role="group" [attr.aria-label]="'Party ' + (i + 1)" [attr.data-testid]="'party-' + i">
              @if (p.controls.mode.value === 'existing') {
                <mat-form-field class="grow">
                  <mat-label>Contact</mat-label>
                  <select matNativeControl formControlName="contactId" data-testid="party-contact">
                    <option value="" disabled>Choose a contact</option>
                    @for (c of contacts(); track c.id) {
                      <option [value]="c.id">{{ c.firstName }} {{ c.lastName }}{{ c.emails.length ? ' · ' + c.emails[0].address : ' · no e-mail' }}</option>
                    }
                  </select>
                  <mat-error>{{ errorText(p.controls.contactId, 'Contact') }}</mat-error>
                </mat-form-field>
              } @else {
                <div class="new-contact" [formGroup]="p.controls.newContact">
                  <mat-form-field>
                    <mat-label>First name</mat-label>
                    <input matInput formControlName="firstName" autocomplete="off" data-testid="party-first-name" />
                    <mat-error>{{ errorText(p.controls.newContact.controls.firstName, 'First name') }}</mat-error>
                  </mat-form-field>
                  <mat-form-field>
                    <mat-label>Last name</mat-label>
                    <input matInput formControlName="lastName" autocomplete="off" data-testid="party-last-name" />
                    <mat-error>{{ errorText(p.controls.newContact.controls.lastName, 'Last name') }}</mat-error>
                  </mat-form-field>
                  <mat-form-field>
                    <mat-label>E-mail (optional)</mat-label>
                    <input matInput type="email" formControlName="email" autocomplete="off" data-testid="party-email" />
                    <mat-hint>Needed later for the portal.</mat-hint>
                    <mat-error>{{ errorText(p.controls.newContact.controls.email, 'E-mail') }}</mat-error>
                  </mat-form-field>
                </div>
              }
              <mat-form-field class="role">
                <mat-label>Role</mat-label>
                <input matInput formControlName="role" autocomplete="off" placeholder="e.g. petitioner" data-testid="party-role" />
                <mat-error>{{ errorText(p.controls.role, 'Role') }}</mat-error>
              </mat-form-field>
              <button mat-icon-button type="button" class="remove" (click)="form.controls.parties.removeAt(i)" [attr.aria-label]="'Remove party ' + (i + 1)">
                <app-icon name="delete" />
              </button>
            </div>
          } @empty {
            <p class="muted">No parties yet.</p>
          }
        </div>
        <div class="row-actions">
          @if (accountMode() === 'existing' && contacts().length) {
            <button mat-stroked-button type="button" (click)="addParty('existing')" data-testid="add-existing-party"><app-icon matButtonIcon name="person" />Add a contact of the account</button>
          }
          <button mat-stroked-button type="button" (click)="addParty('new')" data-testid="add-new-party"><app-icon matButtonIcon name="add" />Add a new contact</button>
        </div>
      </section>

      <section class="card section-card" aria-labelledby="custom-title">
        <h2 id="custom-title">Custom fields</h2>
        <app-engagement-fields [group]="fields" part="custom" [fb]="fb" />
      </section>

      <section class="card section-card" aria-labelledby="access-title">
        <h2 id="access-title">Staff access</h2>
        <app-engagement-fields [group]="fields" part="access" [fb]="fb" [staff]="staff()" />
      </section>

      <section class="card section-card options" aria-labelledby="options-title">
        <h2 id="options-title">The client</h2>
        <p class="card-intro">Both are off unless you tick them; you can do either later from the engagement's page.</p>
        <div class="option">
          <mat-checkbox formControlName="sendInvitation" data-testid="option-send-invitation" aria-describedby="send-hint">Send portal invitation</mat-checkbox>
          <p id="send-hint" class="option-hint">E-mails an invitation to the parties who cannot use the portal yet, at their first e-mail address.</p>
        </div>
        <div class="option">
          <mat-checkbox formControlName="shareWithClient" data-testid="option-share" aria-describedby="share-hint">Share with client(s)</mat-checkbox>
          <p id="share-hint" class="option-hint">Shows this engagement on the portal to the account's contacts, with only what you mark as shared.</p>
        </div>
      </section>

      <div class="submit-row">
        <button mat-flat-button type="submit" [disabled]="submission.busy()" data-testid="create-engagement-submit">
          {{ submission.busy() ? 'Creating…' : 'Create engagement' }}
        </button>
        <a mat-button routerLink="/staff/engagements">Cancel</a>
        @if (submission.busy()) {
          <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Creating" />
        }
      </div>
    </form>
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    :host {
      display: block;
      max-width: 56rem;
    }
    .full {
      width: 100%;
    }
    .mode {
      margin-bottom: 1rem;
    }
    .prefix {
      margin: 0 0.25rem 0 0.75rem;
      color: var(--mat-sys-on-surface-variant);
      --app-icon-size: 20px;
    }
    .chosen {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
      padding: 0.75rem 1rem;
      border-radius: 10px;
      background: color-mix(in srgb, var(--portico-primary) 6%, white);
      border: 1px solid color-mix(in srgb, var(--portico-primary) 20%, white);
      app-icon {
        color: var(--portico-primary-text);
      }
    }
    .parties {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      margin-bottom: 0.75rem;
    }
    .party {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0 0.75rem;
      padding-bottom: 0.5rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      .grow {
        flex: 1 1 18rem;
      }
      .role {
        flex: 0 1 12rem;
      }
      .remove {
        margin-top: 0.5rem;
      }
    }
    .new-contact {
      flex: 1 1 30rem;
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 0 0.75rem;
      @media (max-width: 760px) {
        grid-template-columns: 1fr;
      }
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .option + .option {
      margin-top: 0.75rem;
    }
    .option-hint {
      margin: 0 0 0 2.5rem;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    form > .section-card {
      margin-top: 1.25rem;
    }
    .submit-row {
      margin-top: 1.5rem;
      flex-wrap: wrap;
    }
    @media (max-width: 560px) {
      .party .role {
        flex: 1 1 100%;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NewEngagementPage {
  private readonly api = inject(EngagementsApi);
  private readonly identity = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  /** `?accountId=`: the account to start with (from its page). */
  readonly accountId = input<string | undefined>(undefined);

  protected readonly kindLabels = KIND_LABELS;
  protected readonly errorText = errorText;
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });

  protected readonly form = this.fb.group({
    ...engagementFieldsControls(this.fb),
    newAccount: this.fb.group({
      name: this.fb.control('', [Validators.required, Validators.minLength(2), Validators.maxLength(200)]),
      kind: this.fb.control<ClientKind>('person'),
    }),
    parties: this.fb.array<PartyGroup>([]),
    sendInvitation: this.fb.control(false),
    shareWithClient: this.fb.control(false),
  });
  /** The same form seen as the shared engagement fields (one object, the extra controls ignored there). */
  protected readonly fields = this.form as unknown as EngagementFieldsGroup;

  protected readonly accountMode = signal<'existing' | 'new'>('existing');
  protected readonly accountMissing = signal(false);
  protected readonly accountSearch = this.fb.control<string | ClientAccount>('');
  private readonly accountQuery = toSignal(
    this.accountSearch.valueChanges.pipe(
      map((v) => (typeof v === 'string' ? v.trim() : null)),
      debounceTime(250),
      distinctUntilChanged(),
    ),
    { initialValue: null },
  );
  private readonly accountResults = rxResource({
    params: () => ({ q: this.accountQuery() }),
    stream: ({ params }) => (params.q === null ? of([]) : this.identity.accounts(params.q || undefined)),
  });
  protected readonly accountOptions = computed(() => (this.accountResults.hasValue() ? this.accountResults.value().slice(0, 20) : []));
  protected readonly account = signal<ClientAccount | null>(null);
  private readonly accountDetail = rxResource({
    params: () => this.account()?.id,
    stream: ({ params }) => this.identity.account(params),
  });
  protected readonly contacts = computed(() => (this.accountDetail.hasValue() ? (this.accountDetail.value()?.contacts ?? []) : []));

  private readonly typesResource = rxResource({ stream: () => this.api.types() });
  protected readonly types = computed(() => (this.typesResource.hasValue() ? this.typesResource.value() : []));
  private readonly isAdmin = computed(() => this.auth.staffMe()?.role === 'admin');
  private readonly staffResource = rxResource({
    params: () => this.isAdmin() || undefined,
    stream: () => this.identity.staffUsers().pipe(catchError(() => of(null))),
  });
  protected readonly staff = computed(() => (this.staffResource.hasValue() ? (this.staffResource.value() ?? null) : null));

  constructor() {
    this.form.controls.newAccount.disable();
    // Opened from an account's page: start with that account.
    effect(() => {
      const id = this.accountId();
      if (!id) return;
      untracked(() => {
        void firstValueFrom(this.identity.account(id))
          .then((a) => this.account.set(a))
          .catch(() => undefined);
      });
    });
    this.accountSearch.valueChanges.pipe(startWith(''), takeUntilDestroyed()).subscribe(() => this.accountMissing.set(false));
  }

  protected accountName(value: ClientAccount | string | null): string {
    return typeof value === 'string' ? value : (value?.name ?? '');
  }

  protected pickAccount(event: MatAutocompleteSelectedEvent): void {
    this.account.set(event.option.value as ClientAccount);
    this.accountMissing.set(false);
  }

  protected clearAccount(): void {
    this.account.set(null);
    this.accountSearch.setValue('');
    this.dropExistingParties();
  }

  protected setAccountMode(mode: 'existing' | 'new'): void {
    this.accountMode.set(mode);
    this.accountMissing.set(false);
    if (mode === 'new') {
      this.form.controls.newAccount.enable();
      this.dropExistingParties();
      if (!this.form.controls.parties.length) this.addParty('new');
    } else {
      this.form.controls.newAccount.disable();
    }
  }

  private dropExistingParties(): void {
    const parties = this.form.controls.parties;
    for (let i = parties.length - 1; i >= 0; i--) if (parties.at(i).controls.mode.value === 'existing') parties.removeAt(i);
  }

  protected addParty(mode: 'existing' | 'new'): void {
    const group: PartyGroup = this.fb.group({
      mode: this.fb.control(mode),
      contactId: this.fb.control('', Validators.required),
      role: this.fb.control('', Validators.maxLength(60)),
      newContact: this.fb.group({
        firstName: this.fb.control('', [Validators.required, Validators.maxLength(100)]),
        lastName: this.fb.control('', [Validators.required, Validators.maxLength(100)]),
        email: this.fb.control('', [Validators.email, Validators.maxLength(320)]),
      }),
    });
    if (mode === 'existing') group.controls.newContact.disable();
    else group.controls.contactId.disable();
    this.form.controls.parties.push(group);
  }

  protected async save(): Promise<void> {
    const account = this.account();
    if (this.accountMode() === 'existing' && !account) {
      this.accountMissing.set(true);
      this.accountSearch.setErrors({ required: true });
      this.accountSearch.markAsTouched();
      this.form.markAllAsTouched();
      this.submission.afterRender(() => this.formElement()?.nativeElement.querySelector<HTMLElement>('[data-testid="engagement-account-search"]')?.focus());
      return;
    }
    await this.submission.run(
      this.form,
      async () => {
        const v = this.form.getRawValue();
        const parties: PartyInput[] = this.form.controls.parties.controls.map((p) => {
          const role = p.controls.role.value.trim() || null;
          if (p.controls.mode.value === 'existing') return { contactId: p.controls.contactId.value, role };
          const c = p.controls.newContact.getRawValue();
          return { newContact: { firstName: c.firstName.trim(), lastName: c.lastName.trim(), email: c.email.trim() || null }, role };
        });
        const body: NewEngagement = {
          ...engagementFieldsValue(this.fields, this.staff() !== null),
          ...(account && this.accountMode() === 'existing'
            ? { accountId: account.id }
            : { newAccount: { name: v.newAccount.name.trim(), kind: v.newAccount.kind } }),
          parties,
          sendInvitation: v.sendInvitation,
          shareWithClient: v.shareWithClient,
        };
        const created = await firstValueFrom(this.api.create(body));
        const state: CreatedState = { warnings: created.warnings, invited: created.invited.length };
        await this.router.navigate(['/staff/engagements', created.id], { state: { created: state } });
      },
      { keepBusy: true },
    );
  }
}
