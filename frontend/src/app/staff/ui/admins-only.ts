import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { Icon } from '../../shared/icon';

/** Shown instead of an admin page to a staff member without the admin role (the API answers 403). */
@Component({
  selector: 'app-admins-only',
  imports: [MatButtonModule, RouterLink, Icon],
  template: `
    <section class="card forbidden" aria-labelledby="forbidden-title">
      <span class="badge" aria-hidden="true"><app-icon name="block" /></span>
      <div>
        <p class="code">403 · Admins only</p>
        <h1 id="forbidden-title">{{ heading() }}</h1>
        <p>Only an admin of your firm can open this page. If you need a change here, ask one of your firm's admins.</p>
        <a mat-stroked-button routerLink="/staff/settings">Back to settings</a>
      </div>
    </section>
  `,
  styles: `
    .forbidden {
      display: flex;
      gap: 1.25rem;
      align-items: flex-start;
      max-width: 40rem;
    }
    .badge {
      display: inline-flex;
      padding: 12px;
      border-radius: 50%;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      --app-icon-size: 28px;
    }
    .code {
      margin: 0;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-error);
    }
    h1 {
      font: var(--mat-sys-headline-small);
      font-weight: 600;
      margin: 0.25rem 0 0.5rem;
    }
    p {
      margin: 0 0 1rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminsOnly {
  readonly heading = input('You cannot open this page');
}
