import { ChangeDetectionStrategy, Component, type OnInit, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import type { Audience, Session } from '../core/api-types';
import { AuthService } from '../core/auth.service';
import { IdentityApi } from '../core/identity-api';
import { FormSubmission } from '../shared/form-submission';
import { Icon } from '../shared/icon';
import { ProblemAlert } from '../shared/problem-alert';
import { audiencePaths } from './audience';
import { describeUserAgent } from './user-agent';

interface SessionRow {
  id: string;
  device: string;
  mobile: boolean;
  ip: string | null;
  current: boolean;
  lastSeenAt: string;
  lastSeen: string;
  createdAt: string;
  created: string;
}

const RELATIVE_UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday". */
function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 60) return 'just now';
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(Math.round(seconds / 60), 'minute');
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Signed-in devices: sign one out, or every one of them (this one included). */
@Component({
  selector: 'app-sessions-page',
  imports: [MatButtonModule, MatProgressSpinnerModule, Icon, ProblemAlert],
  template: `
    <section class="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Signed-in devices</h2>
      <p class="lede">These devices are signed in to your account. If you don't recognise one, sign it out and change your password.</p>

      <div class="alert alert-success" role="status">@if (notice(); as text) {
        <app-icon name="check" />
        <p class="alert-text">{{ text }}</p>
      }</div>
      <app-problem-alert [problem]="submission.problem()" />

      @if (loading()) {
        <div class="loading" role="status">
          <mat-progress-spinner mode="indeterminate" diameter="28" aria-label="Loading your devices" />
          <span>Loading your devices…</span>
        </div>
      } @else {
        <ul class="sessions" data-testid="sessions">
          @for (s of rows(); track s.id) {
            <li class="session" [class.current]="s.current">
              <span class="device-icon" aria-hidden="true"><app-icon [name]="s.mobile ? 'phone' : 'computer'" /></span>
              <div class="session-body">
                <span class="device">
                  {{ s.device }}
                  @if (s.current) {
                    <span class="this-device">This device</span>
                  }
                </span>
                <span class="meta">
                  Last active <time [attr.datetime]="s.lastSeenAt" [attr.title]="s.lastSeen">{{ relative(s.lastSeenAt) }}</time>
                  @if (s.ip) {
                    · IP {{ s.ip }}
                  }
                </span>
                <span class="meta">Signed in <time [attr.datetime]="s.createdAt">{{ s.created }}</time></span>
              </div>
              <button
                mat-stroked-button
                type="button"
                class="revoke"
                (click)="revoke(s)"
                [disabled]="submission.busy()"
                [attr.aria-label]="s.current ? 'Sign out this device' : 'Sign out ' + s.device + ', last active ' + relative(s.lastSeenAt)"
              >
                Sign out
              </button>
            </li>
          } @empty {
            <li class="empty muted">No device is signed in.</li>
          }
        </ul>

        <div class="everywhere">
          @if (confirming()) {
            <p class="confirm-text" id="everywhere-note">Sign out on every device, this one included? You will sign in again here.</p>
            <div class="actions">
              <button mat-flat-button type="button" class="danger" (click)="signOutEverywhere()" [disabled]="submission.busy()" data-testid="sign-out-everywhere-confirm">
                Yes, sign out everywhere
              </button>
              <button mat-button type="button" (click)="confirming.set(false)">Cancel</button>
            </div>
          } @else {
            <button mat-stroked-button type="button" (click)="confirming.set(true)" data-testid="sign-out-everywhere">Sign out everywhere</button>
          }
        </div>
      }
    </section>
  `,
  styleUrl: './account-page.scss',
  styles: `
    .sessions {
      list-style: none;
      margin: 0;
      padding: 0;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      overflow: hidden;
    }
    .session {
      display: grid;
      grid-template-columns: auto minmax(0, 1fr) auto;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 1rem 1.125rem;
      & + .session {
        border-top: 1px solid var(--mat-sys-outline-variant);
      }
      &.current {
        background: color-mix(in srgb, var(--portico-primary) 5%, white);
      }
      @media (max-width: 560px) {
        grid-template-columns: auto minmax(0, 1fr);
        align-items: start;
        .revoke {
          grid-column: 2;
          justify-self: start;
        }
      }
    }
    .empty {
      padding: 1rem 1.125rem;
    }
    .device-icon {
      display: inline-flex;
      padding: 8px;
      border-radius: 10px;
      color: var(--portico-primary-text);
      background: color-mix(in srgb, var(--portico-primary) 10%, white);
      --app-icon-size: 22px;
    }
    .session-body {
      min-width: 0;
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
    }
    .device {
      font: var(--mat-sys-title-small);
      font-weight: 600;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .this-device {
      padding: 0.0625rem 0.5rem;
      border-radius: 999px;
      font: var(--mat-sys-label-small);
      font-weight: 600;
      background: var(--portico-primary);
      color: var(--portico-on-primary);
    }
    .meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .everywhere {
      margin-top: 1.5rem;
    }
    .confirm-text {
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    .everywhere .actions {
      margin-top: 0.75rem;
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsPage implements OnInit {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly alert = viewChild(ProblemAlert);

  /** Route data: whose account this is. */
  readonly audience = input<Audience>('client');

  protected readonly rows = signal<SessionRow[]>([]);
  protected readonly loading = signal(true);
  protected readonly confirming = signal(false);
  protected readonly notice = signal<string | null>(null);
  /** No form: a failure goes to the alert. */
  protected readonly submission = new FormSubmission({ alert: this.alert });

  ngOnInit(): void {
    void this.load();
  }

  protected relative(iso: string): string {
    return relativeTime(iso);
  }

  private async load(): Promise<void> {
    try {
      const sessions = await firstValueFrom(this.api.sessions(this.audience()));
      this.rows.set(sessions.map(toRow).sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt)));
    } catch (error: unknown) {
      this.submission.fail(error);
    } finally {
      this.loading.set(false);
    }
  }

  protected async revoke(row: SessionRow): Promise<void> {
    if (this.submission.busy()) return;
    this.notice.set(null);
    await this.submission.run(null, async () => {
      if (row.current) {
        // Signing out forgets the session here even when the server cannot be reached.
        await this.auth.signOut(this.audience()).catch(() => undefined);
        await this.toSignIn('signed-out');
        return;
      }
      await firstValueFrom(this.api.revokeSession(this.audience(), row.id));
      this.rows.update((rows) => rows.filter((r) => r.id !== row.id));
      this.notice.set(`${row.device} was signed out.`);
    });
  }

  protected async signOutEverywhere(): Promise<void> {
    await this.submission.run(
      null,
      async () => {
        await firstValueFrom(this.api.signOutEverywhere(this.audience()));
        this.auth.forget(this.audience());
        await this.toSignIn('signed-out-everywhere');
      },
      { keepBusy: true },
    );
  }

  private async toSignIn(notice: string): Promise<void> {
    await this.router.navigate([audiencePaths(this.audience()).signIn], { queryParams: { notice }, replaceUrl: true });
  }
}

function toRow(s: Session): SessionRow {
  // The generated schema types nullable strings loosely; they are strings or null.
  const device = describeUserAgent(s.userAgent as unknown as string | null);
  return {
    id: s.id,
    device: device.label,
    mobile: device.mobile,
    ip: (s.ip as unknown as string | null) ?? null,
    current: s.current,
    lastSeenAt: s.lastSeenAt,
    lastSeen: DATE_TIME.format(new Date(s.lastSeenAt)),
    createdAt: s.createdAt,
    created: DATE_TIME.format(new Date(s.createdAt)),
  };
}
