import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { Icon } from './icon';

/** Where the sign-in form will be once identity lands. */
@Component({
  selector: 'app-sign-in-placeholder',
  imports: [Icon],
  template: `
    <section class="card sign-in" id="sign-in" aria-labelledby="sign-in-title" tabindex="-1">
      <div class="head">
        <span class="lock" aria-hidden="true"><app-icon name="lock" /></span>
        <h2 id="sign-in-title">{{ heading() }}</h2>
      </div>
      <p>Sign-in will be available soon.</p>
      <p class="muted">{{ explanation() }}</p>
      <span class="chip">Coming soon</span>
    </section>
  `,
  styles: `
    .sign-in {
      outline: none;
    }
    .head {
      display: flex;
      align-items: center;
      gap: 0.75rem;
    }
    .lock {
      display: inline-flex;
      padding: 10px;
      border-radius: 12px;
      color: var(--portico-primary-text);
      background: color-mix(in srgb, var(--portico-primary) 10%, white);
    }
    h2 {
      font: var(--mat-sys-title-large);
      font-weight: 600;
      margin: 0;
    }
    p {
      margin: 1rem 0 0;
    }
    .muted {
      margin-top: 0.5rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .chip {
      display: inline-block;
      margin-top: 1rem;
      padding: 0.25rem 0.75rem;
      border-radius: 999px;
      font: var(--mat-sys-label-large);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInPlaceholder {
  readonly heading = input('Sign in');
  readonly explanation = input('');
}
