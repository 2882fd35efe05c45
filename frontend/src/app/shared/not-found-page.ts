import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { FirmService } from '../core/firm.service';

@Component({
  selector: 'app-not-found-page',
  imports: [MatButtonModule, RouterLink],
  template: `
    <main id="main" class="centered-page">
      <section class="panel" aria-labelledby="not-found-title">
        <p class="code" aria-hidden="true">404</p>
        <h1 id="not-found-title">Page not found</h1>
        <p>The page you asked for doesn't exist, or it has moved.</p>
        <nav aria-label="Where to go instead" class="actions">
          @if (firmService.firm()) {
            <a mat-flat-button routerLink="/">Go to the client portal</a>
            <a mat-button routerLink="/staff">Staff area</a>
          } @else {
            <a mat-flat-button routerLink="/setup">Go to Portico setup</a>
          }
        </nav>
      </section>
    </main>
  `,
  styles: `
    .code {
      font-size: 3.5rem;
      font-weight: 700;
      line-height: 1.1;
      margin: 0 0 0.5rem;
      color: var(--portico-primary-text);
      letter-spacing: -0.02em;
    }
    h1 {
      margin: 0.25rem 0 0.5rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      justify-content: center;
      margin-top: 1.5rem;
    }
    .panel {
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {
  protected readonly firmService = inject(FirmService);
}
