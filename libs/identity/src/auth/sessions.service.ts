import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { In, IsNull, MoreThan } from 'typeorm';
import { AuditLog, ProblemException, type RequestContext } from '@portico/core';
import { AuthSession, Credential, RefreshToken, StaffUser, type PrincipalKind } from '../entities/index.js';
import { hashToken, newToken } from './token-crypto.js';

export const ACCESS_TOKEN_SECONDS = 10 * 60;
const REFRESH_IDLE_MS = 14 * 24 * 3600_000;
const SESSION_MAX_MS = 30 * 24 * 3600_000;
/** Two tabs refreshing at once: the loser's token was used moments ago by its sibling, not stolen. */
const REFRESH_RACE_MS = 10_000;

export interface AccessClaims {
  typ: 'access';
  sub: string; // credential id
  sid: string;
  fid: string;
  knd: PrincipalKind;
}

export interface IssuedSession {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
  sessionId: string;
}

export const sessionEnded = () =>
  new ProblemException(401, 'session-ended', 'Your session has ended. Sign in again.');

/**
 * Sessions: a short-lived access JWT plus a rotating refresh token (stored
 * hashed). Each refresh spends its token and issues the next; presenting a spent
 * token again means it was copied, and the whole session (the family) is revoked.
 */
@Injectable()
export class Sessions {
  constructor(private readonly jwt: JwtService, private readonly audit: AuditLog) {}

  async start(ctx: RequestContext, credential: Credential, device: { userAgent?: string | null; ip?: string | null }): Promise<IssuedSession> {
    const now = new Date();
    const session = ctx.manager.getRepository(AuthSession).create({
      firmId: credential.firmId,
      credentialId: credential.id,
      userAgent: device.userAgent?.slice(0, 300) ?? null,
      ip: device.ip ?? null,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_MS),
      revokedAt: null,
    });
    await ctx.manager.getRepository(AuthSession).insert(session);
    await ctx.manager.getRepository(Credential).update({ id: credential.id }, { lastSignInAt: now });
    return this.issue(ctx, session, credential);
  }

  async refresh(ctx: RequestContext, kind: PrincipalKind, presented: string): Promise<IssuedSession> {
    const outcome = await ctx.transaction(async (tx): Promise<IssuedSession | 'reused'> => {
      const tokens = tx.manager.getRepository(RefreshToken);
      const token = await tokens.findOne({ where: { tokenHash: hashToken(presented) } });
      if (!token) throw sessionEnded();
      const session = await tx.manager.getRepository(AuthSession).findOne({ where: { id: token.sessionId, firmId: tx.firmId } });
      const credential = session && (await tx.manager.getRepository(Credential).findOne({ where: { id: session.credentialId } }));
      if (!session || !credential || credential.kind !== kind) throw sessionEnded();
      if (token.usedAt) {
        if (Date.now() - token.usedAt.getTime() < REFRESH_RACE_MS && !session.revokedAt) {
          throw new ProblemException(409, 'refresh-race', 'This session was just refreshed by another tab; retry with the new cookie.');
        }
        // Returned, not thrown: throwing here would roll the revocation back.
        await this.revokeWhere(tx, { id: session.id }, 'refresh-token-reuse');
        // The stolen-token alarm: recorded for the firm to see.
        await this.audit.record(tx.withActor({ type: 'anonymous', id: null }), {
          action: 'auth.refresh-token-reused', targetType: 'session', targetId: session.id, data: { credentialId: credential.id, firstUsedAt: token.usedAt.toISOString() },
        });
        return 'reused';
      }
      if (!this.isLive(session, credential) || token.expiresAt.getTime() <= Date.now()) throw sessionEnded();
      const spent = await tokens.update({ id: token.id, usedAt: IsNull() }, { usedAt: new Date() });
      if (spent.affected !== 1) throw new ProblemException(409, 'refresh-race', 'This session was just refreshed by another tab; retry with the new cookie.');
      await tx.manager.getRepository(AuthSession).update({ id: session.id }, { lastSeenAt: new Date() });
      return this.issue(tx, session, credential);
    });
    if (outcome === 'reused') {
      throw new ProblemException(401, 'session-ended', 'This sign-in was used from somewhere else, so it was ended for your safety. Sign in again.');
    }
    return outcome;
  }

  /** The live session behind an access token, or null (revoked, expired, account disabled). */
  async validate(claims: AccessClaims, manager: RequestContext['manager']): Promise<{ session: AuthSession; credential: Credential; staff: StaffUser | null } | null> {
    const session = await manager.getRepository(AuthSession).findOne({ where: { id: claims.sid } });
    if (!session || session.credentialId !== claims.sub || session.firmId !== claims.fid) return null;
    const credential = await manager.getRepository(Credential).findOne({ where: { id: session.credentialId } });
    if (!credential || !this.isLive(session, credential)) return null;
    let staff: StaffUser | null = null;
    if (credential.kind === 'staff') {
      staff = await manager.getRepository(StaffUser).findOne({ where: { id: credential.subjectId } });
      if (!staff || !staff.enabled) return null;
    }
    if (Date.now() - session.lastSeenAt.getTime() > 60_000) {
      await manager.getRepository(AuthSession).update({ id: session.id }, { lastSeenAt: new Date() });
    }
    return { session, credential, staff };
  }

  /** Sign-out: end the session the refresh token belongs to (an unknown token ends nothing). */
  async endByRefreshToken(ctx: RequestContext, presented: string): Promise<void> {
    if (!presented) return;
    const token = await ctx.manager.getRepository(RefreshToken).findOne({ where: { tokenHash: hashToken(presented) } });
    if (!token) return;
    const session = await ctx.manager.getRepository(AuthSession).findOne({ where: { id: token.sessionId, firmId: ctx.firmId } });
    const credential = session && (await ctx.manager.getRepository(Credential).findOne({ where: { id: session.credentialId } }));
    if (!session || !credential) return;
    await ctx.transaction(async (tx) => {
      if ((await this.revokeWhere(tx, { id: session.id }, 'signed-out')) > 0) {
        await this.audit.record(tx.withActor({ type: credential.kind, id: credential.subjectId }), { action: 'auth.signed-out', targetType: 'session', targetId: session.id });
      }
    });
  }

  list(ctx: RequestContext, credentialId: string): Promise<AuthSession[]> {
    return ctx.manager.getRepository(AuthSession).find({
      where: { firmId: ctx.firmId, credentialId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { lastSeenAt: 'DESC' },
    });
  }

  async revokeOne(ctx: RequestContext, credentialId: string, sessionId: string, reason: string): Promise<number> {
    return this.revokeWhere(ctx, { id: sessionId, credentialId, firmId: ctx.firmId }, reason);
  }

  /** End every session of these credentials at once (password change, disable, delete). */
  async revokeAll(ctx: RequestContext, credentialIds: string[], reason: string): Promise<number> {
    if (credentialIds.length === 0) return 0;
    return this.revokeWhere(ctx, { credentialId: In(credentialIds), firmId: ctx.firmId }, reason);
  }

  private async revokeWhere(ctx: RequestContext, where: Record<string, unknown>, reason: string): Promise<number> {
    const res = await ctx.manager.getRepository(AuthSession).update({ ...where, revokedAt: IsNull() }, { revokedAt: new Date(), revokeReason: reason });
    return res.affected ?? 0;
  }

  private isLive(session: AuthSession, credential: Credential): boolean {
    return !session.revokedAt && session.expiresAt.getTime() > Date.now() && credential.enabled;
  }

  private async issue(ctx: RequestContext, session: AuthSession, credential: Credential): Promise<IssuedSession> {
    const { token, hash } = newToken();
    const refreshExpiresAt = new Date(Math.min(Date.now() + REFRESH_IDLE_MS, session.expiresAt.getTime()));
    await ctx.manager.getRepository(RefreshToken).insert({ sessionId: session.id, tokenHash: hash, expiresAt: refreshExpiresAt, usedAt: null });
    const claims: AccessClaims = { typ: 'access', sub: credential.id, sid: session.id, fid: credential.firmId, knd: credential.kind };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: ACCESS_TOKEN_SECONDS });
    return { accessToken, expiresIn: ACCESS_TOKEN_SECONDS, refreshToken: token, refreshExpiresAt, sessionId: session.id };
  }
}
