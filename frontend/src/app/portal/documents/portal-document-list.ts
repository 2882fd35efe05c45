import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

import type { Problem } from '../../core/api-types';
import { DocumentsApi, type Folder, type PortalDocument, formatBytes } from '../../core/documents-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';
import { ProblemAlert } from '../../shared/problem-alert';

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

interface FolderGroup {
  readonly key: string;
  readonly name: string | null;
  readonly docs: readonly PortalDocument[];
}

/** A place's documents (the account's, or a shared engagement's), grouped by folder, with downloads. */
@Component({
  selector: 'app-portal-document-list',
  imports: [MatButtonModule, Icon, ProblemAlert],
  template: `
    <app-problem-alert [problem]="problem()" />
    @for (g of groups(); track g.key) {
      <div class="folder">
        @if (g.name !== null) {
          <h3 class="folder-name"><app-icon name="folder" />{{ g.name }}</h3>
        }
        <ul class="docs">
          @for (d of g.docs; track d.id) {
            <li class="doc" data-testid="document-row">
              <app-icon name="document" class="doc-icon" />
              <div class="doc-body">
                <span class="doc-name">
                  {{ d.name }}
                  @if (d.direction === 'client-to-staff') {
                    <span class="tag-yours">Sent by you</span>
                  }
                </span>
                <span class="doc-meta">{{ formatBytes(d.size) }} · {{ date(d.uploadedAt) }}</span>
              </div>
              <button mat-stroked-button type="button" (click)="download(d)" [disabled]="busy() === d.id" [attr.aria-label]="'Download ' + d.name">
                <app-icon matButtonIcon name="download" />{{ busy() === d.id ? 'Downloading…' : 'Download' }}
              </button>
            </li>
          }
        </ul>
      </div>
    } @empty {
      <p class="empty">{{ emptyText() }}</p>
    }
  `,
  styleUrl: './portal-documents.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalDocumentList {
  private readonly api = inject(DocumentsApi);
  readonly documents = input.required<readonly PortalDocument[]>();
  readonly folders = input<readonly Folder[]>([]);
  readonly emptyText = input('No documents yet.');

  protected readonly formatBytes = formatBytes;
  protected readonly busy = signal<string | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  /** Documents outside folders first, then one group per folder (by name). */
  protected readonly groups = computed<FolderGroup[]>(() => {
    const names = new Map(this.folders().map((f) => [f.id, f.name]));
    const byFolder = new Map<string, PortalDocument[]>();
    for (const d of this.documents()) {
      const key = d.folderId ?? '';
      byFolder.set(key, [...(byFolder.get(key) ?? []), d]);
    }
    return [...byFolder.entries()]
      .map(([key, docs]) => ({ key, name: key ? (names.get(key) ?? 'Folder') : null, docs }))
      .sort((a, b) => (a.name === null ? -1 : b.name === null ? 1 : a.name.localeCompare(b.name)));
  });

  protected date(value: string): string {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? '' : DATE.format(d);
  }

  protected async download(d: PortalDocument): Promise<void> {
    this.busy.set(d.id);
    this.problem.set(null);
    try {
      await this.api.portalDownload(d);
    } catch (error: unknown) {
      this.problem.set(toProblem(error));
    } finally {
      this.busy.set(null);
    }
  }
}
