import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import type { PortalFirm } from '../core/api-types';

/** The firm's logo, or a monogram in its accent colour when it has none. Decorative: the name sits beside it. */
@Component({
  selector: 'app-firm-mark',
  template: `
    @if (firm().logoUrl; as logo) {
      <img class="logo" [src]="logo" alt="" />
    } @else {
      <span class="monogram" aria-hidden="true">{{ initials() }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex: none;
    }
    .logo {
      height: var(--firm-mark-size, 40px);
      max-width: 160px;
      object-fit: contain;
      background: #fff;
      border-radius: 8px;
      padding: 4px;
    }
    .monogram {
      display: inline-grid;
      place-items: center;
      width: var(--firm-mark-size, 40px);
      height: var(--firm-mark-size, 40px);
      border-radius: 10px;
      background: var(--portico-accent);
      color: var(--portico-on-accent);
      font-weight: 700;
      font-size: 1rem;
      letter-spacing: 0.02em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FirmMark {
  readonly firm = input.required<PortalFirm>();
  protected readonly initials = computed(() => {
    const words = this.firm()
      .name.split(/[\s&+,.-]+/)
      .filter((w) => /^[\p{L}\p{N}]/u.test(w));
    return (words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? '?').slice(0, 2)).toUpperCase();
  });
}
