import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { ProblemException, type RequestContext } from '@portico/core';
import { OneTimeToken, type TokenPurpose } from '../entities/index.js';
import { hashToken, newToken } from './token-crypto.js';

export const linkInvalid = () =>
  new ProblemException(404, 'link-invalid', 'This link is not valid or has already been used. Ask for a new one.');
export const linkExpired = (expiresAt: Date) =>
  new ProblemException(410, 'link-expired', 'This link has expired. Ask for a new one.', undefined, { expiredAt: expiresAt.toISOString() });

/**
 * Single-use links (invitations, activation, reset, e-mail change). The token
 * has 256 bits and only its sha256 is stored; issuing a new one for the same
 * purpose and person revokes the earlier ones, so only the newest link works.
 */
@Injectable()
export class OneTimeTokens {
  async issue(
    ctx: RequestContext,
    purpose: TokenPurpose,
    subjectId: string,
    ttlMs: number,
    data?: Record<string, unknown>,
  ): Promise<{ token: string; expiresAt: Date }> {
    await this.revoke(ctx, purpose, subjectId, 'replaced');
    const { token, hash } = newToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    await ctx.manager.getRepository(OneTimeToken).insert({
      firmId: ctx.firmId,
      purpose,
      subjectId,
      tokenHash: hash,
      data: data ? JSON.stringify(data) : null,
      expiresAt,
      createdBy: ctx.actor.type === 'staff' ? ctx.actor.id : null,
    });
    return { token, expiresAt };
  }

  /** The live token's row, or 404 (unknown, used, replaced) / 410 (expired). */
  async peek(ctx: RequestContext, purpose: TokenPurpose, token: string): Promise<OneTimeToken> {
    const row = await ctx.manager.getRepository(OneTimeToken).findOne({
      where: { tokenHash: hashToken(token), purpose, firmId: ctx.firmId },
    });
    if (!row || row.usedAt || (row.revokedReason && row.revokedReason !== 'expired')) throw linkInvalid();
    if (row.expiresAt.getTime() <= Date.now()) throw linkExpired(row.expiresAt);
    return row;
  }

  /** Spend the token inside the caller's transaction; of two concurrent uses only one succeeds. */
  async consume(ctx: RequestContext, purpose: TokenPurpose, token: string): Promise<OneTimeToken> {
    const row = await this.peek(ctx, purpose, token);
    const res = await ctx.manager.getRepository(OneTimeToken).update(
      { id: row.id, usedAt: IsNull(), revokedReason: IsNull() },
      { usedAt: new Date() },
    );
    if (res.affected !== 1) throw linkInvalid();
    return row;
  }

  async revoke(ctx: RequestContext, purpose: TokenPurpose, subjectId: string, reason: string): Promise<number> {
    const res = await ctx.manager.getRepository(OneTimeToken).update(
      { firmId: ctx.firmId, purpose, subjectId, usedAt: IsNull(), revokedReason: IsNull() },
      { revokedReason: reason },
    );
    return res.affected ?? 0;
  }

  /** The newest token issued for a person and purpose (used or not), for status displays. */
  latest(ctx: RequestContext, purpose: TokenPurpose, subjectId: string): Promise<OneTimeToken | null> {
    return ctx.manager.getRepository(OneTimeToken).findOne({
      where: { firmId: ctx.firmId, purpose, subjectId },
      order: { createdAt: 'DESC' },
    });
  }
}

export function tokenData<T>(row: OneTimeToken): T {
  return (row.data ? JSON.parse(row.data) : {}) as T;
}
