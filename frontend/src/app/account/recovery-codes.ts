import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, DOCUMENT, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

import { FirmService } from '../core/firm.service';
import { Icon } from '../shared/icon';

/** The 10 recovery codes, shown once after two-step verification is set up, with copy and download. */
@Component({
  selector: 'app-recovery-codes',
  imports: [MatButtonModule, Icon],
  template: `
    <ol class="codes" data-testid="recovery-codes" aria-label="Recovery codes">
      @for (code of codes(); track code) {
        <li><code>{{ code }}</code></li>
      }
    </ol>
    <div class="code-actions">
      <button mat-stroked-button type="button" (click)="copy()">
        <app-icon name="copy" />
        Copy codes
      </button>
      <button mat-stroked-button type="button" (click)="download()">
        <app-icon name="download" />
        Download as a file
      </button>
    </div>
    <p class="status" role="status">{{ status() }}</p>
  `,
  styles: `
    .codes {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 0.5rem 1.5rem;
      margin: 0;
      padding: 1rem 1rem 1rem 2.5rem;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
      @media (max-width: 400px) {
        grid-template-columns: 1fr;
      }
      li {
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-body-small);
      }
      code {
        font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
        font-size: 1rem;
        font-weight: 600;
        color: var(--mat-sys-on-surface);
        letter-spacing: 0.03em;
      }
    }
    .code-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-top: 0.875rem;
      app-icon {
        --app-icon-size: 18px;
        margin-right: 0.375rem;
        vertical-align: -4px;
      }
      button {
        display: inline-flex;
        align-items: center;
      }
    }
    .status {
      margin: 0.5rem 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      &:empty {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecoveryCodes {
  private readonly clipboard = inject(Clipboard);
  private readonly document = inject(DOCUMENT);
  private readonly firmService = inject(FirmService);

  readonly codes = input.required<string[]>();
  protected readonly status = signal('');

  private readonly text = computed(() => {
    const firm = this.firmService.firm()?.name ?? 'Portico';
    return [
      `Recovery codes for ${firm}`,
      'Each code works once, in place of a code from your authenticator app.',
      '',
      ...this.codes(),
      '',
    ].join('\n');
  });

  protected copy(): void {
    this.status.set(this.clipboard.copy(this.text()) ? 'Codes copied.' : 'Copying did not work here; select the codes and copy them.');
  }

  protected download(): void {
    const slug = this.firmService.firm()?.slug ?? 'portico';
    const url = URL.createObjectURL(new Blob([this.text()], { type: 'text/plain;charset=utf-8' }));
    const link = this.document.createElement('a');
    link.href = url;
    link.download = `${slug}-recovery-codes.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this.status.set('Codes downloaded.');
  }
}
