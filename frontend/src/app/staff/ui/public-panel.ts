import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';

import { FirmService } from '../../core/firm.service';
import { FirmMark } from '../../shared/firm-mark';

/** The firm-branded card of the staff area's public pages (account activation). */
@Component({
  selector: 'app-staff-public-panel',
  imports: [FirmMark],
  template: `
    <main id="main" class="centered-page">
      <section class="panel" [attr.aria-labelledby]="labelledBy()">
        @if (firmService.firm(); as firm) {
          <div class="firm">
            <app-firm-mark [firm]="firm" />
            <span class="firm-name">{{ firm.name }} · Staff</span>
          </div>
        }
        <ng-content />
      </section>
    </main>
  `,
  styles: `
    .firm {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      padding-bottom: 1.25rem;
      margin-bottom: 1.25rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      --firm-mark-size: 36px;
    }
    .firm-name {
      font: var(--mat-sys-title-medium);
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffPublicPanel {
  protected readonly firmService = inject(FirmService);
  readonly labelledBy = input.required<string>();
}
