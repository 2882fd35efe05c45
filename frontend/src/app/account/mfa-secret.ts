import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { toDataURL } from 'qrcode';
import { MatButtonModule } from '@angular/material/button';
import { DomSanitizer, type SafeUrl } from '@angular/platform-browser';

import type { MfaSetup } from '../core/api-types';
import { Icon } from '../shared/icon';

/**
 * The key of a new authenticator entry: the base32 secret in groups of four for
 * typing, a copy button, and the otpauth:// link that opens an authenticator app
 * on the same device, and a QR code of that link for a phone to scan (drawn
 * here, from the `qrcode` package: the secret never leaves the page).
 */
@Component({
  selector: 'app-mfa-secret',
  imports: [MatButtonModule, Icon],
  template: `
    <div class="key-box">
      @if (qr(); as src) {
        <img class="qr" [src]="src" width="168" height="168" alt="QR code to scan with your authenticator app" data-testid="mfa-qr" />
      }
      <span class="key-label" id="mfa-secret-label">Or type this set-up key</span>
      <code class="key" data-testid="mfa-secret" aria-labelledby="mfa-secret-label">{{ grouped() }}</code>
      <div class="key-actions">
        <button mat-stroked-button type="button" (click)="copy()" data-testid="mfa-secret-copy">
          <app-icon name="copy" />
          Copy key
        </button>
        @if (appLink(); as link) {
          <a mat-button [href]="link" data-testid="mfa-otpauth-link">
            <app-icon name="open-in-new" />
            Open in an authenticator app
          </a>
        }
      </div>
      <p class="key-meta">Key type: time-based · 6 digits · every 30 seconds{{ account() ? ' · account ' + account() : '' }}</p>
      <p class="copied" role="status">{{ copied() ? 'Key copied.' : '' }}</p>
    </div>
  `,
  styles: `
    .key-box {
      padding: 1rem 1.125rem;
      border-radius: 12px;
      background: color-mix(in srgb, var(--portico-primary) 6%, white);
      border: 1px solid color-mix(in srgb, var(--portico-primary) 20%, white);
    }
    .qr {
      display: block;
      margin: 0 0 0.75rem;
      border-radius: 8px;
      background: white;
      image-rendering: pixelated;
    }
    .key-label {
      display: block;
      font: var(--mat-sys-label-medium);
      color: var(--mat-sys-on-surface-variant);
      text-transform: uppercase;
      letter-spacing: 0.06em;
    }
    .key {
      display: block;
      margin: 0.375rem 0 0.75rem;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 1.125rem;
      font-weight: 600;
      letter-spacing: 0.04em;
      word-spacing: 0.3em;
      line-height: 1.6;
      overflow-wrap: anywhere;
      user-select: all;
    }
    .key-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      app-icon {
        --app-icon-size: 18px;
        margin-right: 0.375rem;
        vertical-align: -4px;
      }
      a,
      button {
        display: inline-flex;
        align-items: center;
      }
    }
    .key-meta {
      margin: 0.75rem 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .copied {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      &:empty {
        display: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MfaSecret {
  private readonly clipboard = inject(Clipboard);
  private readonly sanitizer = inject(DomSanitizer);

  readonly setup = input.required<MfaSetup>();
  protected readonly copied = signal(false);
  protected readonly qr = signal<string | null>(null);

  constructor() {
    effect((onCleanup) => {
      const url = this.setup().otpauthUrl;
      let live = true;
      onCleanup(() => (live = false));
      this.qr.set(null);
      toDataURL(url, { margin: 2, width: 168, errorCorrectionLevel: 'M' }).then(
        (src) => live && this.qr.set(src),
        () => live && this.qr.set(null),
      );
    });
  }

  protected readonly grouped = computed(() =>
    this.setup()
      .secret.replace(/\s+/g, '')
      .replace(/(.{4})(?=.)/g, '$1 '),
  );

  /** Angular refuses unknown URL schemes in [href]; this one is ours and checked. */
  protected readonly appLink = computed<SafeUrl | null>(() => {
    const url = this.setup().otpauthUrl;
    return /^otpauth:\/\/totp\//i.test(url) ? this.sanitizer.bypassSecurityTrustUrl(url) : null;
  });

  /** The account name the app will show (`Firm:jane@example.com` → `jane@example.com`). */
  protected readonly account = computed(() => {
    try {
      const label = decodeURIComponent(new URL(this.setup().otpauthUrl).pathname.replace(/^\/+(totp\/)?/i, ''));
      return label.includes(':') ? label.slice(label.indexOf(':') + 1) : label;
    } catch {
      return '';
    }
  });

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.setup().secret.replace(/\s+/g, '')));
  }
}
