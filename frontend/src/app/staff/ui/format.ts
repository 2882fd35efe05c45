import type { PortalStatus } from '../../core/api-types';

/**
 * The generated API types describe some nullable strings as `Record<string, never> | null`
 * (an OpenAPI generator quirk); the server sends a string or null.
 */
export function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** A `returnTo` that stays on this site: a relative path, never `//host` or a scheme. */
export function safeReturnTo(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (/[\u0000-\u001f]/.test(value)) return null;
  if (value.startsWith('/staff/sign-in') || value.startsWith('/staff/activate')) return null;
  return value;
}

export const ROLE_LABELS = { admin: 'Admin', staff: 'Staff' } as const;

export const ENGAGEMENT_ACCESS = {
  all: {
    label: 'All engagements',
    hint: 'Sees every engagement, except those restricted to a named list of staff.',
  },
  assigned: {
    label: 'Only assigned engagements',
    hint: 'Sees only the engagements that list this person.',
  },
} as const;

export const KIND_LABELS = { person: 'Person', household: 'Household', company: 'Company' } as const;

export function portalStatusLabel(status: PortalStatus, invitationExpired = false): string {
  switch (status) {
    case 'invited':
      return invitationExpired ? 'Invitation expired' : 'Invited';
    case 'verified':
      return 'Verified';
    case 'disabled':
      return 'Disabled';
    default:
      return 'No access';
  }
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "12 Mar 2026, 14:05" in the viewer's locale; `fallback` for null. */
export function formatDateTime(value: unknown, fallback = '—'): string {
  const s = text(value);
  if (!s) return fallback;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? fallback : DATE_TIME.format(d);
}

export function formatDate(value: unknown, fallback = '—'): string {
  const s = text(value);
  if (!s) return fallback;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? fallback : DATE.format(d);
}

/** "Chrome on Windows" from a user agent; the raw string when nothing is recognised. */
export function deviceName(userAgent: unknown): string {
  const ua = text(userAgent);
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? ua.slice(0, 60);
}
