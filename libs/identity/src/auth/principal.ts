import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { PrincipalKind, StaffRole } from '../entities/index.js';

/** Who is signed in on this request (set by the JWT strategy). */
export interface Principal {
  kind: PrincipalKind;
  credentialId: string;
  /** staff_user.id or contact.id */
  subjectId: string;
  sessionId: string;
  firmId: string;
  /** Staff only. */
  role: StaffRole | null;
}

export const AUTH_REQUIREMENT = 'portico:auth';
export interface AuthRequirement {
  kind: PrincipalKind;
  roles?: StaffRole[];
}

/** The route needs a signed-in person of this kind (and role, for staff). */
export const SignedIn = (kind: PrincipalKind, options: { roles?: StaffRole[] } = {}) =>
  SetMetadata(AUTH_REQUIREMENT, { kind, roles: options.roles } satisfies AuthRequirement);
export const StaffOnly = () => SignedIn('staff');
export const AdminOnly = () => SignedIn('staff', { roles: ['admin'] });
export const ClientOnly = () => SignedIn('client');

export const CurrentPrincipal = createParamDecorator((_: unknown, ec: ExecutionContext): Principal => {
  const req = ec.switchToHttp().getRequest<FastifyRequest & { user?: Principal }>();
  if (!req.user) throw new Error('Principal missing: the route lacks @SignedIn');
  return req.user;
});
