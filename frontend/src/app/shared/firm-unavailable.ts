import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

import { FirmService } from '../core/firm.service';
import { problemMessage } from '../core/problem';

/** Shown in place of a shell when the firm could not be loaded (network or server error). */
@Component({
  selector: 'app-firm-unavailable',
  imports: [MatButtonModule],
  template: `
    <main id="main" class="centered-page">
      <section class="panel" aria-labelledby="unavailable-title">
        <h1 id="unavailable-title">This portal is unavailable right now</h1>
        <div role="alert" class="alert alert-error">
          @if (firmService.loadError(); as problem) {
            {{ message(problem) }}
          }
        </div>
        <button mat-flat-button type="button" (click)="retry()" [disabled]="retrying()">Try again</button>
      </section>
    </main>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FirmUnavailable {
  protected readonly firmService = inject(FirmService);
  protected readonly retrying = signal(false);
  protected readonly message = problemMessage;

  protected async retry(): Promise<void> {
    this.retrying.set(true);
    await this.firmService.reload();
    this.retrying.set(false);
  }
}
