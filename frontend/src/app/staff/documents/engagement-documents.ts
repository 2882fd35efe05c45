import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { catchError, firstValueFrom, of } from 'rxjs';

import type { Problem } from '../../core/api-types';
import { AuthService } from '../../core/auth.service';
import { type DocumentItem, DocumentsApi, type Folder, formatBytes } from '../../core/documents-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { TransferQueue } from '../../portal/documents/transfer-queue';
import { ConfirmDialog, type ConfirmDialogData } from '../ui/confirm-dialog';
import { formatDateTime } from '../ui/format';
import { ProblemAlert } from '../ui/problem-alert';
import { DIRECTION, uploaderName } from './document-ui';

/** The Documents section of an engagement's page: upload (not shared unless asked), list, download, share, delete. */
@Component({
  selector: 'app-engagement-documents',
  imports: [MatButtonModule, MatSlideToggleModule, Icon, ProblemAlert, TransferQueue],
  template: `
    <section class="card table-card" aria-labelledby="documents-title" data-testid="engagement-documents">
      <div class="docs-head pad">
        <h2 id="documents-title">Documents</h2>
      </div>
      <div class="pad">
        <div class="upload-opts">
          <mat-slide-toggle [checked]="share()" (change)="share.set($event.checked)" data-testid="upload-share">Share new uploads with {{ accountName() }}</mat-slide-toggle>
          @if (folders().length) {
            <label>
              <span class="visually-hidden">Folder</span>
              <select class="inline" [value]="folder()" (change)="folder.set($any($event.target).value)" aria-label="Folder" data-testid="upload-folder">
                <option value="">No folder</option>
                @for (f of folders(); track f.id) {
                  <option [value]="f.id">{{ f.name }}</option>
                }
              </select>
            </label>
          }
        </div>
        <app-transfer-queue [upload]="send" [maxBytes]="maxBytes()" [hint]="share() ? 'Uploads are shared with the client at once.' : 'Uploads stay with your team until you share them.'" (uploaded)="list.reload()" />
        <app-problem-alert [problem]="problem()" />
      </div>
      <div class="table-scroll">
        <table class="data-table stack">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Direction</th>
              <th scope="col">Uploaded</th>
              <th scope="col">Size</th>
              <th scope="col">Client sees it</th>
              <th scope="col"><span class="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (d of documents(); track d.id) {
              <tr data-testid="document-row" [class.tombstone]="!!d.deletedAt" [attr.data-deleted]="d.deletedAt ? 'true' : null">
                <td class="primary-cell" data-label="Name">
                  <span class="doc-name"><app-icon name="document" />{{ d.name }}</span>
                  @if (d.deletedAt) {
                    <span class="tomb-note" data-testid="tombstone">Deleted by {{ deleterName(d.deletedBy) }} on {{ formatDateTime(d.deletedAt) }}@if (d.deleteReason) { · {{ d.deleteReason }}}</span>
                  }
                  @if (folderName(d.folderId); as f) {
                    <span class="secondary">in {{ f }}</span>
                  }
                </td>
                <td data-label="Direction">
                  <span class="dir"><app-icon [name]="direction[d.direction].icon" />{{ direction[d.direction].label }}</span>
                  @if (d.direction === 'client-to-staff' && !d.downloadedByFirmAt && !d.deletedAt) {
                    <span class="tag tag-new">New</span>
                  }
                </td>
                <td data-label="Uploaded">{{ formatDateTime(d.uploadedAt) }}<span class="secondary">by {{ uploaderName(d) }}</span></td>
                <td data-label="Size" class="nowrap">{{ formatBytes(d.size) }}</td>
                <td data-label="Client sees it">
                  @if (d.deletedAt) {
                    <span class="muted">—</span>
                  } @else if (d.direction === 'client-to-staff') {
                    <span class="muted">Their upload</span>
                  } @else {
                    <mat-slide-toggle [checked]="d.sharedWithClient" (change)="setShared(d, $event.checked)" [aria-label]="'Shared with client: ' + d.name" />
                  }
                </td>
                <td class="actions-cell">
                  @if (!d.deletedAt) {
                    <button mat-icon-button type="button" (click)="download(d)" [disabled]="busy() === d.id" [attr.aria-label]="'Download ' + d.name"><app-icon name="download" /></button>
                    <button mat-icon-button type="button" (click)="remove(d)" [attr.aria-label]="'Delete ' + d.name"><app-icon name="delete" /></button>
                  }
                </td>
              </tr>
            } @empty {
              <tr><td colspan="6" class="empty">No documents yet. Drop files above to add them.</td></tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
  styleUrls: ['../ui/page.scss', './staff-documents.scss'],
  styles: `
    :host {
      display: block;
      margin-top: 1.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EngagementDocuments {
  private readonly api = inject(DocumentsApi);
  private readonly auth = inject(AuthService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly formatBytes = formatBytes;
  protected readonly formatDateTime = formatDateTime;
  protected readonly direction = DIRECTION;
  protected readonly uploaderName = uploaderName;

  readonly engagementId = input.required<string>();
  readonly accountName = input('the client');
  /** Staff names by id (for "deleted by"). */
  readonly staff = input<readonly { id: string; name: string }[]>([]);

  protected readonly share = signal(false);
  protected readonly folder = signal('');
  protected readonly busy = signal<string | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  protected readonly list = rxResource({
    params: () => this.engagementId(),
    stream: ({ params }) => this.api.list({ engagementId: params, deleted: true, limit: 200 }),
  });
  protected readonly documents = computed(() => (this.list.hasValue() ? this.list.value().items : []));
  private readonly foldersResource = rxResource({
    params: () => this.engagementId(),
    stream: ({ params }) => this.api.folders({ engagementId: params }).pipe(catchError(() => of([] as Folder[]))),
  });
  protected readonly folders = computed(() => (this.foldersResource.hasValue() ? this.foldersResource.value() : []));
  private readonly settings = rxResource({ stream: () => this.api.settings().pipe(catchError(() => of(null))) });
  protected readonly maxBytes = computed(() => (this.settings.hasValue() ? (this.settings.value()?.maxUploadBytes ?? null) : null));

  protected readonly send = (file: File) =>
    this.api.upload({ engagementId: this.folder() ? undefined : this.engagementId(), folderId: this.folder() || undefined, share: this.share() }, [file]);

  protected folderName(id: string | null): string | null {
    return id ? (this.folders().find((f) => f.id === id)?.name ?? null) : null;
  }

  protected deleterName(id: string | null): string {
    if (!id) return 'retention';
    const me = this.auth.staffMe();
    if (me && (me as { id?: string }).id === id) return 'you';
    return this.staff().find((s) => s.id === id)?.name ?? 'a colleague';
  }

  protected async download(d: DocumentItem): Promise<void> {
    this.busy.set(d.id);
    this.problem.set(null);
    try {
      await this.api.download(d);
      if (d.direction === 'client-to-staff' && !d.downloadedByFirmAt) this.list.reload();
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(null);
    }
  }

  protected async setShared(d: DocumentItem, shared: boolean): Promise<void> {
    this.problem.set(null);
    try {
      const saved = await firstValueFrom(this.api.update(d.id, { sharedWithClient: shared }));
      this.list.update((page) => page && { ...page, items: page.items.map((x) => (x.id === saved.id ? saved : x)) });
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
      this.list.reload();
    }
  }

  protected async remove(d: DocumentItem): Promise<void> {
    const ref = this.dialog.open<ConfirmDialog, ConfirmDialogData, unknown>(ConfirmDialog, {
      data: {
        title: `Delete “${d.name}”?`,
        body: [
          d.sharedWithClient || d.direction === 'client-to-staff' ? 'The client loses it at once.' : 'Only your team could see it.',
          'The file is removed; a record stays (name, size, dates, who deleted it).',
        ],
        confirmLabel: 'Delete document',
        busyLabel: 'Deleting…',
        destructive: true,
        action: () => this.api.remove(d.id),
      },
      width: '30rem',
      maxWidth: 'calc(100vw - 2rem)',
    });
    if (await firstValueFrom(ref.afterClosed())) {
      this.snackBar.open(`“${d.name}” was deleted.`, 'Close', { duration: 5000 });
      this.list.reload();
    }
  }
}
