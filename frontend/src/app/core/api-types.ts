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
