import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { firstValueFrom } from 'rxjs';

import type { PortalFirm, Problem } from './api-types';
import { legibleOnWhite, parseHexColor, readableTextColor, toHex } from './color';
import { PorticoApi } from './portico-api';
import { toProblem } from './problem';

export type FirmState =
  | { readonly status: 'loading' }
  /** A firm's host: the client portal and the staff admin live here. */
  | { readonly status: 'firm'; readonly firm: PortalFirm }
  /** The platform host (no firm answers for it): only the setup wizard lives here. */
  | { readonly status: 'platform' }
  | { readonly status: 'error'; readonly problem: Problem };

const FALLBACK_PRIMARY = '#1f4e79';
const FALLBACK_ACCENT = '#c98a00';

/**
 * The firm the current host belongs to, loaded once at start from
 * `GET /api/v1/portal/host`, and its branding applied to the page.
 */
@Injectable({ providedIn: 'root' })
export class FirmService {
  private readonly api = inject(PorticoApi);
  private readonly document = inject(DOCUMENT);
  private readonly title = inject(Title);

  private readonly _state = signal<FirmState>({ status: 'loading' });
  private pending: Promise<void> | null = null;

  readonly state = this._state.asReadonly();
  readonly firm = computed(() => {
    const state = this._state();
    return state.status === 'firm' ? state.firm : null;
  });
  readonly isPlatformHost = computed(() => this._state().status === 'platform');
  readonly loadError = computed(() => {
    const state = this._state();
    return state.status === 'error' ? state.problem : null;
  });

  /** Loads the firm once; later calls share the same result. Never rejects. */
  load(): Promise<void> {
    this.pending ??= this.fetch();
    return this.pending;
  }

  /** Loads again (e.g. a "Try again" button after a network error). */
  reload(): Promise<void> {
    this.pending = null;
    this._state.set({ status: 'loading' });
    return this.load();
  }

  private async fetch(): Promise<void> {
    try {
      const host = await firstValueFrom(this.api.getPortalHost());
      if (host.kind === 'firm') {
        this._state.set({ status: 'firm', firm: host.firm });
        this.applyBranding(host.firm);
      } else {
        this._state.set({ status: 'platform' });
      }
    } catch (error: unknown) {
      this._state.set({ status: 'error', problem: toProblem(error) });
    }
  }

  private applyBranding(firm: PortalFirm): void {
    const root = this.document.documentElement;
    const primary = parseHexColor(firm.primaryColor) ?? parseHexColor(FALLBACK_PRIMARY)!;
    const accent = parseHexColor(firm.accentColor) ?? parseHexColor(FALLBACK_ACCENT)!;

    root.style.setProperty('--portico-primary', toHex(primary));
    root.style.setProperty('--portico-on-primary', readableTextColor(primary));
    root.style.setProperty('--portico-accent', toHex(accent));
    root.style.setProperty('--portico-on-accent', readableTextColor(accent));

    // The primary colour as used on white surfaces (icons, links, active items), darkened if the
    // firm's colour is too light to be legible there; Material's own controls (buttons, focused
    // fields) wear it too.
    const primaryText = legibleOnWhite(primary);
    root.style.setProperty('--portico-primary-text', toHex(primaryText));
    root.style.setProperty('--mat-sys-primary', toHex(primaryText));
    root.style.setProperty('--mat-sys-on-primary', readableTextColor(primaryText));

    this.title.setTitle(firm.name);
  }
}
