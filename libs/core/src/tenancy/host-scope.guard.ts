import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { HOST_SCOPE, type HostScope } from './host-scope.decorator.js';
import type { RequestContext } from './request-context.js';
import { notFound } from '../http/problem.js';

/** Firm routes are invisible on the platform host and vice versa (404, not 403). */
@Injectable()
export class HostScopeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ec: ExecutionContext): boolean {
    const scope =
      this.reflector.getAllAndOverride<HostScope>(HOST_SCOPE, [ec.getHandler(), ec.getClass()]) ?? 'firm';
    if (scope === 'any') return true;
    const ctx = ec.switchToHttp().getRequest<FastifyRequest & { portico?: RequestContext }>().portico;
    const onFirmHost = !!ctx?.firm;
    if (scope === 'firm' ? onFirmHost : !onFirmHost) return true;
    throw notFound();
  }
}
