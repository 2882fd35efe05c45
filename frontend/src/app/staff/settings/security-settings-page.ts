import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { Problem, SecuritySettings } from '../../core/api-types';
import { AuthService } from '../../core/auth.service';
import { IdentityApi } from '../../core/identity-api';
import { toProblem } from '../../core/problem';
import { FormSubmission } from '../../shared/form-submission';
import { Icon } from '../../shared/icon';
import { errorText } from '../ui/form-support';
import { PortalAddress } from '../ui/portal-address';
import { ProblemAlert } from '../ui/problem-alert';

/** `/staff/settings/security`: invitation and password policy, client two-step verification (admins edit, staff read). */
@Component({
  selector: 'app-security-settings-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatSlideToggleModule,
    Icon,
    PortalAddress,
    ProblemAlert,
  ],
  template: `
    <p class="crumbs"><a routerLink="/staff/settings">Settings</a> ›</p>
    <div class="page-head">
      <div>
        <h1>Security</h1>
        <p class="sub">How clients get into the portal, and the rules for passwords.</p>
      </div>
    </div>

    @if (!isAdmin()) {
      <div class="alert alert-info" role="note">
        <app-icon name="lock" />
        <span>Only an admin can change these settings. You can see them here.</span>
      </div>
    }

    <section class="card section-card" aria-labelledby="address-title">
      <h2 id="address-title">Portal address</h2>
      <p class="card-intro">Where your clients sign in. Invitation e-mails link here too.</p>
      <app-portal-address [url]="settings()?.portalUrl ?? null" label="Your firm's portal" />
    </section>

    @if (loadProblem(); as p) {
      <app-problem-alert [problem]="p" />
    } @else if (!settings()) {
      <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="36" aria-label="Loading the settings" /></div>
    } @else {
      <form #formElement [formGroup]="form" (ngSubmit)="save()" novalidate aria-label="Security settings">
        <app-problem-alert [problem]="submission.alertProblem()" [messages]="submission.unmatched()" />

        <section class="card section-card" aria-labelledby="access-title">
          <h2 id="access-title">Getting clients in</h2>
          <p class="card-intro">An invitation link or a temporary password stops working after this many days; you can always send a new one.</p>
          <div class="form-row">
            <mat-form-field>
              <mat-label>Invitation link valid for</mat-label>
              <input matInput type="number" inputmode="numeric" min="1" max="60" formControlName="invitationTtlDays" />
              <span matTextSuffix>days</span>
              <mat-hint>1 to 60 days.</mat-hint>
              <mat-error>{{ errorText(form.controls.invitationTtlDays, 'Invitation validity') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Temporary password valid for</mat-label>
              <input matInput type="number" inputmode="numeric" min="1" max="60" formControlName="tempPasswordTtlDays" />
              <span matTextSuffix>days</span>
              <mat-hint>1 to 60 days.</mat-hint>
              <mat-error>{{ errorText(form.controls.tempPasswordTtlDays, 'Temporary password validity') }}</mat-error>
            </mat-form-field>
          </div>
          <div class="toggle-row">
            <mat-slide-toggle formControlName="requireClientMfa" aria-describedby="mfa-hint">Require two-step verification for clients</mat-slide-toggle>
            <p id="mfa-hint" class="hint">Clients set up an authenticator app when they first sign in, and enter a code from it each time after.</p>
          </div>
        </section>

        <section class="card section-card" aria-labelledby="password-title">
          <h2 id="password-title">Passwords</h2>
          <p class="card-intro">For staff and clients. Every new password is also checked against a list of common passwords.</p>
          <div class="form-row">
            <mat-form-field>
              <mat-label>Minimum password length</mat-label>
              <input matInput type="number" inputmode="numeric" min="12" max="128" formControlName="passwordMinLength" />
              <span matTextSuffix>characters</span>
              <mat-hint>12 to 128.</mat-hint>
              <mat-error>{{ errorText(form.controls.passwordMinLength, 'Minimum length') }}</mat-error>
            </mat-form-field>
            <div></div>
            <mat-form-field>
              <mat-label>Passwords expire after</mat-label>
              <input matInput type="number" inputmode="numeric" min="0" max="3650" formControlName="passwordMaxAgeDays" aria-describedby="rotation-note" />
              <span matTextSuffix>days</span>
              <mat-hint>0 turns expiry off.</mat-hint>
              <mat-error>{{ errorText(form.controls.passwordMaxAgeDays, 'Password expiry') }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Reminder before expiry</mat-label>
              <input matInput type="number" inputmode="numeric" min="1" max="60" formControlName="passwordReminderDays" />
              <span matTextSuffix>days</span>
              <mat-hint>{{ expiryOff() ? 'Not used while expiry is off.' : 'An e-mail this many days before.' }}</mat-hint>
              <mat-error>{{ errorText(form.controls.passwordReminderDays, 'Reminder') }}</mat-error>
            </mat-form-field>
          </div>
          <div class="alert alert-info note" id="rotation-note">
            <app-icon name="info" />
            <span>
              Current guidance — NIST SP 800-63B and OWASP ASVS — advises <strong>against</strong> forcing people to change their
              passwords periodically: it leads to weaker, predictable passwords. Consider 0 (off), and require a change only when a
              password may have been exposed.
            </span>
          </div>
        </section>

        @if (isAdmin()) {
          <div class="submit-row">
            <button mat-flat-button type="submit" [disabled]="submission.busy() || form.pristine">{{ submission.busy() ? 'Saving…' : 'Save changes' }}</button>
            <button mat-button type="button" (click)="revert()" [disabled]="submission.busy() || form.pristine">Discard changes</button>
            @if (submission.busy()) {
              <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Saving" />
            }
          </div>
        }
      </form>
    }
  `,
  styleUrl: '../ui/page.scss',
  styles: `
    :host {
      display: block;
      max-width: 52rem;
    }
    .alert app-icon {
      --app-icon-size: 20px;
    }
    .form-row {
      margin-bottom: 0.5rem;
      mat-form-field {
        width: 100%;
      }
    }
    .toggle-row {
      margin-top: 0.75rem;
      padding-top: 1rem;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .hint {
      margin: 0.35rem 0 0;
      padding-left: 0.25rem;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .note {
      margin: 1rem 0 0 !important;
    }
    .submit-row {
      margin-top: 1.5rem;
      flex-wrap: wrap;
    }
    form .section-card {
      margin-top: 1.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecuritySettingsPage {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly alert = viewChild(ProblemAlert);

  protected readonly isAdmin = computed(() => this.auth.staffMe()?.role === 'admin');
  protected readonly settings = signal<SecuritySettings | null>(null);
  protected readonly loadProblem = signal<Problem | null>(null);
  protected readonly errorText = errorText;
  protected readonly submission = new FormSubmission({ alert: this.alert, form: this.formElement });

  private readonly days = (min: number, max: number) => [Validators.required, Validators.min(min), Validators.max(max), Validators.pattern(/^\d+$/)];
  protected readonly form = this.fb.group({
    invitationTtlDays: [7, this.days(1, 60)],
    tempPasswordTtlDays: [7, this.days(1, 60)],
    passwordMinLength: [12, this.days(12, 128)],
    passwordMaxAgeDays: [90, this.days(0, 3650)],
    passwordReminderDays: [14, this.days(1, 60)],
    requireClientMfa: [false],
  });
  private readonly maxAge = signal(90);
  protected readonly expiryOff = computed(() => Number(this.maxAge()) === 0);

  constructor() {
    this.form.controls.passwordMaxAgeDays.valueChanges.subscribe((v) => this.maxAge.set(v));
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.show(await firstValueFrom(this.api.securitySettings()));
    } catch (error: unknown) {
      this.loadProblem.set(toProblem(error));
    }
  }

  private show(settings: SecuritySettings): void {
    this.settings.set(settings);
    const { portalUrl: _, ...values } = settings;
    this.form.reset(values);
    if (this.isAdmin()) this.form.enable();
    else this.form.disable();
  }

  protected revert(): void {
    const current = this.settings();
    if (current) this.show(current);
    this.submission.clear();
  }

  protected async save(): Promise<void> {
    if (!this.isAdmin()) return;
    await this.submission.run(this.form, async () => {
      const v = this.form.getRawValue();
      const saved = await firstValueFrom(
        this.api.updateSecuritySettings({
          invitationTtlDays: Number(v.invitationTtlDays),
          tempPasswordTtlDays: Number(v.tempPasswordTtlDays),
          passwordMinLength: Number(v.passwordMinLength),
          passwordMaxAgeDays: Number(v.passwordMaxAgeDays),
          passwordReminderDays: Number(v.passwordReminderDays),
          requireClientMfa: v.requireClientMfa,
        }),
      );
      this.show(saved);
      this.snackBar.open('Security settings saved.', 'Close', { duration: 5000 });
    });
  }
}
