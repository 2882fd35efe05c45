import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from './request-context.js';

export type HostScope = 'firm' | 'platform' | 'any';
export const HOST_SCOPE = 'portico:host-scope';

/** Route answers only on the platform host (the bare base domain). */
export const PlatformRoute = () => SetMetadata(HOST_SCOPE, 'platform' satisfies HostScope);
/** Route answers on every known host (health, docs). */
export const AnyHost = () => SetMetadata(HOST_SCOPE, 'any' satisfies HostScope);

/** The request's {@link RequestContext}, built by the tenancy hook. */
export const Ctx = createParamDecorator((_: unknown, ec: ExecutionContext): RequestContext => {
  const req = ec.switchToHttp().getRequest<FastifyRequest & { portico?: RequestContext }>();
  if (!req.portico) throw new Error('RequestContext missing: the tenancy hook did not run');
  return req.portico;
});
