import { Injectable, signal } from '@angular/core';

import type { ClientAccountDetail } from '../../core/api-types';

/** Tells the lists under the clients page that a client was created (provided by the clients layout). */
@Injectable()
export class ClientsEvents {
  readonly created = signal<ClientAccountDetail | null>(null);
}
