import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';

import { AuthFrame } from '../account/auth-frame';
import { AuthService } from '../core/auth.service';
import { FirmService } from '../core/firm.service';
import { IdentityApi } from '../core/identity-api';
import { linkRefusal } from '../core/problem';
import { FormSubmission } from '../shared/form-submission';
import { Icon } from '../shared/icon';
import { ProblemAlert } from '../shared/problem-alert';

type State = 'ready' | 'done' | 'invalid' | 'expired';

/**
 * `/verify-email?token=…`: confirms a change of login e-mail. It waits for a
 * click, because mail scanners open links on their own and must not spend the token.
 */
@Component({
  selector: 'app-verify-email-page',
  imports: [RouterLink, MatButtonModule, MatProgressSpinnerModule, AuthFrame, Icon, ProblemAlert],
  template: `
    <app-auth-frame audience="client">
      <h1 #headingRef id="verify-title" tabindex="-1">{{ heading() }}</h1>
      @switch (state()) {
        @case ('done') {
          <div class="alert alert-success" role="status" data-testid="verify-email-done">
            <app-icon name="check" />
            <p class="alert-text">{{ doneMessage() }}</p>
          </div>
          <div class="actions">
            <a mat-flat-button routerLink="/sign-in" [queryParams]="{ notice: 'login-email-changed' }">Sign in</a>
          </div>
        }
        @case ('ready') {
          @if (!tokenValue()) {
            <div class="alert alert-error" role="alert">
              <app-icon name="error" />
              <p class="alert-text">This confirmation link is incomplete: it has no token. Open the link exactly as you received it in the e-mail.</p>
            </div>
          } @else {
            <p class="lede">
              {{ firmName() }} asked to change the e-mail address you sign in with to this one. Confirm it, and from then on you sign in
              with the new address.
            </p>
            <app-problem-alert [problem]="submission.problem()" />
            <div class="submit-row">
              <button mat-flat-button type="button" (click)="confirm()" [disabled]="submission.busy()" data-testid="verify-email-submit">
                {{ submission.busy() ? 'Confirming…' : 'Confirm my new login e-mail' }}
              </button>
              @if (submission.busy()) {
                <mat-progress-spinner mode="indeterminate" diameter="24" aria-label="Confirming" />
              }
            </div>
          }
        }
        @default {
          <div class="alert alert-error" role="alert" data-testid="verify-email-problem">
            <app-icon name="error" />
            <p class="alert-text">{{ linkMessage() }}</p>
          </div>
          <div class="actions">
            <a mat-stroked-button routerLink="/sign-in">Go to sign in</a>
          </div>
        }
      }
    </app-auth-frame>
  `,
  styleUrl: '../account/auth-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VerifyEmailPage {
  private readonly api = inject(IdentityApi);
  private readonly auth = inject(AuthService);
  private readonly firmService = inject(FirmService);
  private readonly headingElement = viewChild<ElementRef<HTMLElement>>('headingRef');
  private readonly alert = viewChild(ProblemAlert);

  /** `?token=`: the single-use token from the e-mail sent to the new address. */
  readonly token = input<string | undefined>(undefined);
  protected readonly tokenValue = computed(() => (this.token() ?? '').trim());

  protected readonly state = signal<State>('ready');
  protected readonly submission = new FormSubmission({ alert: this.alert });
  protected readonly doneMessage = signal('');
  protected readonly firmName = computed(() => this.firmService.firm()?.name ?? 'Your firm');
  protected readonly heading = computed(() => {
    switch (this.state()) {
      case 'done':
        return 'Login e-mail confirmed';
      case 'expired':
        return 'This link has expired';
      case 'invalid':
        return 'This link does not work';
      default:
        return 'Confirm your new login e-mail';
    }
  });
  protected readonly linkMessage = computed(() =>
    this.state() === 'expired'
      ? `This confirmation link has expired; ask ${this.firmName()} to send a new one.`
      : 'This confirmation link is not valid or has already been used. If you confirmed already, sign in with your new address.',
  );

  protected async confirm(): Promise<void> {
    await this.submission.run(
      null,
      async () => {
        const answer = await firstValueFrom(this.api.verifyLoginEmail(this.tokenValue()));
        this.doneMessage.set(answer.message);
        this.state.set('done');
        if (this.auth.me('client')) await this.auth.loadMe('client');
        this.focusHeading();
      },
      {
        onError: (problem) => {
          const refusal = linkRefusal(problem);
          if (!refusal) return false;
          this.state.set(refusal);
          this.focusHeading();
          return true;
        },
      },
    );
  }

  private focusHeading(): void {
    this.submission.afterRender(() => this.headingElement()?.nativeElement.focus());
  }
}
