import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AuditLog,
  Firm,
  FirmResolver,
  MailService,
  PlatformSettings,
  RequestContext,
  conflict,
  forbidden,
  ProblemException,
  validationFailed,
} from '@portico/core';
import { randomInt } from 'node:crypto';
import { Credential, StaffUser } from './entities/index.js';
import { hashPassword } from './password-hasher.js';
import { hashToken, newToken, sameHash } from './auth/token-crypto.js';
import { OneTimeTokens } from './auth/one-time-tokens.service.js';
import { Passwords } from './auth/passwords.service.js';
import { StaffDirectory } from './staff/staff-directory.service.js';
import { RESERVED_SLUGS } from './setup.dto.js';

const SETUP_TOKEN_KEY = 'setup.tokenHash';
const usedOrExpired = () =>
  new ProblemException(404, 'activation-link-invalid', 'This link has already been used or has expired. Ask an admin of your firm to send a new one.');

export interface NewFirm {
  firmName: string;
  firmSlug: string;
  adminName: string;
  adminEmail: string;
}

/**
 * Creates firms with their first admin: from the setup page (with a password)
 * or from the platform CLI (with a one-time activation link).
 */
@Injectable()
export class FirmProvisioning {
  private readonly logger = new Logger('Setup');

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly mail: MailService,
    private readonly settings: PlatformSettings,
    private readonly firms: FirmResolver,
    private readonly tokens: OneTimeTokens,
    private readonly passwords: Passwords,
    private readonly staff: StaffDirectory,
  ) {}

  async needsSetup(): Promise<boolean> {
    return (await this.db.getRepository(Firm).count()) === 0;
  }

  /** A fresh setup token (only its hash is kept); null once a firm exists. */
  async issueSetupToken(): Promise<string | null> {
    if (!(await this.needsSetup())) return null;
    const { token, hash } = newToken();
    await this.settings.set(SETUP_TOKEN_KEY, hash);
    return token;
  }

  setupUrl(token: string): string {
    return `${this.firms.platformUrl()}/setup?token=${token}`;
  }

  /** The first-run wizard: firm + admin with a password, then the setup token is spent. */
  async completeSetup(ctx: RequestContext, input: NewFirm & { token: string; adminPassword: string }): Promise<{ firm: Firm; staffUrl: string }> {
    const stored = await this.settings.get(SETUP_TOKEN_KEY);
    if (!(await this.needsSetup())) throw conflict('already-set-up', 'Portico is already set up. Sign in at your firm’s address.');
    if (!stored || !sameHash(stored, hashToken(input.token))) {
      throw forbidden('invalid-setup-token', 'The setup link is not valid. Use the newest link printed by the server when it started.');
    }
    await this.passwords.assertAcceptable({ passwordMinLength: 12 } as Firm, input.adminPassword, 'adminPassword', [input.adminEmail.split('@')[0], ...input.adminName.split(' ')].filter((w) => w.length >= 4));
    const passwordHash = await hashPassword(input.adminPassword);
    const { firm, admin } = await ctx.transaction(async (tx) => {
      const created = await this.insertFirmAndAdmin(tx, input, passwordHash);
      await this.settings.delete(SETUP_TOKEN_KEY, tx.manager);
      return created;
    });
    const staffUrl = `${this.firms.portalUrl(firm)}/staff`;
    await this.mail.send(ctx.withFirm(firm), {
      to: admin.email,
      template: 'welcome-admin',
      data: { name: admin.name, email: admin.email, staffUrl, portalUrl: this.firms.portalUrl(firm) },
    });
    this.firms.invalidate();
    this.logger.log(`firm ${firm.slug} set up`);
    return { firm, staffUrl };
  }

  /**
   * The platform CLI: firm + admin with a temporary password (printed once, to be
   * replaced at first sign-in) and, by e-mail, a one-time link to set a password.
   */
  async createFirm(ctx: RequestContext, input: NewFirm): Promise<{ firm: Firm; admin: StaffUser; activationUrl: string; expiresAt: Date; temporaryPassword: string; signInUrl: string }> {
    const temporaryPassword = generateTemporaryPassword();
    const temporaryPasswordHash = await hashPassword(temporaryPassword);
    const { firm, admin, activationUrl, expiresAt } = await ctx.transaction(async (tx) => {
      const firm = await this.insertFirm(tx, input);
      const added = await this.staff.add(tx.withFirm(firm), { name: input.adminName, email: input.adminEmail, role: 'admin' }, { temporaryPasswordHash });
      return { firm, admin: added.staff, activationUrl: added.activationUrl, expiresAt: added.expiresAt };
    });
    this.firms.invalidate();
    return { firm, admin, activationUrl, expiresAt, temporaryPassword, signInUrl: `${this.firms.portalUrl(firm)}/staff/sign-in` };
  }

  /** Set the password of a staff member who holds a valid activation token. */
  async activateStaff(ctx: RequestContext, token: string, password: string): Promise<{ staffUrl: string }> {
    const row = await this.tokens.peek(ctx, 'staff-activation', token).catch(() => { throw usedOrExpired(); });
    const credential = await ctx.manager.getRepository(Credential).findOne({ where: { firmId: ctx.firmId, kind: 'staff', subjectId: row.subjectId } });
    const staff = await ctx.scoped(StaffUser).findOne({ id: row.subjectId });
    if (!credential || !staff) throw usedOrExpired();
    await this.passwords.assertAcceptable(ctx.firm!, password, 'password', [staff.email.split('@')[0], ...staff.name.split(' ')].filter((w) => w.length >= 4));
    await ctx.transaction(async (tx) => {
      await this.tokens.consume(tx, 'staff-activation', token).catch(() => { throw usedOrExpired(); });
      await this.passwords.setPermanent(tx, credential, password);
      await this.audit.record(tx.withActor({ type: 'staff', id: staff.id }), { action: 'staff.activated', targetType: 'staff_user', targetId: staff.id });
    });
    return { staffUrl: `${this.firms.portalUrl(ctx.firm!)}/staff` };
  }

  private async insertFirm(ctx: RequestContext, input: NewFirm): Promise<Firm> {
    const slug = input.firmSlug.trim().toLowerCase();
    if (RESERVED_SLUGS.has(slug)) {
      throw validationFailed([{ field: 'firmSlug', rule: 'reserved', message: `The portal address "${slug}" is reserved; choose another` }]);
    }
    const firms = ctx.manager.getRepository(Firm);
    if (await firms.findOne({ where: { slug } })) {
      throw conflict('slug-taken', `The portal address "${slug}" is already taken.`, [
        { field: 'firmSlug', rule: 'unique', message: `The portal address "${slug}" is already taken; choose another` },
      ]);
    }
    const firm = firms.create({ slug, name: input.firmName.trim(), customDomain: null });
    await firms.insert(firm);
    await this.audit.record(ctx.withFirm(firm), { action: 'firm.created', targetType: 'firm', targetId: firm.id, data: { slug, name: firm.name } });
    return firms.findOneOrFail({ where: { id: firm.id } });
  }

  /** The setup wizard's admin: a password of their own choosing, no link needed. */
  private async insertFirmAndAdmin(ctx: RequestContext, input: NewFirm, passwordHash: string): Promise<{ firm: Firm; admin: StaffUser }> {
    const firm = await this.insertFirm(ctx, input);
    const withFirm = ctx.withFirm(firm);
    const admin = withFirm.scoped(StaffUser).create({
      email: input.adminEmail.trim().toLowerCase(), name: input.adminName.trim(), role: 'admin', enabled: true, engagementAccess: 'all',
    });
    await ctx.manager.getRepository(StaffUser).insert(admin);
    await ctx.manager.getRepository(Credential).insert({
      firmId: firm.id, kind: 'staff', subjectId: admin.id, loginEmail: admin.email, passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, enabled: true,
    });
    await this.audit.record(withFirm, { action: 'staff.created', targetType: 'staff_user', targetId: admin.id, data: { email: admin.email, role: 'admin' } });
    return { firm, admin };
  }
}

const TEMP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
function generateTemporaryPassword(): string {
  return Array.from({ length: 16 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join('');
}
