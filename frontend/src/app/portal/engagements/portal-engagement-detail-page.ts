import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { type MatCheckboxChange, MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { catchError, firstValueFrom, of } from 'rxjs';

import type { Problem } from '../../core/api-types';
import { DocumentsApi, type Folder } from '../../core/documents-api';
import { type EngagementItem, EngagementsApi } from '../../core/engagements-api';
import { toProblem } from '../../core/problem';
import { Icon, type IconName } from '../../shared/icon';
import { ProblemAlert } from '../../shared/problem-alert';
import { PortalDocumentList } from '../documents/portal-document-list';
import { PortalEngagementStatus, calendarDate, typeLine } from './portal-engagement-ui';

const KIND: Record<EngagementItem['kind'], { label: string; icon: IconName }> = {
  note: { label: 'Note', icon: 'notes' },
  task: { label: 'Task', icon: 'task' },
  appointment: { label: 'Appointment', icon: 'event' },
};
const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** `/engagements/:id`: one shared project or case, with its client-visible fields and shared items. */
@Component({
  selector: 'app-portal-engagement-detail-page',
  imports: [RouterLink, MatCheckboxModule, MatProgressSpinnerModule, Icon, PortalDocumentList, PortalEngagementStatus, ProblemAlert],
  template: `
    <p class="crumbs"><a routerLink="/engagements">Projects &amp; cases</a> ›</p>
    @if (loadProblem(); as p) {
      <app-problem-alert [problem]="p" />
    } @else if (engagement(); as e) {
      <div class="head">
        <h1>{{ e.name }}</h1>
        @if (typeLine(e.type, e.subtype); as t) {
          <p class="lede">{{ t }}</p>
        }
      </div>
      <section class="card" aria-label="Summary">
        <dl class="facts">
          <div>
            <dt>Status</dt>
            <dd><app-portal-status [status]="e.status" data-testid="portal-engagement-status" /></dd>
          </div>
          <div>
            <dt>Expected completion</dt>
            <dd>{{ calendarDate(e.expectedCompletion) }}</dd>
          </div>
          @for (f of e.customFields; track f.name) {
            <div>
              <dt>{{ f.name }}</dt>
              <dd>{{ f.value || '—' }}</dd>
            </div>
          }
        </dl>
      </section>

      <section class="card section" aria-labelledby="documents-title" data-testid="portal-engagement-documents">
        <h2 id="documents-title">Documents</h2>
        @if (documents(); as docs) {
          <app-portal-document-list [documents]="docs" [folders]="folders()" emptyText="No documents shared here yet." />
        } @else if (documentsProblem(); as p) {
          <app-problem-alert [problem]="p" />
        } @else {
          <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="28" aria-label="Loading documents" /></div>
        }
        <p class="doc-send"><a routerLink="/documents">Send files to your firm</a></p>
      </section>

      <section class="card section" aria-labelledby="items-title">
        <h2 id="items-title">Notes, tasks and appointments</h2>
        <app-problem-alert [problem]="itemProblem()" />
        @if (items(); as list) {
          <ul class="items">
            @for (i of list; track i.id) {
              <li [class.done]="i.done" [attr.data-testid]="'portal-item-' + i.id">
                <span class="kind" [attr.title]="kind[i.kind].label"><app-icon [name]="kind[i.kind].icon" /></span>
                <div class="item-body">
                  <div class="item-title">
                    @if (i.kind === 'task') {
                      <mat-checkbox [checked]="i.done" (change)="setDone(e.id, i, $event)" [disabled]="busy() === i.id" [attr.data-testid]="'portal-task-done-' + i.id">
                        {{ i.title }}
                      </mat-checkbox>
                    } @else {
                      {{ i.title }}
                    }
                    @if (i.done) {
                      <span class="done-tag"><app-icon name="check" />Done</span>
                    }
                  </div>
                  <div class="item-meta">
                    {{ kind[i.kind].label }}
                    @if (i.kind === 'task' && i.dueDate) {
                      · due {{ calendarDate(i.dueDate) }}
                    }
                    @if (i.kind === 'appointment') {
                      · {{ dateTime(i.startsAt) }}@if (i.endsAt) { – {{ dateTime(i.endsAt) }}}
                    }
                  </div>
                  @if (i.body) {
                    <p class="item-text">{{ i.body }}</p>
                  }
                </div>
              </li>
            } @empty {
              <li class="muted">Nothing shared here yet.</li>
            }
          </ul>
        } @else {
          <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="28" aria-label="Loading" /></div>
        }
      </section>
    } @else {
      <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="36" aria-label="Loading" /></div>
    }
  `,
  styleUrl: './portal-engagements.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalEngagementDetailPage {
  private readonly api = inject(EngagementsApi);
  protected readonly calendarDate = calendarDate;
  protected readonly typeLine = typeLine;
  protected readonly kind = KIND;

  readonly id = input.required<string>();
  private readonly resource = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.portalGet(params) });
  protected readonly engagement = computed(() => (this.resource.hasValue() ? this.resource.value() : null));
  protected readonly loadProblem = computed<Problem | null>(() => {
    const error = this.resource.error();
    return error ? toProblem((error as { cause?: unknown }).cause ?? error) : null;
  });
  private readonly itemsResource = rxResource({ params: () => this.id(), stream: ({ params }) => this.api.portalItems(params) });
  protected readonly items = computed(() => (this.itemsResource.hasValue() ? this.itemsResource.value() : null));
  protected readonly itemProblem = signal<Problem | null>(null);
  private readonly documentsApi = inject(DocumentsApi);
  private readonly documentsResource = rxResource({ params: () => this.id(), stream: ({ params }) => this.documentsApi.portalList({ engagementId: params }) });
  protected readonly documents = computed(() => (this.documentsResource.hasValue() ? this.documentsResource.value() : null));
  protected readonly documentsProblem = computed<Problem | null>(() => {
    const error = this.documentsResource.error();
    return error ? toProblem((error as { cause?: unknown }).cause ?? error) : null;
  });
  private readonly foldersResource = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.documentsApi.portalFolders(params).pipe(catchError(() => of([] as Folder[]))),
  });
  protected readonly folders = computed(() => (this.foldersResource.hasValue() ? this.foldersResource.value() : []));
  protected readonly busy = signal<string | null>(null);

  protected dateTime(value: unknown): string {
    if (typeof value !== 'string') return '';
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? '' : DATE_TIME.format(d);
  }

  /** Ticks a task; the firm may not allow it (403 with the reason, shown above the list). */
  protected async setDone(engagementId: string, item: EngagementItem, change: MatCheckboxChange): Promise<void> {
    const done = change.checked;
    this.busy.set(item.id);
    this.itemProblem.set(null);
    try {
      const saved = await firstValueFrom(this.api.portalDone(engagementId, item.id, done));
      this.itemsResource.update((list) => list?.map((i) => (i.id === saved.id ? saved : i)));
    } catch (error: unknown) {
      this.itemProblem.set(toProblem(error));
      // Put the box back as it was.
      change.source.checked = item.done;
    } finally {
      this.busy.set(null);
    }
  }
}
