import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';

import type { Problem } from '../../core/api-types';
import { EngagementsApi } from '../../core/engagements-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { ProblemAlert } from '../../shared/problem-alert';
import { PortalEngagementStatus, calendarDate, typeLine } from './portal-engagement-ui';

/** `/engagements`: the projects and cases the firm shares with the client's account. */
@Component({
  selector: 'app-portal-engagements-page',
  imports: [RouterLink, MatProgressSpinnerModule, Icon, PortalEngagementStatus, ProblemAlert],
  template: `
    <div class="head">
      <h1>Projects &amp; cases</h1>
      <p class="lede">What your firm is working on for you, where it stands and when it should be done.</p>
    </div>
    @if (loadProblem(); as p) {
      <app-problem-alert [problem]="p" />
    } @else if (engagements(); as list) {
      @if (list.length) {
        <ul class="list">
          @for (e of list; track e.id) {
            <li>
              <a class="card item" [routerLink]="['/engagements', e.id]" [attr.data-testid]="'portal-engagement-' + e.id">
                <span class="icon" aria-hidden="true"><app-icon name="work" /></span>
                <span class="body">
                  <span class="name">{{ e.name }}</span>
                  @if (typeLine(e.type, e.subtype); as t) {
                    <span class="type">{{ t }}</span>
                  }
                  <span class="meta">
                    <app-portal-status [status]="e.status" />
                    <span>Expected completion: <strong>{{ calendarDate(e.expectedCompletion) }}</strong></span>
                  </span>
                </span>
                <app-icon name="chevron" class="go" />
              </a>
            </li>
          }
        </ul>
      } @else {
        <div class="card empty">
          <app-icon name="work" />
          <p>Nothing here yet. When your firm shares a project or case with you, it shows here.</p>
        </div>
      }
    } @else {
      <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="36" aria-label="Loading" /></div>
    }
  `,
  styleUrl: './portal-engagements.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalEngagementsPage {
  private readonly api = inject(EngagementsApi);
  protected readonly calendarDate = calendarDate;
  protected readonly typeLine = typeLine;
  private readonly resource = rxResource({ stream: () => this.api.portalList() });
  protected readonly engagements = computed(() => (this.resource.hasValue() ? this.resource.value() : null));
  protected readonly loadProblem = computed<Problem | null>(() => {
    const error = this.resource.error();
    return error ? toProblem((error as { cause?: unknown }).cause ?? error) : null;
  });
}
