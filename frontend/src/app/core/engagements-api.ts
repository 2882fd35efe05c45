import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import type { components } from './api-schema';
import { API_BASE } from './portico-api';

type Schemas = components['schemas'];

/**
 * The generator marks fields with a server default (`status`, `restricted`,
 * `sharedWithClient`, …) as required; the server accepts them left out.
 */
type Loosen<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

// ── Engagements (issue 4) ─────────────────────────────────────────────────

export type EngagementStatus = Schemas['EngagementSummaryDto']['status'];
export type EngagementSummary = Schemas['EngagementSummaryDto'];
export type EngagementPage = Schemas['EngagementPageDto'];
export type EngagementDetail = Schemas['EngagementDetailDto'];
/** `POST /staff/engagements` answer: the detail plus `warnings` and the contacts `invited`. */
export type EngagementCreated = Schemas['EngagementCreatedDto'];
export type NewEngagement = Loosen<Schemas['CreateEngagementDto'], 'status' | 'restricted' | 'sendInvitation' | 'shareWithClient'>;
export type EngagementChanges = Partial<Schemas['UpdateEngagementDto']>;
export type EngagementParty = Schemas['PartyDto'];
export type PartyInput = Schemas['PartyInputDto'];
export type CustomField = Schemas['CustomFieldDto'];
export type CustomFieldInput = Schemas['CustomFieldInputDto'];
export type StaffRef = Schemas['StaffRefDto'];

export type WaitingForInvitation = Schemas['WaitingForInvitationDto'];
export type WaitingParty = Schemas['WaitingPartyDto'];
export type WaitingAction = WaitingParty['actions'][number];

export type EngagementItem = Schemas['ItemDto'];
export type EngagementItemKind = EngagementItem['kind'];
export type NewEngagementItem = Loosen<Schemas['NewItemDto'], 'sharedWithClient'>;
export type EngagementItemChanges = Partial<Schemas['UpdateItemDto']>;

export type EngagementType = Schemas['EngagementTypeDto'];
export type EngagementSubtype = Schemas['EngagementSubtypeDto'];
export type NewEngagementType = Schemas['NewEngagementTypeDto'];
export type EngagementTypeChanges = Schemas['UpdateEngagementTypeDto'];
export type EngagementSettings = Schemas['EngagementSettingsDto'];

export type PortalEngagement = Schemas['PortalEngagementDto'];

export interface EngagementSearch {
  q?: string;
  status?: EngagementStatus | '';
  typeId?: string;
  accountId?: string;
  offset?: number;
  limit?: number;
}

/** The fixed set of statuses, in their natural order, with the words people read. */
export const ENGAGEMENT_STATUSES: readonly { value: EngagementStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'in-progress', label: 'In progress' },
  { value: 'waiting-for-client', label: 'Waiting for client' },
  { value: 'completed', label: 'Completed' },
  { value: 'closed', label: 'Closed' },
];

export function statusLabel(status: EngagementStatus): string {
  return ENGAGEMENT_STATUSES.find((s) => s.value === status)?.label ?? status;
}

/** Typed client for engagements (staff and portal), their items, types and settings. */
@Injectable({ providedIn: 'root' })
export class EngagementsApi {
  private readonly http = inject(HttpClient);
  private readonly staff = `${API_BASE}/staff/engagements`;
  private readonly portal = `${API_BASE}/portal/engagements`;

  // ── Staff: engagements ──
  list(search: EngagementSearch = {}): Observable<EngagementPage> {
    let params = new HttpParams();
    if (search.q) params = params.set('q', search.q);
    if (search.status) params = params.set('status', search.status);
    if (search.typeId) params = params.set('typeId', search.typeId);
    if (search.accountId) params = params.set('accountId', search.accountId);
    if (search.offset) params = params.set('offset', String(search.offset));
    if (search.limit) params = params.set('limit', String(search.limit));
    return this.http.get<EngagementPage>(this.staff, { params });
  }
  get(id: string): Observable<EngagementDetail> {
    return this.http.get<EngagementDetail>(`${this.staff}/${id}`);
  }
  create(body: NewEngagement): Observable<EngagementCreated> {
    return this.http.post<EngagementCreated>(this.staff, body);
  }
  update(id: string, body: EngagementChanges): Observable<EngagementDetail> {
    return this.http.patch<EngagementDetail>(`${this.staff}/${id}`, body);
  }
  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${this.staff}/${id}`);
  }
  waitingForInvitation(id: string): Observable<WaitingForInvitation> {
    return this.http.get<WaitingForInvitation>(`${this.staff}/${id}/waiting-for-invitation`);
  }

  // ── Staff: notes, tasks, appointments ──
  items(id: string): Observable<EngagementItem[]> {
    return this.http.get<EngagementItem[]>(`${this.staff}/${id}/items`);
  }
  createItem(id: string, body: NewEngagementItem): Observable<EngagementItem> {
    return this.http.post<EngagementItem>(`${this.staff}/${id}/items`, body);
  }
  updateItem(id: string, itemId: string, body: EngagementItemChanges): Observable<EngagementItem> {
    return this.http.patch<EngagementItem>(`${this.staff}/${id}/items/${itemId}`, body);
  }
  removeItem(id: string, itemId: string): Observable<void> {
    return this.http.delete<void>(`${this.staff}/${id}/items/${itemId}`);
  }

  // ── Staff: settings (types: everyone reads, admins edit) ──
  types(): Observable<EngagementType[]> {
    return this.http.get<EngagementType[]>(`${API_BASE}/staff/settings/engagement-types`);
  }
  createType(body: NewEngagementType): Observable<EngagementType[]> {
    return this.http.post<EngagementType[]>(`${API_BASE}/staff/settings/engagement-types`, body);
  }
  updateType(id: string, body: EngagementTypeChanges): Observable<EngagementType[]> {
    return this.http.patch<EngagementType[]>(`${API_BASE}/staff/settings/engagement-types/${id}`, body);
  }
  removeType(id: string): Observable<void> {
    return this.http.delete<void>(`${API_BASE}/staff/settings/engagement-types/${id}`);
  }
  settings(): Observable<EngagementSettings> {
    return this.http.get<EngagementSettings>(`${API_BASE}/staff/settings/engagements`);
  }
  updateSettings(body: EngagementSettings): Observable<EngagementSettings> {
    return this.http.patch<EngagementSettings>(`${API_BASE}/staff/settings/engagements`, body);
  }

  // ── Portal (signed-in client) ──
  portalList(): Observable<PortalEngagement[]> {
    return this.http.get<PortalEngagement[]>(this.portal);
  }
  portalGet(id: string): Observable<PortalEngagement> {
    return this.http.get<PortalEngagement>(`${this.portal}/${id}`);
  }
  portalItems(id: string): Observable<EngagementItem[]> {
    return this.http.get<EngagementItem[]>(`${this.portal}/${id}/items`);
  }
  portalDone(id: string, itemId: string, done: boolean): Observable<EngagementItem> {
    return this.http.post<EngagementItem>(`${this.portal}/${id}/items/${itemId}/done`, { done });
  }
}
