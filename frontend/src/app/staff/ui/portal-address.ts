import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

import { FirmService } from '../../core/firm.service';
import { Icon } from '../../shared/icon';

/** The firm's portal address for staff to share with clients, with a copy button. */
@Component({
  selector: 'app-portal-address',
  imports: [MatButtonModule, Icon],
  template: `
    @if (address(); as url) {
      <div class="portal-address">
        <span class="label" [id]="labelId">{{ label() }}</span>
        <div class="row">
          <a class="url" [href]="url" target="_blank" rel="noopener" [attr.aria-describedby]="labelId">{{ display() }}</a>
          <button
            mat-stroked-button
            type="button"
            data-testid="copy-portal-address"
            (click)="copy(url)"
            [attr.aria-label]="'Copy the portal address ' + display()"
          >
            <app-icon matButtonIcon [name]="copied() ? 'check-circle' : 'copy'" />
            {{ copied() ? 'Copied' : 'Copy' }}
          </button>
        </div>
        <span class="visually-hidden" role="status">{{ copied() ? 'Portal address copied to the clipboard.' : '' }}</span>
        @if (failed()) {
          <span class="failed" role="alert">Copying did not work in this browser. Select the address and copy it yourself.</span>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .label {
      display: block;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
      margin-bottom: 0.35rem;
    }
    .row {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      flex-wrap: wrap;
    }
    .url {
      font: var(--mat-sys-body-large);
      font-weight: 500;
      padding: 0.4rem 0.75rem;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      overflow-wrap: anywhere;
      min-width: 0;
    }
    button app-icon {
      --app-icon-size: 18px;
      margin-right: 0.35rem;
    }
    .failed {
      display: block;
      margin-top: 0.5rem;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalAddress {
  private readonly clipboard = inject(Clipboard);
  private readonly firmService = inject(FirmService);
  private static nextId = 0;

  /** Defaults to the address of the current firm. */
  readonly url = input<string | null>(null);
  readonly label = input('Portal address for your clients');

  protected readonly labelId = `portal-address-label-${PortalAddress.nextId++}`;
  protected readonly address = computed(() => (this.url() ?? this.firmService.firm()?.portalUrl ?? '').replace(/\/$/, ''));
  protected readonly display = computed(() => this.address().replace(/^https?:\/\//, ''));
  protected readonly copied = signal(false);
  protected readonly failed = signal(false);
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected copy(url: string): void {
    const ok = this.clipboard.copy(url);
    this.failed.set(!ok);
    this.copied.set(ok);
    clearTimeout(this.timer);
    if (ok) this.timer = setTimeout(() => this.copied.set(false), 2500);
  }
}
