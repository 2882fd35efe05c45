/**
 * Types of the Portico HTTP API (/api/v1) as used by the front end.
 *
 * Hand-written for now, in this one file only: a later step generates them from
 * the OpenAPI document (/api/docs-json). Keep every response/request shape the
 * front end uses here, so that the swap is a one-file change.
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

/** `GET /api/v1/portal/firm` — the firm resolved from the Host header (404 on the platform host). */
export interface PortalFirm {
  id: string;
  slug: string;
  name: string;
  /** Hex colour, e.g. `#1f4e79`. */
  primaryColor: string;
  /** Hex colour, e.g. `#f2a900`. */
  accentColor: string;
  logoUrl: string | null;
  /** The firm's portal address, e.g. `http://acme.localhost:3000`. */
  portalUrl: string;
}

/** `GET /api/v1/portal/host` — what the current host serves. */
export type PortalHost = { kind: 'platform' } | { kind: 'firm'; firm: PortalFirm };

/** `GET /api/v1/setup` */
export interface SetupStatus {
  needsSetup: boolean;
}

/** `POST /api/v1/setup` request body. */
export interface SetupRequest {
  token: string;
  firmName: string;
  firmSlug: string;
  adminName: string;
  adminEmail: string;
  adminPassword: string;
}

/** `POST /api/v1/setup` — 201 response. */
export interface SetupResponse {
  firm: { slug: string; name: string };
  /** Where the new admin continues, e.g. `http://acme.localhost:3000/staff`. */
  staffUrl: string;
}

/** `POST /api/v1/staff/activation` request body. */
export interface StaffActivationRequest {
  token: string;
  password: string;
}

/** `POST /api/v1/staff/activation` — 200 response. */
export interface StaffActivationResponse {
  staffUrl: string;
}
