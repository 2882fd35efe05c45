import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';

import type { Audience } from '../core/api-types';
import { FirmService } from '../core/firm.service';
import { FirmMark } from '../shared/firm-mark';
import { FirmUnavailable } from '../shared/firm-unavailable';

/**
 * The firm-branded card that sign-in, invitation, reset and verification pages
 * sit in (outside the signed-in shell). The page puts its own `h1` and form inside.
 */
@Component({
  selector: 'app-auth-frame',
  imports: [FirmMark, FirmUnavailable],
  template: `
    @if (firmService.loadError()) {
      <app-firm-unavailable />
    } @else {
      <main id="main" class="centered-page" tabindex="-1">
        <section class="panel">
          @if (firmService.firm(); as firm) {
            <div class="firm">
              <app-firm-mark [firm]="firm" />
              <span class="names">
                <span class="firm-name">{{ firm.name }}</span>
                <span class="subtitle">{{ subtitle() }}</span>
              </span>
            </div>
          }
          <ng-content />
        </section>
        <p class="footnote">{{ footnote() }}</p>
      </main>
    }
  `,
  styles: `
    :host {
      display: block;
      min-height: 100vh;
      background:
        radial-gradient(circle at 0% 0%, color-mix(in srgb, var(--portico-primary) 12%, transparent) 0, transparent 45%),
        var(--portico-page-bg);
    }
    main {
      outline: none;
    }
    .panel {
      max-width: 32rem;
    }
    .firm {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding-bottom: 1.25rem;
      margin-bottom: 1.5rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      --firm-mark-size: 40px;
    }
    .names {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    .firm-name {
      font: var(--mat-sys-title-medium);
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .subtitle {
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .footnote {
      margin: 1.5rem 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthFrame {
  protected readonly firmService = inject(FirmService);
  readonly audience = input<Audience>('client');
  protected readonly subtitle = computed(() => (this.audience() === 'staff' ? 'Staff area' : 'Client portal'));
  protected readonly footnote = computed(() =>
    this.audience() === 'staff' ? 'Portico · staff area' : 'Secure client portal powered by Portico',
  );
}
