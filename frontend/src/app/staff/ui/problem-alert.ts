import { ChangeDetectionStrategy, Component, ElementRef, computed, input, viewChild } from '@angular/core';

import type { Problem } from '../../core/api-types';
import { Icon } from '../../shared/icon';

/** HTTP reason phrases the server uses as problem titles: the detail says more on its own. */
const GENERIC_TITLES = new Set(['bad request', 'unauthorized', 'forbidden', 'not found', 'conflict', 'gone', 'too many requests', 'unprocessable entity']);

/**
 * An error region (role="alert") that stays in the page empty and is filled when
 * there is a problem, so that screen readers announce it. `focus()` moves focus to it.
 */
@Component({
  selector: 'app-problem-alert',
  imports: [Icon],
  template: `<div #box class="alert alert-error" role="alert" tabindex="-1">@if (problem(); as p) {
      <app-icon name="error" />
      <div class="body">
        @if (p.detail && isGeneric(p.title)) {
          <strong>{{ p.detail }}</strong>
        } @else {
          <strong>{{ p.title }}</strong>
          @if (p.detail && p.detail !== p.title) {
            <p>{{ p.detail }}</p>
          }
        }
        @for (m of extraMessages(); track $index) {
          <p>{{ m }}</p>
        }
        <ng-content />
      </div>
    }</div>`,
  styles: `
    :host {
      display: block;
    }
    .alert {
      app-icon {
        --app-icon-size: 20px;
      }
      p {
        margin: 0.25rem 0 0;
      }
      &:focus {
        outline: none;
      }
    }
    .body {
      min-width: 0;
      overflow-wrap: anywhere;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProblemAlert {
  readonly problem = input<Problem | null>(null);
  /** Field messages that match no field of the form. */
  readonly messages = input<readonly string[]>([]);
  private readonly box = viewChild.required<ElementRef<HTMLElement>>('box');
  /** Field messages not already said by the detail. */
  protected readonly extraMessages = computed(() => {
    const p = this.problem();
    return this.messages().filter((m) => m !== p?.detail && m !== p?.title);
  });

  protected isGeneric(title: string): boolean {
    return GENERIC_TITLES.has(title.trim().toLowerCase());
  }

  focus(): void {
    this.box().nativeElement.focus();
  }
}
