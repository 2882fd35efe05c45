import { type HttpEvent, HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, input, output, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { Observable, Subscription } from 'rxjs';

import type { Problem } from '../../core/api-types';
import { formatBytes } from '../../core/documents-api';
import { toProblem } from '../../core/problem';
import { Icon } from '../../shared/icon';

export type TransferState = 'queued' | 'uploading' | 'verifying' | 'done' | 'failed';

interface Transfer {
  readonly id: number;
  readonly file: File;
  readonly state: TransferState;
  /** 0–100 while uploading. */
  readonly percent: number;
  readonly reason: string | null;
}

const STATE_LABELS: Record<TransferState, string> = {
  queued: 'Queued',
  uploading: 'Uploading',
  verifying: 'Verifying',
  done: 'Done',
  failed: 'Failed',
};

/** How many files travel at once. */
const PARALLEL = 2;

/** The problem slug when the firm switched client uploads off. */
export function isUploadsDisabled(problem: Problem | null | undefined): boolean {
  return !!problem && problem.status === 403 && problem.type.endsWith('/client-uploads-disabled');
}

/**
 * A drop zone, a file button and the transfer queue: one request per file, each with its
 * progress bar and state (queued, uploading, verifying — the server stores and checks the
 * bytes —, done, failed with the server's reason and a retry).
 */
@Component({
  selector: 'app-transfer-queue',
  imports: [MatButtonModule, MatProgressBarModule, Icon],
  template: `
    <div
      class="drop"
      [class.over]="over()"
      [class.off]="disabled()"
      data-testid="upload-drop"
      (dragenter)="dragOver($event)"
      (dragover)="dragOver($event)"
      (dragleave)="over.set(false)"
      (drop)="drop($event)"
    >
      <app-icon name="upload" class="drop-icon" />
      <p>
        <strong>Drop files here</strong> or
        <button mat-stroked-button type="button" (click)="picker.click()" [disabled]="disabled()">Choose files</button>
      </p>
      @if (hint()) {
        <p class="hint">{{ hint() }}</p>
      }
      <input #picker type="file" multiple hidden (change)="picked($event)" [disabled]="disabled()" data-testid="upload-input" />
    </div>
    @if (transfers().length) {
      <ul class="queue" aria-label="Transfers">
        @for (t of transfers(); track t.id) {
          <li [class]="'transfer ' + t.state" data-testid="transfer-row">
            <div class="line">
              <app-icon [name]="stateIcon(t.state)" class="state-icon" />
              <span class="name" [title]="t.file.name">{{ t.file.name }}</span>
              <span class="size">{{ formatBytes(t.file.size) }}</span>
              <span class="state" data-testid="transfer-state" [attr.data-state]="t.state">
                {{ stateLabels[t.state] }}@if (t.state === 'uploading') { {{ t.percent }}%}
              </span>
              @if (t.state === 'failed') {
                <button mat-button type="button" (click)="retry(t)" [attr.aria-label]="'Retry ' + t.file.name">Retry</button>
              }
              @if (t.state === 'done' || t.state === 'failed') {
                <button mat-icon-button type="button" class="dismiss" (click)="dismiss(t)" [attr.aria-label]="'Remove ' + t.file.name + ' from the list'"><app-icon name="close" /></button>
              }
            </div>
            <mat-progress-bar
              data-testid="transfer-progress"
              [mode]="t.state === 'verifying' ? 'indeterminate' : 'determinate'"
              [value]="t.state === 'done' ? 100 : t.percent"
              [attr.aria-label]="'Progress of ' + t.file.name"
            />
            @if (t.reason) {
              <p class="reason" role="alert">{{ t.reason }}</p>
            }
          </li>
        }
      </ul>
      @if (finished()) {
        <button mat-button type="button" class="clear" (click)="clearFinished()">Clear finished</button>
      }
    }
  `,
  styles: `
    :host { display: block; }
    .drop {
      border: 2px dashed var(--mat-sys-outline-variant, #c4c7c5);
      border-radius: 12px;
      padding: 1.25rem 1rem;
      text-align: center;
      color: var(--mat-sys-on-surface-variant, #444);
      transition: background-color 120ms, border-color 120ms;
    }
    .drop p { margin: 0.25rem 0; display: flex; gap: 0.5rem; align-items: center; justify-content: center; flex-wrap: wrap; }
    .drop.over { border-color: var(--mat-sys-primary, #3f51b5); background: color-mix(in srgb, var(--mat-sys-primary, #3f51b5) 8%, transparent); }
    .drop.off { opacity: 0.6; }
    .drop-icon { --app-icon-size: 32px; color: var(--mat-sys-primary, #3f51b5); }
    .hint { font-size: 0.85rem; }
    .queue { list-style: none; margin: 0.75rem 0 0; padding: 0; display: grid; gap: 0.5rem; }
    .transfer { border: 1px solid var(--mat-sys-outline-variant, #ddd); border-radius: 8px; padding: 0.5rem 0.75rem; }
    .line { display: flex; align-items: center; gap: 0.5rem; min-height: 40px; }
    .state-icon { --app-icon-size: 20px; color: var(--mat-sys-on-surface-variant, #666); }
    .done .state-icon { color: #1b7f3b; }
    .failed .state-icon, .failed .state { color: var(--mat-sys-error, #b3261e); }
    .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 500; }
    .size, .state { font-size: 0.85rem; color: var(--mat-sys-on-surface-variant, #666); white-space: nowrap; }
    .dismiss { --app-icon-size: 18px; }
    mat-progress-bar { margin-top: 0.25rem; }
    .reason { margin: 0.375rem 0 0; font-size: 0.875rem; color: var(--mat-sys-error, #b3261e); }
    .clear { margin-top: 0.25rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferQueue {
  /** Sends one file; the events drive its progress bar. */
  readonly upload = input.required<(file: File) => Observable<HttpEvent<unknown>>>();
  readonly disabled = input(false);
  /** The firm's limit when known: larger files fail at once, without sending a byte. */
  readonly maxBytes = input<number | null>(null);
  readonly hint = input<string | null>(null);
  /** A file arrived (the list can reload). */
  readonly uploaded = output<void>();
  /** A failure that is not about the file (e.g. client uploads switched off). */
  readonly failed = output<Problem>();

  protected readonly stateLabels = STATE_LABELS;
  protected readonly formatBytes = formatBytes;
  protected readonly transfers = signal<readonly Transfer[]>([]);
  protected readonly over = signal(false);
  protected readonly finished = signal(false);
  private readonly inputRef = viewChild<ElementRef<HTMLInputElement>>('picker');
  private readonly running = new Map<number, Subscription>();
  private nextId = 1;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.running.forEach((s) => s.unsubscribe()));
  }

  /** Adds files to the queue (also for callers with their own picker). */
  add(files: readonly File[]): void {
    if (this.disabled() || !files.length) return;
    const max = this.maxBytes();
    const added = files.map((file): Transfer => {
      const tooLarge = max !== null && file.size > max;
      return {
        id: this.nextId++,
        file,
        state: tooLarge ? 'failed' : 'queued',
        percent: 0,
        reason: tooLarge ? `This file is larger than the firm accepts (${formatBytes(max)}).` : null,
      };
    });
    this.transfers.update((list) => [...list, ...added]);
    this.updateFinished();
    this.pump();
  }

  protected dragOver(event: DragEvent): void {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = this.disabled() ? 'none' : 'copy';
    this.over.set(!this.disabled());
  }

  protected drop(event: DragEvent): void {
    event.preventDefault();
    this.over.set(false);
    this.add(Array.from(event.dataTransfer?.files ?? []));
  }

  protected picked(event: Event): void {
    const el = event.target as HTMLInputElement;
    this.add(Array.from(el.files ?? []));
    el.value = '';
  }

  protected retry(t: Transfer): void {
    this.patch(t.id, { state: 'queued', percent: 0, reason: null });
    this.pump();
  }

  protected dismiss(t: Transfer): void {
    this.transfers.update((list) => list.filter((x) => x.id !== t.id));
    this.updateFinished();
  }

  protected clearFinished(): void {
    this.transfers.update((list) => list.filter((x) => x.state !== 'done' && x.state !== 'failed'));
    this.updateFinished();
  }

  protected stateIcon(state: TransferState): 'upload' | 'check-circle' | 'error' | 'schedule' {
    return state === 'done' ? 'check-circle' : state === 'failed' ? 'error' : state === 'queued' ? 'schedule' : 'upload';
  }

  private patch(id: number, changes: Partial<Transfer>): void {
    this.transfers.update((list) => list.map((t) => (t.id === id ? { ...t, ...changes } : t)));
    this.updateFinished();
  }

  private updateFinished(): void {
    this.finished.set(this.transfers().some((t) => t.state === 'done' || t.state === 'failed'));
  }

  /** Starts queued files while fewer than PARALLEL travel. */
  private pump(): void {
    for (const t of this.transfers()) {
      if (this.running.size >= PARALLEL) return;
      if (t.state !== 'queued' || this.running.has(t.id)) continue;
      this.start(t);
    }
  }

  private start(t: Transfer): void {
    this.patch(t.id, { state: 'uploading', percent: 0, reason: null });
    const finish = (): void => {
      this.running.delete(t.id);
      this.pump();
    };
    const sub = this.upload()(t.file).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          const total = event.total ?? t.file.size;
          const percent = total ? Math.min(100, Math.round((100 * event.loaded) / total)) : 0;
          // Every byte sent: the server still stores, hashes and checks the file.
          this.patch(t.id, percent >= 100 ? { state: 'verifying', percent: 100 } : { percent });
        } else if (event.type === HttpEventType.Response) {
          this.patch(t.id, { state: 'done', percent: 100 });
        }
      },
      error: (error: unknown) => {
        const problem = toProblem(error);
        this.patch(t.id, { state: 'failed', reason: problem.detail ?? problem.title });
        if (isUploadsDisabled(problem)) this.failed.emit(problem);
        finish();
      },
      complete: () => {
        this.uploaded.emit();
        finish();
      },
    });
    this.running.set(t.id, sub);
  }

  /** Opens the file picker. */
  choose(): void {
    this.inputRef()?.nativeElement.click();
  }
}
