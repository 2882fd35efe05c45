import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '@portico/core';
import { Sessions, type AccessClaims } from './sessions.service.js';
import type { Principal } from './principal.js';
import { AuthKeys } from './auth-keys.js';

/**
 * passport-jwt checks the signature and expiry; we then check the session is
 * still live, so that a revoked session, a disabled or deleted account, or a
 * changed password stops working at once rather than when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(private readonly sessions: Sessions, keys: AuthKeys) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: keys.jwtKey,
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  async validate(req: FastifyRequest & { portico?: RequestContext }, claims: AccessClaims): Promise<Principal | false> {
    const ctx = req.portico;
    if (claims.typ !== 'access' || !ctx?.firm || ctx.firm.id !== claims.fid) return false;
    const live = await this.sessions.validate(claims, ctx.manager);
    if (!live) return false;
    return {
      kind: live.credential.kind,
      credentialId: live.credential.id,
      subjectId: live.credential.subjectId,
      sessionId: live.session.id,
      firmId: live.credential.firmId,
      role: live.staff?.role ?? null,
    };
  }
}
