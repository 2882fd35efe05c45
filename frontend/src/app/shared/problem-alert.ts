import { ChangeDetectionStrategy, Component, ElementRef, computed, input, viewChild } from '@angular/core';

import type { Problem } from '../core/api-types';
import { Icon } from './icon';

/**
 * A `role="alert"` region for a problem document: empty (and hidden) until there is
 * something to say, so that screen readers announce the message when it appears.
 * Field messages that were put beside their fields are not repeated here.
 */
@Component({
  selector: 'app-problem-alert',
  imports: [Icon],
  template: `<div #box class="alert alert-error" role="alert" tabindex="-1">@if (visible()) {
      <app-icon name="error" />
      <div class="body">
        <p class="text">{{ text() }}</p>
        @for (m of messages(); track $index) {
          <p>{{ m }}</p>
        }
      </div>
    }</div>`,
  styles: `
    .alert {
      app-icon {
        --app-icon-size: 20px;
        margin-top: 1px;
      }
      p {
        margin: 0.25rem 0 0;
      }
      .text {
        margin: 0;
      }
      &:focus {
        outline: none;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProblemAlert {
  private readonly box = viewChild.required<ElementRef<HTMLElement>>('box');

  readonly problem = input<Problem | null>(null);
  /** Field messages that belong to no field of the form (from `applyProblemToForm`). */
  readonly messages = input<string[]>([]);
  /** A sentence to show instead of the problem's own detail (for problems the page explains better). */
  readonly message = input<string | null>(null);

  protected readonly visible = computed(() => {
    const p = this.problem();
    if (!p) return false;
    return !p.errors?.length || this.messages().length > 0 || this.message() !== null;
  });
  protected readonly text = computed(() => {
    const p = this.problem();
    return this.message() ?? (p?.detail?.trim() || p?.title || '');
  });

  focus(): void {
    this.box().nativeElement.focus();
  }
}
