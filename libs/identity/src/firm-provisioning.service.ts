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
import { StaffUser } from './staff-user.entity.js';
import { hashPassword } from './password-hasher.js';
import { hashToken, newToken, sameHash } from './one-time-token.js';
import { RESERVED_SLUGS } from './setup.dto.js';

const SETUP_TOKEN_KEY = 'setup.tokenHash';
const usedOrExpired = () =>
  new ProblemException(404, 'activation-link-invalid', 'This link has already been used or has expired. Ask an admin of your firm to send a new one.');
const ACTIVATION_DAYS = 7;

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
    const passwordHash = await hashPassword(input.adminPassword);
    const { firm, admin } = await ctx.transaction(async (tx) => {
      const created = await this.insertFirmAndAdmin(tx, input, { passwordHash });
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

  /** The platform CLI: firm + admin who sets a password through a one-time link. */
  async createFirm(ctx: RequestContext, input: NewFirm): Promise<{ firm: Firm; admin: StaffUser; activationUrl: string; expiresAt: Date }> {
    const { token, hash } = newToken();
    const expiresAt = new Date(Date.now() + ACTIVATION_DAYS * 24 * 3600_000);
    const { firm, admin } = await ctx.transaction((tx) =>
      this.insertFirmAndAdmin(tx, input, { activationTokenHash: hash, activationExpiresAt: expiresAt }),
    );
    const activationUrl = `${this.firms.portalUrl(firm)}/staff/activate?token=${token}`;
    await this.mail.send(ctx.withFirm(firm), {
      to: admin.email,
      template: 'staff-activation',
      data: { name: admin.name, activationUrl, expiresAt: expiresAt.toISOString().slice(0, 16).replace('T', ' ') },
    });
    this.firms.invalidate();
    return { firm, admin, activationUrl, expiresAt };
  }

  /** Set the password of a staff member who holds a valid activation token. */
  async activateStaff(ctx: RequestContext, token: string, password: string): Promise<{ staffUrl: string }> {
    const staff = await ctx.scoped(StaffUser).findOne({ activationTokenHash: hashToken(token) });
    if (!staff || !staff.activationExpiresAt || staff.activationExpiresAt.getTime() < Date.now()) {
      throw usedOrExpired();
    }
    const passwordHash = await hashPassword(password);
    await ctx.transaction(async (tx) => {
      // Conditional update: two concurrent uses of one token cannot both succeed.
      const res = await tx.manager.getRepository(StaffUser).update(
        { id: staff.id, firmId: tx.firmId, activationTokenHash: staff.activationTokenHash! },
        { passwordHash, activationTokenHash: null, activationExpiresAt: null },
      );
      if (res.affected !== 1) throw usedOrExpired();
      await this.audit.record(tx.withActor({ type: 'staff', id: staff.id }), { action: 'staff.activated', targetType: 'staff_user', targetId: staff.id });
    });
    return { staffUrl: `${this.firms.portalUrl(ctx.firm!)}/staff` };
  }

  private async insertFirmAndAdmin(
    ctx: RequestContext,
    input: NewFirm,
    secret: Partial<Pick<StaffUser, 'passwordHash' | 'activationTokenHash' | 'activationExpiresAt'>>,
  ): Promise<{ firm: Firm; admin: StaffUser }> {
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
    const withFirm = ctx.withFirm(firm);
    const staff = withFirm.scoped(StaffUser);
    const admin = staff.create({
      email: input.adminEmail.trim().toLowerCase(),
      name: input.adminName.trim(),
      role: 'admin',
      enabled: true,
      passwordHash: secret.passwordHash ?? null,
      activationTokenHash: secret.activationTokenHash ?? null,
      activationExpiresAt: secret.activationExpiresAt ?? null,
    });
    await ctx.manager.getRepository(StaffUser).insert(admin);
    await this.audit.record(withFirm, { action: 'firm.created', targetType: 'firm', targetId: firm.id, data: { slug, name: firm.name } });
    await this.audit.record(withFirm, { action: 'staff.created', targetType: 'staff_user', targetId: admin.id, data: { email: admin.email, role: 'admin' } });
    return { firm, admin };
  }
}
