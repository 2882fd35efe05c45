import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

import type {
  ApiMessage, Audience, BulkPortalResult, ClientAccount, ClientAccountChanges, ClientAccountDetail, Contact, ContactChanges, ContactPage,
  InvitationInfo, Me, MfaSetup, NewClientAccount, NewContact, NewStaffMember, PortalAccess, PortalStatus, Profile, RecoveryCodes,
  SecuritySettings, SecuritySettingsChanges, Session, SignInResult, StaffMember, StaffMemberChanges,
} from './api-types';
import { API_BASE } from './portico-api';

export interface ContactSearch {
  q?: string;
  portalStatus?: PortalStatus | '';
  accountId?: string;
  includeHidden?: boolean;
  offset?: number;
  limit?: number;
}

/** Typed client for sign-in, accounts, staff, clients and portal access. */
@Injectable({ providedIn: 'root' })
export class IdentityApi {
  private readonly http = inject(HttpClient);

  // ── Sign-in (public) ──
  signIn(audience: Audience, email: string, password: string): Observable<SignInResult> {
    return this.http.post<SignInResult>(`${API_BASE}/auth/${audience}/sign-in`, { email, password });
  }
  answerMfa(audience: Audience, challengeToken: string, answer: { code?: string; recoveryCode?: string }): Observable<SignInResult> {
    return this.http.post<SignInResult>(`${API_BASE}/auth/${audience}/challenge/mfa`, { challengeToken, ...answer });
  }
  answerPasswordChange(audience: Audience, challengeToken: string, newPassword: string): Observable<SignInResult> {
    return this.http.post<SignInResult>(`${API_BASE}/auth/${audience}/challenge/password`, { challengeToken, newPassword });
  }
  beginMfaSetup(audience: Audience, challengeToken: string): Observable<MfaSetup> {
    return this.http.post<MfaSetup>(`${API_BASE}/auth/${audience}/challenge/mfa-setup`, { challengeToken });
  }
  confirmMfaSetup(audience: Audience, challengeToken: string, code: string): Observable<SignInResult> {
    return this.http.post<SignInResult>(`${API_BASE}/auth/${audience}/challenge/mfa-setup/confirm`, { challengeToken, code });
  }
  forgotPassword(audience: Audience, email: string): Observable<ApiMessage> {
    return this.http.post<ApiMessage>(`${API_BASE}/auth/${audience}/forgot-password`, { email });
  }
  resetPassword(audience: Audience, token: string, password: string): Observable<ApiMessage> {
    return this.http.post<ApiMessage>(`${API_BASE}/auth/${audience}/reset-password`, { token, password });
  }
  invitation(token: string): Observable<InvitationInfo> {
    return this.http.get<InvitationInfo>(`${API_BASE}/auth/client/invitation`, { params: { token } });
  }
  acceptInvitation(token: string, password: string): Observable<SignInResult> {
    return this.http.post<SignInResult>(`${API_BASE}/auth/client/invitation/accept`, { token, password });
  }
  verifyLoginEmail(token: string): Observable<ApiMessage> {
    return this.http.post<ApiMessage>(`${API_BASE}/auth/client/verify-login-email`, { token });
  }

  // ── My account (signed in; staff at /staff/me, clients at /portal/me) ──
  private meBase(audience: Audience): string {
    return audience === 'staff' ? `${API_BASE}/staff/me` : `${API_BASE}/portal/me`;
  }
  updateProfile(audience: Audience, profile: Profile): Observable<Me> {
    return this.http.patch<Me>(`${this.meBase(audience)}/profile`, profile);
  }
  changePassword(audience: Audience, currentPassword: string, newPassword: string): Observable<ApiMessage> {
    return this.http.post<ApiMessage>(`${this.meBase(audience)}/password`, { currentPassword, newPassword });
  }
  sessions(audience: Audience): Observable<Session[]> {
    return this.http.get<Session[]>(`${this.meBase(audience)}/sessions`);
  }
  revokeSession(audience: Audience, id: string): Observable<ApiMessage> {
    return this.http.delete<ApiMessage>(`${this.meBase(audience)}/sessions/${id}`);
  }
  signOutEverywhere(audience: Audience): Observable<ApiMessage> {
    return this.http.post<ApiMessage>(`${this.meBase(audience)}/sessions/sign-out-everywhere`, {});
  }
  startMfa(audience: Audience): Observable<MfaSetup> {
    return this.http.post<MfaSetup>(`${this.meBase(audience)}/mfa/setup`, {});
  }
  confirmMfa(audience: Audience, code: string): Observable<RecoveryCodes> {
    return this.http.post<RecoveryCodes>(`${this.meBase(audience)}/mfa/confirm`, { code });
  }
  disableMfa(audience: Audience, password: string): Observable<ApiMessage> {
    return this.http.post<ApiMessage>(`${this.meBase(audience)}/mfa/disable`, { password });
  }

  // ── Staff admin ──
  staffUsers(): Observable<StaffMember[]> {
    return this.http.get<StaffMember[]>(`${API_BASE}/staff/users`);
  }
  addStaffUser(body: NewStaffMember): Observable<StaffMember> {
    return this.http.post<StaffMember>(`${API_BASE}/staff/users`, body);
  }
  updateStaffUser(id: string, body: StaffMemberChanges): Observable<StaffMember> {
    return this.http.patch<StaffMember>(`${API_BASE}/staff/users/${id}`, body);
  }
  resendStaffActivation(id: string): Observable<StaffMember> {
    return this.http.post<StaffMember>(`${API_BASE}/staff/users/${id}/resend-activation`, {});
  }
  deleteStaffUser(id: string): Observable<ApiMessage> {
    return this.http.delete<ApiMessage>(`${API_BASE}/staff/users/${id}`);
  }
  securitySettings(): Observable<SecuritySettings> {
    return this.http.get<SecuritySettings>(`${API_BASE}/staff/settings/security`);
  }
  updateSecuritySettings(body: SecuritySettingsChanges): Observable<SecuritySettings> {
    return this.http.patch<SecuritySettings>(`${API_BASE}/staff/settings/security`, body);
  }

  // ── Clients ──
  accounts(q?: string): Observable<ClientAccount[]> {
    return this.http.get<ClientAccount[]>(`${API_BASE}/staff/accounts`, { params: q ? { q } : {} });
  }
  account(id: string): Observable<ClientAccountDetail> {
    return this.http.get<ClientAccountDetail>(`${API_BASE}/staff/accounts/${id}`);
  }
  createAccount(body: NewClientAccount): Observable<ClientAccountDetail> {
    return this.http.post<ClientAccountDetail>(`${API_BASE}/staff/accounts`, body);
  }
  updateAccount(id: string, body: ClientAccountChanges): Observable<ClientAccountDetail> {
    return this.http.patch<ClientAccountDetail>(`${API_BASE}/staff/accounts/${id}`, body);
  }
  contacts(search: ContactSearch = {}): Observable<ContactPage> {
    let params = new HttpParams();
    if (search.q) params = params.set('q', search.q);
    if (search.portalStatus) params = params.set('portalStatus', search.portalStatus);
    if (search.accountId) params = params.set('accountId', search.accountId);
    if (search.includeHidden) params = params.set('includeHidden', 'true');
    if (search.offset) params = params.set('offset', String(search.offset));
    if (search.limit) params = params.set('limit', String(search.limit));
    return this.http.get<ContactPage>(`${API_BASE}/staff/contacts`, { params });
  }
  contact(id: string): Observable<Contact> {
    return this.http.get<Contact>(`${API_BASE}/staff/contacts/${id}`);
  }
  createContact(body: NewContact): Observable<Contact> {
    return this.http.post<Contact>(`${API_BASE}/staff/contacts`, body);
  }
  updateContact(id: string, body: ContactChanges): Observable<Contact> {
    return this.http.patch<Contact>(`${API_BASE}/staff/contacts/${id}`, body);
  }

  // ── A contact's portal access ──
  portalAccess(contactId: string): Observable<PortalAccess> {
    return this.http.get<PortalAccess>(`${API_BASE}/staff/contacts/${contactId}/portal-access`);
  }
  invite(contactId: string, email: string): Observable<PortalAccess> {
    return this.http.post<PortalAccess>(`${API_BASE}/staff/contacts/${contactId}/portal-access/invite`, { email });
  }
  resendInvitation(contactId: string): Observable<PortalAccess> {
    return this.http.post<PortalAccess>(`${API_BASE}/staff/contacts/${contactId}/portal-access/resend`, {});
  }
  sendTemporaryPassword(contactId: string, email?: string): Observable<PortalAccess> {
    return this.http.post<PortalAccess>(`${API_BASE}/staff/contacts/${contactId}/portal-access/temporary-password`, email ? { email } : {});
  }
  disablePortalAccess(contactId: string): Observable<PortalAccess> {
    return this.http.post<PortalAccess>(`${API_BASE}/staff/contacts/${contactId}/portal-access/disable`, {});
  }
  enablePortalAccess(contactId: string): Observable<PortalAccess> {
    return this.http.post<PortalAccess>(`${API_BASE}/staff/contacts/${contactId}/portal-access/enable`, {});
  }
  changeLoginEmail(contactId: string, email: string): Observable<PortalAccess> {
    return this.http.post<PortalAccess>(`${API_BASE}/staff/contacts/${contactId}/portal-access/login-email`, { email });
  }
  contactSessions(contactId: string): Observable<Session[]> {
    return this.http.get<Session[]>(`${API_BASE}/staff/contacts/${contactId}/portal-access/sessions`);
  }
  revokeContactSession(contactId: string, sessionId: string): Observable<ApiMessage> {
    return this.http.delete<ApiMessage>(`${API_BASE}/staff/contacts/${contactId}/portal-access/sessions/${sessionId}`);
  }
  bulkPortalAccess(contactIds: string[], action: 'invite' | 'resend'): Observable<BulkPortalResult[]> {
    return this.http.post<BulkPortalResult[]>(`${API_BASE}/staff/contacts/portal-access/bulk`, { contactIds, action });
  }
}
