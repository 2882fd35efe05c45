import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { type Observable, catchError, forkJoin, map, of, switchMap } from 'rxjs';

import type { Problem } from '../../core/api-types';
import { DocumentsApi, type Folder, type PortalDocument } from '../../core/documents-api';
import { EngagementsApi } from '../../core/engagements-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { ProblemAlert } from '../../shared/problem-alert';
import { PortalDocumentList } from './portal-document-list';
import { TransferQueue, isUploadsDisabled } from './transfer-queue';

interface Place {
  /** '' = the account (outside engagements). */
  readonly engagementId: string;
  readonly name: string;
  readonly documents: readonly PortalDocument[];
  readonly folders: readonly Folder[];
}

/** `/documents`: what the firm shared and what I sent, by place and folder; and the upload area. */
@Component({
  selector: 'app-portal-documents-page',
  imports: [RouterLink, MatProgressSpinnerModule, Icon, ProblemAlert, PortalDocumentList, TransferQueue],
  template: `
    <div class="head">
      <h1>Documents</h1>
      <p class="lede">Download what your firm shared with you and send it your files.</p>
    </div>

    <section class="card section upload" aria-labelledby="upload-title">
      <h2 id="upload-title">Send files</h2>
      @if (uploadsOff(); as off) {
        <div class="alert alert-warning" role="alert" data-testid="uploads-disabled">
          <app-icon name="block" />
          <div>
            <strong>Uploads are switched off.</strong>
            <p>{{ off.detail || 'Your firm does not accept uploads on the portal; please send your files another way.' }}</p>
          </div>
        </div>
      } @else {
        @if (places(); as list) {
          <div class="targets">
            <label>
              <span>Send to</span>
              <select [value]="target()" (change)="setTarget($any($event.target).value)" data-testid="upload-target">
                @for (p of list; track p.engagementId) {
                  <option [value]="p.engagementId">{{ p.name }}</option>
                }
              </select>
            </label>
            @if (targetFolders().length) {
              <label>
                <span>Folder</span>
                <select [value]="folder()" (change)="folder.set($any($event.target).value)" data-testid="upload-folder">
                  <option value="">No folder</option>
                  @for (f of targetFolders(); track f.id) {
                    <option [value]="f.id">{{ f.name }}</option>
                  }
                </select>
              </label>
            }
          </div>
        }
        <app-transfer-queue [upload]="send" hint="Your firm sees new files in its inbox. Each file is sent on its own; a failed one can be retried." (uploaded)="reload()" (failed)="onFailed($event)" />
      }
    </section>

    <app-problem-alert [problem]="loadProblem()" />
    @if (places(); as list) {
      @for (p of list; track p.engagementId) {
        <section class="card section" [attr.aria-label]="p.name">
          <h2 class="place">
            <app-icon [name]="p.engagementId ? 'work' : 'person'" />
            @if (p.engagementId) {
              <a [routerLink]="['/engagements', p.engagementId]">{{ p.name }}</a>
            } @else {
              {{ p.name }}
            }
          </h2>
          <app-portal-document-list [documents]="p.documents" [folders]="p.folders" [emptyText]="p.engagementId ? 'Nothing shared here yet.' : 'No documents yet. Files you send appear here.'" />
        </section>
      }
    } @else if (!loadProblem()) {
      <div class="loading"><mat-progress-spinner mode="indeterminate" diameter="36" aria-label="Loading documents" /></div>
    }
  `,
  styleUrls: ['../engagements/portal-engagements.scss', './portal-documents-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalDocumentsPage {
  private readonly api = inject(DocumentsApi);
  private readonly engagements = inject(EngagementsApi);

  private readonly resource = rxResource({ stream: () => this.load() });
  protected readonly places = computed(() => (this.resource.hasValue() ? this.resource.value() : null));
  protected readonly loadProblem = computed<Problem | null>(() => {
    const error = this.resource.error();
    return error ? toProblem((error as { cause?: unknown }).cause ?? error) : null;
  });
  protected readonly uploadsOff = signal<Problem | null>(null);
  protected readonly target = signal('');
  protected readonly folder = signal('');
  protected readonly targetFolders = computed(() => this.places()?.find((p) => p.engagementId === this.target())?.folders ?? []);

  /** Sends one file to the chosen place (read when the transfer starts). */
  protected readonly send = (file: File) => {
    const engagementId = this.target() || undefined;
    const folderId = this.folder() || undefined;
    return this.api.portalUpload({ engagementId, folderId }, [file]);
  };

  private load(): Observable<Place[]> {
    const own$ = forkJoin([this.api.portalList(), this.api.portalFolders().pipe(catchError(() => of([] as Folder[])))]).pipe(
      map(([documents, folders]): Place => ({ engagementId: '', name: 'Your documents', documents: documents.filter((d) => !d.engagementId), folders: folders.filter((f) => !f.engagementId) })),
    );
    const shared$ = this.engagements.portalList().pipe(
      switchMap((list) =>
        list.length
          ? forkJoin(
              list.map((e) =>
                forkJoin([
                  this.api.portalList({ engagementId: e.id }).pipe(catchError(() => of([] as PortalDocument[]))),
                  this.api.portalFolders(e.id).pipe(catchError(() => of([] as Folder[]))),
                ]).pipe(map(([documents, folders]): Place => ({ engagementId: e.id, name: e.name, documents, folders }))),
              ),
            )
          : of([] as Place[]),
      ),
    );
    return forkJoin([own$, shared$]).pipe(map(([own, shared]) => [own, ...shared]));
  }

  protected setTarget(value: string): void {
    this.target.set(value);
    this.folder.set('');
  }

  protected reload(): void {
    this.resource.reload();
  }

  protected onFailed(problem: Problem): void {
    if (isUploadsDisabled(problem)) this.uploadsOff.set(problem);
  }
}
