import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import type {
  PortalFirm,
  PortalHost,
  SetupRequest,
  SetupResponse,
  SetupStatus,
  StaffActivationRequest,
  StaffActivationResponse,
} from './api-types';

/** Base path of the REST API; the app is served by the API on the same origin. */
export const API_BASE = '/api/v1';

/** Typed client for the Portico API. Errors surface as `HttpErrorResponse`; use `toProblem()`. */
@Injectable({ providedIn: 'root' })
export class PorticoApi {
  private readonly http = inject(HttpClient);

  /** What the current host serves: the platform (setup) or a firm's portal. */
  getPortalHost(): Observable<PortalHost> {
    return this.http.get<PortalHost>(`${API_BASE}/portal/host`);
  }

  /** The firm of the current host; 404 on the platform host. */
  getPortalFirm(): Observable<PortalFirm> {
    return this.http.get<PortalFirm>(`${API_BASE}/portal/firm`);
  }

  getSetupStatus(): Observable<SetupStatus> {
    return this.http.get<SetupStatus>(`${API_BASE}/setup`);
  }

  completeSetup(body: SetupRequest): Observable<SetupResponse> {
    return this.http.post<SetupResponse>(`${API_BASE}/setup`, body);
  }

  activateStaff(body: StaffActivationRequest): Observable<StaffActivationResponse> {
    return this.http.post<StaffActivationResponse>(`${API_BASE}/staff/activation`, body);
  }
}
