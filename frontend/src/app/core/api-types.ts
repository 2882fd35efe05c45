/**
 * Types of the Portico HTTP API (/api/v1) as used by the front end.
 *
 * Request and response shapes come from `api-schema.ts`, which `npm run api:spec`
 * generates from the server's OpenAPI document (never edit it by hand). Only the
 * problem+json shape, which the server sends for every error, is written here.
 */

/** RFC 9457 per-field error, as sent in `errors` of a problem document. */
export interface ProblemFieldError {
  /** The request field the message is about (e.g. `firmSlug`). */
  field: string;
  /** The rule that failed (e.g. `isLength`, `taken`). */
  rule: string;
  /** A human-readable message, shown next to the field. */
  message: string;
}

/** RFC 9457 problem details (`application/problem+json`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemFieldError[];
}

import type { components } from './api-schema';

type Schemas = components['schemas'];

/** `GET /api/v1/portal/firm` — the firm resolved from the Host header (404 on the platform host). */
export type PortalFirm = Schemas['PortalFirmDto'];

/** `GET /api/v1/portal/host` — what the current host serves. */
export type PortalHost = { kind: 'platform' } | { kind: 'firm'; firm: PortalFirm };

/** `GET /api/v1/setup` */
export type SetupStatus = Schemas['SetupStatusDto'];

/** `POST /api/v1/setup` request body and 201 response. */
export type SetupRequest = Schemas['SetupRequestDto'];
export type SetupResponse = Schemas['SetupResultDto'];

/** `POST /api/v1/staff/activation` request body and 200 response. */
export type StaffActivationRequest = Schemas['ActivationRequestDto'];
export type StaffActivationResponse = Schemas['ActivationResultDto'];

// ── Identity (issue 3) ─────────────────────────────────────────────────────

export type Audience = 'staff' | 'client';
export type SignInRequest = Schemas['SignInDto'];
export type SignInResult = Schemas['SignInResultDto'];
export type AccessToken = Schemas['AccessTokenDto'];
export type MfaSetup = Schemas['MfaSetupDto'];
export type InvitationInfo = Schemas['InvitationInfoDto'];
export type Me = Schemas['MeDto'];
export type Session = Schemas['SessionDto'];
export type Profile = Schemas['ProfileDto'];
export type RecoveryCodes = Schemas['RecoveryCodesDto'];
export type ApiMessage = Schemas['MessageDto'];
export type StaffMember = Schemas['StaffMemberDto'];
export type NewStaffMember = Schemas['StaffFields'];
export type StaffMemberChanges = Schemas['UpdateStaffDto'];
export type SecuritySettings = Schemas['SecuritySettingsDto'];
export type SecuritySettingsChanges = Schemas['UpdateSecuritySettingsDto'];
export type ClientAccount = Schemas['AccountDto'];
export type ClientAccountDetail = Schemas['AccountDetailDto'];
export type NewClientAccount = Schemas['NewAccountDto'];
export type ClientAccountChanges = Schemas['UpdateAccountDto'];
export type Contact = Schemas['ContactDto'];
export type ContactPage = Schemas['ContactPageDto'];
export type NewContact = Schemas['NewContactDto'];
export type ContactChanges = Schemas['UpdateContactDto'];
export type PortalAccess = Schemas['PortalAccessDto'];
export type BulkPortalResult = Schemas['BulkResultDto'];
export type PortalStatus = Contact['portalStatus'];
