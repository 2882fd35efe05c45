import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ProblemException, type RequestContext } from '@portico/core';
import { AUTH_REQUIREMENT, type AuthRequirement, type Principal } from './principal.js';

const signInNeeded = () => new ProblemException(401, 'sign-in-required', 'Sign in to continue.');

/**
 * Global guard: routes marked with @SignedIn need a live session of the right
 * kind (and role). The request context's actor becomes the signed-in person,
 * so that every change lands in the audit log under their name.
 */
@Injectable()
export class PrincipalGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(ec: ExecutionContext): Promise<boolean> {
    const need = this.reflector.getAllAndOverride<AuthRequirement | undefined>(AUTH_REQUIREMENT, [ec.getHandler(), ec.getClass()]);
    if (!need) return true;
    await super.canActivate(ec);
    const req = ec.switchToHttp().getRequest<FastifyRequest & { user?: Principal; portico?: RequestContext }>();
    const who = req.user!;
    // A client's token answers 404 on staff routes (and the other way round): nothing to see here.
    if (who.kind !== need.kind) throw new ProblemException(404, 'not-found', 'The resource was not found.');
    if (need.roles && (!who.role || !need.roles.includes(who.role))) {
      throw new ProblemException(403, 'admin-only', 'Only an admin of the firm may do this.');
    }
    req.portico = req.portico!.withActor({ type: who.kind, id: who.subjectId });
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw signInNeeded();
    return user;
  }
}
