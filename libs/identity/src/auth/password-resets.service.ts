import { Inject, Injectable } from '@nestjs/common';
import { AuditLog, FirmResolver, MailService, type RequestContext } from '@portico/core';
import { Credential, type PrincipalKind } from '../entities/index.js';
import { ATTEMPT_LIMITER, type AttemptLimiter } from '../security/index.js';
import { OneTimeTokens, linkInvalid } from './one-time-tokens.service.js';
import { Passwords } from './passwords.service.js';
import { PrincipalDirectory } from './principal-directory.js';
import { Sessions } from './sessions.service.js';

export const RESET_TTL_MS = 30 * 60_000;

/** "Need help?": a single-use reset link by e-mail, then a new password and every session ends. */
@Injectable()
export class PasswordResets {
  constructor(
    private readonly tokens: OneTimeTokens,
    private readonly passwords: Passwords,
    private readonly sessions: Sessions,
    private readonly people: PrincipalDirectory,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
    private readonly firms: FirmResolver,
    @Inject(ATTEMPT_LIMITER) private readonly limiter: AttemptLimiter,
  ) {}

  /** Same answer and about the same work whether or not the address has an account. */
  async request(ctx: RequestContext, kind: PrincipalKind, email: string, ip: string): Promise<void> {
    const login = email.trim().toLowerCase();
    const perAddress = await this.limiter.hit(`reset:acct:${ctx.firmId}:${kind}:${login}`, 3, 3600_000);
    const perIp = await this.limiter.hit(`reset:ip:${ip}`, 20, 3600_000);
    const credential = await ctx.manager.getRepository(Credential).findOne({ where: { firmId: ctx.firmId, kind, loginEmail: login } });
    // Silently nothing when over the limit, unknown, disabled or never activated: the answer must not tell.
    if (!perAddress.allowed || !perIp.allowed || !credential || !credential.enabled || !credential.passwordHash) return;
    await ctx.transaction(async (tx) => {
      const { token } = await this.tokens.issue(tx, 'password-reset', credential.id, RESET_TTL_MS);
      const person = await this.people.describe(tx, credential);
      const base = this.firms.portalUrl(tx.firm!) + (kind === 'staff' ? '/staff' : '');
      await this.mail.send(tx, {
        to: credential.loginEmail,
        template: 'password-reset',
        data: { name: person.firstName, resetUrl: `${base}/reset-password?token=${token}`, minutes: RESET_TTL_MS / 60_000, signInUrl: `${base}/sign-in` },
      });
      await this.audit.record(tx, { action: 'auth.password-reset-requested', targetType: 'credential', targetId: credential.id });
    });
  }

  async reset(ctx: RequestContext, kind: PrincipalKind, token: string, password: string): Promise<void> {
    const row = await this.tokens.peek(ctx, 'password-reset', token);
    const credential = await ctx.manager.getRepository(Credential).findOne({ where: { id: row.subjectId, firmId: ctx.firmId, kind } });
    if (!credential || !credential.enabled) throw linkInvalid();
    const person = await this.people.describe(ctx, credential);
    await this.passwords.assertAcceptable(ctx.firm!, password, 'password', this.people.passwordContext(person));
    await ctx.transaction(async (tx) => {
      await this.tokens.consume(tx, 'password-reset', token);
      await this.passwords.setPermanent(tx, credential, password);
      await this.sessions.revokeAll(tx, [credential.id], 'password-reset');
      await this.audit.record(tx.withActor({ type: kind, id: credential.subjectId }), { action: 'auth.password-reset', targetType: 'credential', targetId: credential.id });
    });
  }
}
