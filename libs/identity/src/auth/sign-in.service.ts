import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AuditLog, ProblemException, type RequestContext } from '@portico/core';
import { Credential, RecoveryCode, type PrincipalKind } from '../entities/index.js';
import { verifyPassword, hashPassword } from '../password-hasher.js';
import { ATTEMPT_LIMITER, SecretBox, Totp, generateRecoveryCodes, hashRecoveryCode, type AttemptLimiter } from '../security/index.js';
import { Passwords } from './passwords.service.js';
import { PrincipalDirectory } from './principal-directory.js';
import { Sessions, type IssuedSession } from './sessions.service.js';
import { Invitations } from '../portal-access/invitations.service.js';
import { IsNull } from 'typeorm';

export type ChallengeStage = 'mfa' | 'password-change' | 'mfa-setup';

interface ChallengeClaims {
  typ: 'challenge';
  sub: string;
  fid: string;
  knd: PrincipalKind;
  stage: ChallengeStage;
  /** Stages already passed in this sign-in. */
  done: ChallengeStage[];
  /** The credential's state when the token was issued: a change of password or MFA voids it. */
  fpr: string;
}

export type SignInOutcome =
  | { status: 'signed-in'; session: IssuedSession; recoveryCodes?: string[] }
  | { status: 'challenge'; stage: ChallengeStage; challengeToken: string; reason?: string };

export interface Device {
  userAgent?: string | null;
  ip?: string | null;
}

const CHALLENGE_SECONDS = 10 * 60;
const MINUTE = 60_000;
export const LIMITS = {
  /** Sign-in attempts per account; a success starts the count again. */
  accountAttempts: { limit: 5, windowMs: 15 * MINUTE },
  /** Sign-in attempts per client IP, successes included (an office shares one address). */
  ipAttempts: { limit: 100, windowMs: 15 * MINUTE },
  /** Second-factor attempts per credential; a success starts the count again. */
  mfaAttempts: { limit: 5, windowMs: 5 * MINUTE },
} as const;

const wrongCredentials = () => new ProblemException(401, 'invalid-credentials', 'The e-mail address or password is not correct.');
const tooMany = (retryAfterMs: number) =>
  new ProblemException(429, 'too-many-attempts', 'Too many attempts. Wait a few minutes and try again.', undefined, {
    retryAfter: Math.ceil(retryAfterMs / 1000),
  });
const challengeInvalid = () => new ProblemException(401, 'challenge-expired', 'This sign-in step has expired. Sign in again.');

/**
 * Sign-in: password → (TOTP when enabled) → (new password when temporary or
 * expired) → (MFA set-up when the firm requires it) → session. Each step past
 * the password hands back a short-lived signed challenge token naming the next step.
 */
@Injectable()
export class SignInService {
  /** Verified against when the account does not exist, so both answers take as long. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: Sessions,
    private readonly passwords: Passwords,
    private readonly people: PrincipalDirectory,
    private readonly audit: AuditLog,
    private readonly totp: Totp,
    private readonly box: SecretBox,
    private readonly invitations: Invitations,
    @Inject(ATTEMPT_LIMITER) private readonly limiter: AttemptLimiter,
  ) {}

  async signIn(ctx: RequestContext, kind: PrincipalKind, email: string, password: string, device: Device): Promise<SignInOutcome> {
    const login = email.trim().toLowerCase();
    const accountKey = `signin:acct:${ctx.firmId}:${kind}:${login}`;
    const ipKey = `signin:ip:${device.ip ?? 'unknown'}`;
    // Counted before the password is checked: parallel guesses cannot all slip under the limit.
    // A successful sign-in clears the account's counter (the IP's counts every attempt).
    const byAccount = await this.limiter.hit(accountKey, LIMITS.accountAttempts.limit, LIMITS.accountAttempts.windowMs);
    const byIp = await this.limiter.hit(ipKey, LIMITS.ipAttempts.limit, LIMITS.ipAttempts.windowMs);
    if (!byAccount.allowed || !byIp.allowed) throw tooMany(Math.max(byAccount.retryAfterMs, byIp.retryAfterMs));
    const credential = await ctx.manager.getRepository(Credential).findOne({ where: { firmId: ctx.firmId, kind, loginEmail: login } });
    const ok = credential?.passwordHash
      ? await verifyPassword(credential.passwordHash, password)
      : (await verifyPassword(await this.dummy(), password), false);
    if (!ok || !credential || !credential.enabled) {
      await this.audit.record(ctx, { action: 'auth.sign-in-failed', targetType: credential ? 'credential' : undefined, targetId: credential?.id, data: { kind, email: login } });
      throw wrongCredentials();
    }
    if (credential.tempPasswordExpiresAt && credential.tempPasswordExpiresAt.getTime() <= Date.now()) {
      throw new ProblemException(401, 'temporary-password-expired', 'Your temporary password has expired. Ask the firm to send you a new one.');
    }
    await this.limiter.reset(accountKey);
    return this.next(ctx, credential, [], device);
  }

  /** Decide the next step after those already passed, or start the session. */
  async next(ctx: RequestContext, credential: Credential, done: ChallengeStage[], device: Device, extra: { recoveryCodes?: string[] } = {}): Promise<SignInOutcome> {
    const firm = ctx.firm!;
    if (credential.mfaEnabledAt && !done.includes('mfa')) return this.challenge(credential, 'mfa', done);
    if (credential.mustChangePassword) return this.challenge(credential, 'password-change', done, 'temporary');
    if (this.passwords.isExpired(firm, credential)) return this.challenge(credential, 'password-change', done, 'expired');
    if (credential.kind === 'client' && firm.requireClientMfa && !credential.mfaEnabledAt) return this.challenge(credential, 'mfa-setup', done);
    const session = await ctx.transaction(async (tx) => {
      const s = await this.sessions.start(tx, credential, device);
      await this.audit.record(tx.withActor({ type: credential.kind, id: credential.subjectId }), {
        action: 'auth.signed-in', targetType: 'session', targetId: s.sessionId, data: { userAgent: device.userAgent ?? null },
      });
      return s;
    });
    return { status: 'signed-in', session, ...extra };
  }

  /** Check a challenge token for the expected stage; the credential it names. */
  async readChallenge(ctx: RequestContext, kind: PrincipalKind, token: string, stage: ChallengeStage): Promise<{ credential: Credential; done: ChallengeStage[] }> {
    let claims: ChallengeClaims;
    try {
      claims = await this.jwt.verifyAsync<ChallengeClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw challengeInvalid();
    }
    if (claims.typ !== 'challenge' || claims.stage !== stage || claims.knd !== kind || claims.fid !== ctx.firmId) throw challengeInvalid();
    const credential = await ctx.manager.getRepository(Credential).findOne({ where: { id: claims.sub, firmId: ctx.firmId } });
    if (!credential || !credential.enabled || claims.fpr !== fingerprint(credential)) throw challengeInvalid();
    // A step is only open while it is still due: no second MFA set-up, no password change without cause.
    if (stage === 'mfa-setup' && credential.mfaEnabledAt) throw challengeInvalid();
    if (stage === 'password-change' && !credential.mustChangePassword && !this.passwords.isExpired(ctx.firm!, credential)) throw challengeInvalid();
    return { credential, done: claims.done };
  }

  async answerMfa(ctx: RequestContext, kind: PrincipalKind, token: string, answer: { code?: string; recoveryCode?: string }, device: Device): Promise<SignInOutcome> {
    const { credential, done } = await this.readChallenge(ctx, kind, token, 'mfa');
    await this.verifySecondFactor(ctx, credential, answer);
    return this.next(ctx, credential, [...done, 'mfa'], device);
  }

  async answerPasswordChange(ctx: RequestContext, kind: PrincipalKind, token: string, newPassword: string, device: Device): Promise<SignInOutcome> {
    const { credential, done } = await this.readChallenge(ctx, kind, token, 'password-change');
    const person = await this.people.describe(ctx, credential);
    await this.passwords.assertAcceptable(ctx.firm!, newPassword, 'newPassword', this.people.passwordContext(person), credential);
    await ctx.transaction(async (tx) => {
      await this.passwords.setPermanent(tx, credential, newPassword);
      await this.invitations.markVerified(tx, credential);
      await this.sessions.revokeAll(tx, [credential.id], 'password-changed');
      await this.audit.record(tx.withActor({ type: kind, id: credential.subjectId }), { action: 'auth.password-changed', targetType: 'credential', targetId: credential.id, data: { forced: true } });
    });
    const fresh = await ctx.manager.getRepository(Credential).findOneOrFail({ where: { id: credential.id } });
    return this.next(ctx, fresh, [...done, 'password-change'], device);
  }

  /** MFA set-up during sign-in (firm requires it): a new secret to scan. */
  async beginMfaSetup(ctx: RequestContext, kind: PrincipalKind, token: string): Promise<{ secret: string; otpauthUrl: string }> {
    const { credential } = await this.readChallenge(ctx, kind, token, 'mfa-setup');
    return this.startEnrolment(ctx, credential);
  }

  async confirmMfaSetup(ctx: RequestContext, kind: PrincipalKind, token: string, code: string, device: Device): Promise<SignInOutcome> {
    const { credential, done } = await this.readChallenge(ctx, kind, token, 'mfa-setup');
    const recoveryCodes = await this.finishEnrolment(ctx, credential, code);
    const fresh = await ctx.manager.getRepository(Credential).findOneOrFail({ where: { id: credential.id } });
    return this.next(ctx, fresh, [...done, 'mfa-setup', 'mfa'], device, { recoveryCodes });
  }

  async startEnrolment(ctx: RequestContext, credential: Credential): Promise<{ secret: string; otpauthUrl: string }> {
    const secret = this.totp.newSecret();
    await ctx.manager.getRepository(Credential).update({ id: credential.id }, { mfaPendingSecret: this.box.seal(secret, `totp:${credential.id}`) });
    return { secret, otpauthUrl: this.totp.otpauthUrl(secret, credential.loginEmail, ctx.firm!.name) };
  }

  /** Confirm the pending secret with a code; returns 10 recovery codes (shown once). */
  async finishEnrolment(ctx: RequestContext, credential: Credential, code: string): Promise<string[]> {
    if (!credential.mfaPendingSecret) throw new ProblemException(409, 'mfa-setup-not-started', 'Start the two-step verification set-up first.');
    await this.guardMfaAttempts(credential);
    const secret = this.box.open(credential.mfaPendingSecret, `totp:${credential.id}`);
    const result = this.totp.verify(secret, code, null);
    if (!result.ok) throw await this.badCode(credential);
    const { codes, hashes } = generateRecoveryCodes(10);
    await ctx.transaction(async (tx) => {
      await tx.manager.getRepository(Credential).update(
        { id: credential.id },
        { mfaSecret: credential.mfaPendingSecret, mfaPendingSecret: null, mfaEnabledAt: new Date(), mfaLastStep: result.step },
      );
      await tx.manager.getRepository(RecoveryCode).delete({ credentialId: credential.id });
      await tx.manager.getRepository(RecoveryCode).insert(hashes.map((codeHash) => ({ credentialId: credential.id, codeHash, usedAt: null })));
      await this.audit.record(tx.withActor({ type: credential.kind, id: credential.subjectId }), { action: 'auth.mfa-enabled', targetType: 'credential', targetId: credential.id });
    });
    await this.limiter.reset(`mfa:${credential.id}`);
    return codes;
  }

  /** A TOTP code (never the same step twice) or an unused recovery code. */
  async verifySecondFactor(ctx: RequestContext, credential: Credential, answer: { code?: string; recoveryCode?: string }): Promise<void> {
    await this.guardMfaAttempts(credential);
    if (answer.recoveryCode) {
      const res = await ctx.manager.getRepository(RecoveryCode).update(
        { credentialId: credential.id, codeHash: hashRecoveryCode(answer.recoveryCode), usedAt: IsNull() },
        { usedAt: new Date() },
      );
      if (res.affected !== 1) throw await this.badCode(credential, 'recoveryCode');
      await this.audit.record(ctx.withActor({ type: credential.kind, id: credential.subjectId }), { action: 'auth.recovery-code-used', targetType: 'credential', targetId: credential.id });
      await this.limiter.reset(`mfa:${credential.id}`);
      return;
    }
    if (!credential.mfaSecret || !answer.code) throw await this.badCode(credential);
    const result = this.totp.verify(this.box.open(credential.mfaSecret, `totp:${credential.id}`), answer.code, credential.mfaLastStep);
    if (!result.ok) throw await this.badCode(credential);
    // Conditional: two requests with the same code cannot both pass.
    const qb = ctx.manager.getRepository(Credential).createQueryBuilder().update().set({ mfaLastStep: result.step })
      .where('id = :id', { id: credential.id })
      .andWhere('(mfa_last_step IS NULL OR mfa_last_step < :step)', { step: result.step });
    const res = await qb.execute();
    if (res.affected !== 1) throw await this.badCode(credential);
    await this.limiter.reset(`mfa:${credential.id}`);
  }

  /** Counted before the code is checked, so parallel guesses cannot exceed the limit. */
  private async guardMfaAttempts(credential: Credential): Promise<void> {
    const state = await this.limiter.hit(`mfa:${credential.id}`, LIMITS.mfaAttempts.limit, LIMITS.mfaAttempts.windowMs);
    if (!state.allowed) throw tooMany(state.retryAfterMs);
  }

  private async badCode(_credential: Credential, field = 'code'): Promise<ProblemException> {
    return new ProblemException(400, 'invalid-code', field === 'code' ? 'That code is not valid. Enter the current code from your app.' : 'That recovery code is not valid or was already used.', [
      { field, rule: 'valid', message: field === 'code' ? 'Enter the current 6-digit code from your authenticator app' : 'Enter an unused recovery code' },
    ]);
  }

  private async challenge(credential: Credential, stage: ChallengeStage, done: ChallengeStage[], reason?: string): Promise<SignInOutcome> {
    const claims: ChallengeClaims = { typ: 'challenge', sub: credential.id, fid: credential.firmId, knd: credential.kind, stage, done, fpr: fingerprint(credential) };
    const challengeToken = await this.jwt.signAsync(claims, { expiresIn: CHALLENGE_SECONDS });
    return { status: 'challenge', stage, challengeToken, reason };
  }

  private dummy(): Promise<string> {
    return (this.dummyHash ??= hashPassword('portico-timing-equaliser'));
  }
}


/** What a challenge token is bound to: the password and second factor as they were. */
function fingerprint(c: Credential): string {
  return `${c.passwordChangedAt?.getTime() ?? 0}:${c.mfaEnabledAt?.getTime() ?? 0}:${c.mfaSecret ? 1 : 0}`;
}
