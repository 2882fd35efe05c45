import { Injectable } from '@nestjs/common';
import { validationFailed, type Firm, type RequestContext } from '@portico/core';
import { Credential } from '../entities/index.js';
import { hashPassword, verifyPassword } from '../password-hasher.js';
import { checkPassword } from '../security/index.js';
import { OneTimeTokens } from './one-time-tokens.service.js';

/** Setting and checking passwords against the firm's policy. */
@Injectable()
export class Passwords {
  constructor(private readonly tokens: OneTimeTokens) {}

  /** Problems with a new password (empty when acceptable), as field errors on `field`. */
  async assertAcceptable(firm: Firm, password: string, field: string, context: string[], current?: Credential): Promise<void> {
    const problems = checkPassword(password, { minLength: firm.passwordMinLength, context });
    const errors = problems.map((p) => ({ field, rule: p.rule, message: p.message }));
    if (errors.length === 0 && current?.passwordHash && (await verifyPassword(current.passwordHash, password))) {
      errors.push({ field, rule: 'different', message: 'Choose a password different from the current one' });
    }
    if (errors.length) throw validationFailed(errors);
  }

  /**
   * Store a permanent password: clears temporary/expired state, and a staff member's unused
   * set-password link stops working (it must not set another one later). The caller ends sessions.
   */
  async setPermanent(ctx: RequestContext, credential: Credential, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    await ctx.manager.getRepository(Credential).update(
      { id: credential.id },
      { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, tempPasswordExpiresAt: null, expiryReminderSentAt: null },
    );
    if (credential.kind === 'staff') await this.tokens.revoke(ctx, 'staff-activation', credential.subjectId, 'password-set');
  }

  /** Whether the password is past the firm's maximum age (0 = never). */
  isExpired(firm: Firm, credential: Credential, now = Date.now()): boolean {
    if (!firm.passwordMaxAgeDays || !credential.passwordChangedAt) return false;
    return credential.passwordChangedAt.getTime() + firm.passwordMaxAgeDays * 86_400_000 <= now;
  }
}
