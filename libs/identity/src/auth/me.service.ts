import { Inject, Injectable } from '@nestjs/common';
import { ATTEMPT_LIMITER, type AttemptLimiter } from '../security/index.js';
import { AuditLog, ProblemException, forbidden, type RequestContext } from '@portico/core';
import { Contact, Credential, RecoveryCode, StaffUser } from '../entities/index.js';
import { verifyPassword } from '../password-hasher.js';
import { Passwords } from './passwords.service.js';
import { PrincipalDirectory } from './principal-directory.js';
import { Sessions } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';
import type { Principal } from './principal.js';
import type { MeDto, SessionDto } from './me.dto.js';

const wrongPassword = (field: string) =>
  new ProblemException(400, 'wrong-password', 'The current password is not correct.', [{ field, rule: 'matches', message: 'This is not your current password' }]);

@Injectable()
export class MeService {
  constructor(
    private readonly people: PrincipalDirectory,
    private readonly passwords: Passwords,
    private readonly sessionsSvc: Sessions,
    private readonly signIn: SignInService,
    private readonly audit: AuditLog,
    @Inject(ATTEMPT_LIMITER) private readonly limiter: AttemptLimiter,
  ) {}

  /** The current password, checked under a limit (a stolen session must not become a guessing oracle). */
  private async checkCurrentPassword(credential: Credential, password: string, field: string): Promise<void> {
    const key = `pwcheck:${credential.id}`;
    const state = await this.limiter.hit(key, 5, 15 * 60_000);
    if (!state.allowed) {
      throw new ProblemException(429, 'too-many-attempts', 'Too many attempts. Wait a few minutes and try again.', undefined, { retryAfter: Math.ceil(state.retryAfterMs / 1000) });
    }
    if (!credential.passwordHash || !(await verifyPassword(credential.passwordHash, password))) throw wrongPassword(field);
    await this.limiter.reset(key);
  }

  async describe(ctx: RequestContext, p: Principal): Promise<MeDto> {
    const credential = await this.credential(ctx, p);
    const person = await this.people.describe(ctx, credential);
    const firm = ctx.firm!;
    const expires = firm.passwordMaxAgeDays && credential.passwordChangedAt
      ? new Date(credential.passwordChangedAt.getTime() + firm.passwordMaxAgeDays * 86_400_000).toISOString() : null;
    return {
      kind: p.kind, id: person.subjectId, name: person.name, firstName: person.firstName, lastName: person.lastName, email: person.email,
      role: person.role, mfaEnabled: !!credential.mfaEnabledAt, mfaRequired: p.kind === 'client' && firm.requireClientMfa, passwordExpiresAt: expires,
    };
  }

  async updateProfile(ctx: RequestContext, p: Principal, body: { firstName: string; lastName: string }): Promise<MeDto> {
    const firstName = body.firstName.trim().replace(/\s+/g, ' ');
    const lastName = body.lastName.trim().replace(/\s+/g, ' ');
    await ctx.transaction(async (tx) => {
      if (p.kind === 'client') {
        await tx.manager.getRepository(Contact).update({ id: p.subjectId, firmId: tx.firmId }, { firstName, lastName });
      } else {
        await tx.manager.getRepository(StaffUser).update({ id: p.subjectId, firmId: tx.firmId }, { name: `${firstName} ${lastName}` });
      }
      await this.audit.record(tx, { action: 'profile.updated', targetType: p.kind === 'client' ? 'contact' : 'staff_user', targetId: p.subjectId, data: { firstName, lastName } });
    });
    return this.describe(ctx, p);
  }

  async changePassword(ctx: RequestContext, p: Principal, current: string, next: string): Promise<void> {
    const credential = await this.credential(ctx, p);
    await this.checkCurrentPassword(credential, current, 'currentPassword');
    const person = await this.people.describe(ctx, credential);
    await this.passwords.assertAcceptable(ctx.firm!, next, 'newPassword', this.people.passwordContext(person), credential);
    await ctx.transaction(async (tx) => {
      await this.passwords.setPermanent(tx, credential, next);
      await this.sessionsSvc.revokeAll(tx, [credential.id], 'password-changed');
      await this.audit.record(tx, { action: 'auth.password-changed', targetType: 'credential', targetId: credential.id });
    });
  }

  async sessions(ctx: RequestContext, p: Principal): Promise<SessionDto[]> {
    return (await this.sessionsSvc.list(ctx, p.credentialId)).map((s) => ({
      id: s.id, userAgent: s.userAgent, ip: s.ip, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), current: s.id === p.sessionId,
    }));
  }

  async revokeSession(ctx: RequestContext, p: Principal, id: string): Promise<void> {
    await ctx.transaction(async (tx) => {
      const n = await this.sessionsSvc.revokeOne(tx, p.credentialId, id, 'revoked-by-user');
      if (n === 0) throw new ProblemException(404, 'not-found', 'The session was not found or has already ended.');
      await this.audit.record(tx, { action: 'auth.session-revoked', targetType: 'session', targetId: id });
    });
  }

  async signOutEverywhere(ctx: RequestContext, p: Principal): Promise<void> {
    await ctx.transaction(async (tx) => {
      const n = await this.sessionsSvc.revokeAll(tx, [p.credentialId], 'signed-out-everywhere');
      await this.audit.record(tx, { action: 'auth.signed-out-everywhere', targetType: 'credential', targetId: p.credentialId, data: { sessions: n } });
    });
  }

  async startMfa(ctx: RequestContext, p: Principal): Promise<{ secret: string; otpauthUrl: string }> {
    const credential = await this.credential(ctx, p);
    if (credential.mfaEnabledAt) throw new ProblemException(409, 'mfa-already-enabled', 'Two-step verification is already on.');
    return this.signIn.startEnrolment(ctx, credential);
  }

  async confirmMfa(ctx: RequestContext, p: Principal, code: string): Promise<{ recoveryCodes: string[] }> {
    const credential = await this.credential(ctx, p);
    return { recoveryCodes: await this.signIn.finishEnrolment(ctx, credential, code) };
  }

  async disableMfa(ctx: RequestContext, p: Principal, password: string): Promise<void> {
    const credential = await this.credential(ctx, p);
    if (p.kind === 'client' && ctx.firm!.requireClientMfa) throw forbidden('mfa-required', 'Your firm requires two-step verification; it cannot be turned off.');
    await this.checkCurrentPassword(credential, password, 'password');
    await ctx.transaction(async (tx) => {
      await tx.manager.getRepository(Credential).update({ id: credential.id }, { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null });
      await tx.manager.getRepository(RecoveryCode).delete({ credentialId: credential.id });
      await this.audit.record(tx, { action: 'auth.mfa-disabled', targetType: 'credential', targetId: credential.id });
    });
  }

  private credential(ctx: RequestContext, p: Principal): Promise<Credential> {
    return ctx.manager.getRepository(Credential).findOneOrFail({ where: { id: p.credentialId, firmId: ctx.firmId } });
  }
}
