import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { catchError, firstValueFrom, map, of } from 'rxjs';

import type { Problem } from '../../core/api-types';
import { type DocumentItem, type DocumentSearch, DocumentsApi, formatBytes } from '../../core/documents-api';
import { EngagementsApi } from '../../core/engagements-api';
import { IdentityApi } from '../../core/identity-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { formatDateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { DIRECTION, uploaderName } from './document-ui';

const PAGE = 50;

/** `/staff/documents`: the firm-wide "New files" inbox, and every document with filters. */
@Component({
  selector: 'app-staff-documents-page',
  imports: [RouterLink, MatButtonModule, MatCheckboxModule, MatProgressSpinnerModule, MatTabsModule, Icon, ProblemAlert],
  template: `
    <div class="page-head">
      <div>
        <h1>Documents</h1>
        <p class="sub">Files your clients sent, and everything shared both ways.</p>
      </div>
    </div>
    <app-problem-alert [problem]="problem()" />

    <mat-tab-group animationDuration="0ms" [selectedIndex]="tab()" (selectedIndexChange)="tab.set($event)">
      <mat-tab [label]="'New files' + (newTotal() ? ' (' + newTotal() + ')' : '')">
        <div class="tab-body">
          <section class="card table-card" aria-labelledby="new-title" data-testid="new-files">
            <div class="docs-head pad">
              <h2 id="new-title">New files</h2>
              <button mat-flat-button type="button" (click)="markSelected()" [disabled]="!selected().size || marking()" data-testid="mark-downloaded">
                <app-icon matButtonIcon name="check" />{{ marking() ? 'Marking…' : 'Mark downloaded' + (selected().size ? ' (' + selected().size + ')' : '') }}
              </button>
            </div>
            <p class="card-intro pad">Client uploads nobody at the firm has downloaded yet, oldest first. Downloading one takes it off this list.</p>
            @if (newFiles(); as list) {
              <div class="table-scroll">
                <table class="data-table stack">
                  <thead>
                    <tr>
                      <th scope="col" class="check-cell">
                        <mat-checkbox [checked]="allSelected()" [indeterminate]="selected().size > 0 && !allSelected()" (change)="selectAll($event.checked)" aria-label="Select all" [disabled]="!list.length" />
                      </th>
                      <th scope="col">Name</th>
                      <th scope="col">Client account</th>
                      <th scope="col">Engagement</th>
                      <th scope="col">Uploaded</th>
                      <th scope="col">Size</th>
                      <th scope="col"><span class="visually-hidden">Download</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (d of list; track d.id) {
                      <tr data-testid="document-row">
                        <td class="check-cell"><mat-checkbox [checked]="selected().has(d.id)" (change)="toggle(d.id, $event.checked)" [aria-label]="'Select ' + d.name" /></td>
                        <td class="primary-cell" data-label="Name"><span class="doc-name"><app-icon name="document" />{{ d.name }}</span></td>
                        <td data-label="Client account"><a [routerLink]="['/staff/clients/accounts', d.accountId]">{{ accountName(d.accountId) }}</a></td>
                        <td data-label="Engagement">
                          @if (d.engagementId) {
                            <a [routerLink]="['/staff/engagements', d.engagementId]">{{ engagementName(d.engagementId) }}</a>
                          } @else {
                            <span class="muted">—</span>
                          }
                        </td>
                        <td data-label="Uploaded">{{ formatDateTime(d.uploadedAt) }}<span class="secondary">by {{ uploaderName(d) }}</span></td>
                        <td data-label="Size" class="nowrap">{{ formatBytes(d.size) }}</td>
                        <td class="actions-cell">
                          <button mat-stroked-button type="button" (click)="download(d)" [disabled]="busy() === d.id" [attr.aria-label]="'Download ' + d.name"><app-icon matButtonIcon name="download" />Download</button>
                        </td>
                      </tr>
                    } @empty {
                      <tr><td colspan="7" class="empty">No new files. Client uploads appear here until someone downloads them.</td></tr>
                    }
                  </tbody>
                </table>
              </div>
              @if (newTotal() > list.length) {
                <p class="pager">The oldest {{ list.length }} of {{ newTotal() }} are shown; mark or download them to see the rest.</p>
              }
            } @else {
              <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="32" aria-label="Loading new files" /></div>
            }
          </section>
        </div>
      </mat-tab>

      <mat-tab label="All documents">
        <div class="tab-body">
          <section class="card table-card" aria-labelledby="all-title">
            <div class="docs-head pad"><h2 id="all-title">All documents</h2></div>
            <form class="filters pad" role="search" (submit)="$event.preventDefault(); search()">
              <label>
                <span>Name</span>
                <input type="search" [value]="q()" (input)="q.set($any($event.target).value)" (keyup.enter)="search()" data-testid="documents-q" />
              </label>
              <label>
                <span>Client account</span>
                <select [value]="accountId()" (change)="accountId.set($any($event.target).value); search()" data-testid="documents-account">
                  <option value="">All accounts</option>
                  @for (a of accounts(); track a.id) {
                    <option [value]="a.id">{{ a.name }}</option>
                  }
                </select>
              </label>
              <label>
                <span>Direction</span>
                <select [value]="direction()" (change)="direction.set($any($event.target).value); search()" data-testid="documents-direction">
                  <option value="">Both</option>
                  <option value="client-to-staff">From clients</option>
                  <option value="staff-to-client">From the firm</option>
                </select>
              </label>
              <label>
                <span>Shared</span>
                <select [value]="shared()" (change)="shared.set($any($event.target).value); search()" data-testid="documents-shared">
                  <option value="">Any</option>
                  <option value="true">Shared with client</option>
                  <option value="false">Not shared</option>
                </select>
              </label>
              <label class="check">
                <input type="checkbox" [checked]="deleted()" (change)="deleted.set($any($event.target).checked); search()" data-testid="documents-deleted" />
                <span>Include deleted</span>
              </label>
              <button mat-stroked-button type="submit"><app-icon matButtonIcon name="search" />Search</button>
            </form>
            @if (all(); as page) {
              <div class="table-scroll">
                <table class="data-table stack">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Client account</th>
                      <th scope="col">Direction</th>
                      <th scope="col">Uploaded</th>
                      <th scope="col">Size</th>
                      <th scope="col"><span class="visually-hidden">Download</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    @for (d of page.items; track d.id) {
                      <tr data-testid="document-row" [class.tombstone]="!!d.deletedAt">
                        <td class="primary-cell" data-label="Name">
                          <span class="doc-name"><app-icon name="document" />{{ d.name }}</span>
                          @if (d.deletedAt) {
                            <span class="tomb-note">Deleted {{ formatDateTime(d.deletedAt) }}@if (d.deleteReason) { · {{ d.deleteReason }}}</span>
                          }
                          @if (d.engagementId) {
                            <a class="secondary" [routerLink]="['/staff/engagements', d.engagementId]">{{ engagementName(d.engagementId) }}</a>
                          }
                        </td>
                        <td data-label="Client account"><a [routerLink]="['/staff/clients/accounts', d.accountId]">{{ accountName(d.accountId) }}</a></td>
                        <td data-label="Direction">
                          <span class="dir"><app-icon [name]="directionInfo[d.direction].icon" />{{ directionInfo[d.direction].label }}</span>
                          @if (d.direction === 'staff-to-client' && d.sharedWithClient) {
                            <span class="tag tag-on">Shared</span>
                          }
                          @if (d.direction === 'client-to-staff' && !d.downloadedByFirmAt && !d.deletedAt) {
                            <span class="tag tag-new">New</span>
                          }
                        </td>
                        <td data-label="Uploaded">{{ formatDateTime(d.uploadedAt) }}<span class="secondary">by {{ uploaderName(d) }}</span></td>
                        <td data-label="Size" class="nowrap">{{ formatBytes(d.size) }}</td>
                        <td class="actions-cell">
                          @if (!d.deletedAt) {
                            <button mat-icon-button type="button" (click)="download(d)" [disabled]="busy() === d.id" [attr.aria-label]="'Download ' + d.name"><app-icon name="download" /></button>
                          }
                        </td>
                      </tr>
                    } @empty {
                      <tr><td colspan="6" class="empty">No documents match.</td></tr>
                    }
                  </tbody>
                </table>
              </div>
              @if (page.total > pageSize) {
                <div class="pager">
                  <span>{{ offset() + 1 }}–{{ offset() + page.items.length }} of {{ page.total }}</span>
                  <button mat-button type="button" (click)="offset.set(offset() - pageSize)" [disabled]="offset() === 0">Previous</button>
                  <button mat-button type="button" (click)="offset.set(offset() + pageSize)" [disabled]="offset() + pageSize >= page.total">Next</button>
                </div>
              }
            } @else {
              <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="32" aria-label="Loading documents" /></div>
            }
          </section>
        </div>
      </mat-tab>
    </mat-tab-group>
  `,
  styleUrls: ['../ui/page.scss', './staff-documents.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StaffDocumentsPage {
  private readonly api = inject(DocumentsApi);
  private readonly identity = inject(IdentityApi);
  private readonly engagements = inject(EngagementsApi);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly formatBytes = formatBytes;
  protected readonly formatDateTime = formatDateTime;
  protected readonly directionInfo = DIRECTION;
  protected readonly uploaderName = uploaderName;
  protected readonly pageSize = PAGE;

  protected readonly tab = signal(0);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly marking = signal(false);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());

  // Names for ids (the documents carry ids only).
  private readonly accountsResource = rxResource({ stream: () => this.identity.accounts().pipe(catchError(() => of([]))) });
  protected readonly accounts = computed(() => (this.accountsResource.hasValue() ? this.accountsResource.value() : []));
  private readonly accountNames = computed(() => new Map(this.accounts().map((a) => [a.id, a.name])));
  private readonly engagementsResource = rxResource({
    stream: () => this.engagements.list({ limit: 200 }).pipe(map((p) => p.items), catchError(() => of([]))),
  });
  private readonly engagementNames = computed(
    () => new Map((this.engagementsResource.hasValue() ? this.engagementsResource.value() : []).map((e) => [e.id, e.name])),
  );

  // New files.
  private readonly newResource = rxResource({ stream: () => this.api.newFiles() });
  protected readonly newFiles = computed(() => (this.newResource.hasValue() ? this.newResource.value().items : null));
  protected readonly newTotal = computed(() => (this.newResource.hasValue() ? this.newResource.value().total : 0));
  protected readonly allSelected = computed(() => {
    const list = this.newFiles() ?? [];
    return list.length > 0 && list.every((d) => this.selected().has(d.id));
  });

  // All documents.
  protected readonly q = signal('');
  protected readonly accountId = signal('');
  protected readonly direction = signal<'' | DocumentItem['direction']>('');
  protected readonly shared = signal<'' | 'true' | 'false'>('');
  protected readonly deleted = signal(false);
  protected readonly offset = signal(0);
  private readonly criteria = signal<DocumentSearch>({});
  private readonly allResource = rxResource({
    params: () => ({ ...this.criteria(), offset: this.offset(), limit: PAGE }),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly all = computed(() => (this.allResource.hasValue() ? this.allResource.value() : null));

  protected accountName(id: string): string {
    return this.accountNames().get(id) ?? 'Client account';
  }
  protected engagementName(id: string): string {
    return this.engagementNames().get(id) ?? 'Engagement';
  }

  protected search(): void {
    const shared = this.shared();
    this.offset.set(0);
    this.criteria.set({
      q: this.q().trim() || undefined,
      accountId: this.accountId() || undefined,
      direction: this.direction() || undefined,
      shared: shared === '' ? undefined : shared === 'true',
      deleted: this.deleted() || undefined,
    });
  }

  protected toggle(id: string, on: boolean): void {
    this.selected.update((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }
  protected selectAll(on: boolean): void {
    this.selected.set(on ? new Set((this.newFiles() ?? []).map((d) => d.id)) : new Set());
  }

  protected async markSelected(): Promise<void> {
    const ids = [...this.selected()];
    if (!ids.length) return;
    this.marking.set(true);
    this.problem.set(null);
    try {
      const { marked } = await firstValueFrom(this.api.markDownloaded(ids.slice(0, 500)));
      this.selected.set(new Set());
      this.newResource.reload();
      this.allResource.reload();
      this.snackBar.open(`${marked} file${marked === 1 ? '' : 's'} marked as downloaded.`, 'Close', { duration: 4000 });
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
    } finally {
      this.marking.set(false);
    }
  }

  protected async download(d: DocumentItem): Promise<void> {
    this.busy.set(d.id);
    this.problem.set(null);
    try {
      await this.api.download(d);
      if (d.direction === 'client-to-staff' && !d.downloadedByFirmAt) {
        this.toggle(d.id, false);
        this.newResource.reload();
        this.allResource.reload();
      }
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(null);
    }
  }
}
