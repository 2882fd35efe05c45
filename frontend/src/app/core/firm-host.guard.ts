import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';

import { FirmService } from './firm.service';

/**
 * The portal and the staff admin only exist on a firm's host. On the platform
 * host (where `GET /portal/firm` answers 404) send the visitor to the setup
 * wizard, keeping the query string (it carries the one-time setup token).
 */
export const firmHostGuard: CanActivateFn = async (route) => {
  const firmService = inject(FirmService);
  const router = inject(Router);
  await firmService.load();
  if (firmService.isPlatformHost()) {
    return router.createUrlTree(['/setup'], { queryParams: route.queryParams });
  }
  return true;
};
