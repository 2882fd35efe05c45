import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { Icon, type IconName } from './icon';

/**
 * A section that is not built yet. Routes pass `heading`, `icon` and `summary`
 * through route data (bound to inputs by the router).
 */
@Component({
  selector: 'app-coming-soon',
  imports: [Icon],
  template: `
    <section class="coming-soon" [attr.aria-labelledby]="'coming-soon-title'">
      <div class="badge" aria-hidden="true"><app-icon [name]="icon()" /></div>
      <h1 id="coming-soon-title">{{ heading() }}</h1>
      <p class="summary">{{ summary() }}</p>
      <p class="status"><span class="chip">Coming soon</span></p>
    </section>
  `,
  styles: `
    .coming-soon {
      max-width: 40rem;
      margin: 2rem auto;
      padding: 2.5rem 2rem;
      text-align: center;
      background: var(--mat-sys-surface-container-lowest);
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 16px;
    }
    .badge {
      display: inline-flex;
      padding: 14px;
      border-radius: 50%;
      color: var(--portico-primary-text);
      background: color-mix(in srgb, var(--portico-primary) 10%, white);
      --app-icon-size: 32px;
    }
    h1 {
      font: var(--mat-sys-headline-small);
      font-weight: 600;
      margin: 1rem 0 0.5rem;
    }
    .summary {
      color: var(--mat-sys-on-surface-variant);
      margin: 0 auto;
      max-width: 32rem;
    }
    .chip {
      display: inline-block;
      margin-top: 1.25rem;
      padding: 0.25rem 0.75rem;
      border-radius: 999px;
      font: var(--mat-sys-label-large);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ComingSoon {
  readonly heading = input('Coming soon');
  readonly icon = input<IconName>('info');
  readonly summary = input('This section is on its way.');
}
