import { Injectable, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';

import { FirmService } from './firm.service';

/**
 * Page titles: the firm's name on a firm's host ("Documents · Acme & Co"), or
 * "Portico" on the platform host; a route without a title shows the name alone.
 */
@Injectable()
export class PorticoTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly firmService = inject(FirmService);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const pageTitle = this.buildTitle(snapshot);
    const firmName = this.firmService.firm()?.name;
    if (!firmName) {
      this.title.setTitle(pageTitle ?? 'Portico');
      return;
    }
    this.title.setTitle(pageTitle ? `${pageTitle} · ${firmName}` : firmName);
  }
}
