import { Injectable } from '@nestjs/common';
import { In, Not } from 'typeorm';
import { AuditLog, FirmResolver, MailService, ProblemException, conflict, type RequestContext } from '@portico/core';
import { Credential, StaffUser, type EngagementAccess, type StaffRole } from '../entities/index.js';
import { OneTimeTokens } from '../auth/one-time-tokens.service.js';
import { Sessions } from '../auth/sessions.service.js';
import { formatUtc } from '../portal-access/invitations.service.js';
import type { StaffMemberDto } from './staff.dto.js';

const ACTIVATION_MS = 7 * 86_400_000;

export interface NewStaff {
  name: string;
  email: string;
  role: StaffRole;
  engagementAccess?: EngagementAccess;
}

/** The firm's staff: the admin panel's list, add, edit, enable/disable and delete. */
@Injectable()
export class StaffDirectory {
  constructor(
    private readonly tokens: OneTimeTokens,
    private readonly sessions: Sessions,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
    private readonly firms: FirmResolver,
  ) {}

  async list(ctx: RequestContext): Promise<StaffMemberDto[]> {
    const staff = await ctx.scoped(StaffUser).find({}, { name: 'ASC' });
    const creds = await this.credentials(ctx, staff.map((s) => s.id));
    return staff.map((s) => this.toDto(s, creds.get(s.id)));
  }

  async get(ctx: RequestContext, id: string): Promise<StaffMemberDto> {
    const s = await ctx.scoped(StaffUser).get({ id }, 'staff member');
    return this.toDto(s, (await this.credentials(ctx, [s.id])).get(s.id));
  }

  /** Add a member: they get a one-time link to set their password. */
  async add(ctx: RequestContext, input: NewStaff, options: { temporaryPasswordHash?: string } = {}): Promise<{ staff: StaffUser; activationUrl: string; expiresAt: Date }> {
    return ctx.transaction(async (tx) => {
      const email = input.email.trim().toLowerCase();
      await this.assertEmailFree(tx, email);
      const repo = tx.manager.getRepository(StaffUser);
      const staff = repo.create({ firmId: tx.firmId, email, name: input.name.trim(), role: input.role, enabled: true, engagementAccess: input.engagementAccess ?? 'all' });
      await repo.insert(staff);
      await tx.manager.getRepository(Credential).insert({
        firmId: tx.firmId, kind: 'staff', subjectId: staff.id, loginEmail: email, enabled: true,
        passwordHash: options.temporaryPasswordHash ?? null,
        passwordChangedAt: options.temporaryPasswordHash ? new Date() : null,
        mustChangePassword: !!options.temporaryPasswordHash,
      });
      const { activationUrl, expiresAt } = await this.sendActivation(tx, staff);
      await this.audit.record(tx, { action: 'staff.created', targetType: 'staff_user', targetId: staff.id, data: { name: staff.name, email, role: staff.role, engagementAccess: staff.engagementAccess } });
      return { staff, activationUrl, expiresAt };
    });
  }

  async resendActivation(ctx: RequestContext, id: string): Promise<StaffMemberDto> {
    await ctx.transaction(async (tx) => {
      const staff = await tx.scoped(StaffUser).get({ id }, 'staff member');
      const cred = (await this.credentials(tx, [id])).get(id);
      if (cred?.passwordHash && !cred.mustChangePassword) throw conflict('already-active', `${staff.name} has already set a password.`);
      await this.sendActivation(tx, staff);
      await this.audit.record(tx, { action: 'staff.activation-resent', targetType: 'staff_user', targetId: id });
    });
    return this.get(ctx, id);
  }

  async update(ctx: RequestContext, id: string, changes: Partial<NewStaff> & { enabled?: boolean }): Promise<StaffMemberDto> {
    await ctx.transaction(async (tx) => {
      const staff = await tx.scoped(StaffUser).get({ id }, 'staff member');
      const before = { name: staff.name, email: staff.email, role: staff.role, engagementAccess: staff.engagementAccess, enabled: staff.enabled };
      const next = { ...before };
      if (changes.name !== undefined) next.name = changes.name.trim();
      if (changes.email !== undefined) next.email = changes.email.trim().toLowerCase();
      if (changes.role !== undefined) next.role = changes.role;
      if (changes.engagementAccess !== undefined) next.engagementAccess = changes.engagementAccess;
      if (changes.enabled !== undefined) next.enabled = changes.enabled;
      if (id === tx.actor.id && (next.role !== 'admin' || !next.enabled)) {
        throw conflict('cannot-demote-self', 'You cannot remove your own admin role or disable yourself; ask another admin.');
      }
      if (before.role === 'admin' && before.enabled && (next.role !== 'admin' || !next.enabled)) await this.assertAnotherAdmin(tx, id);
      if (next.email !== before.email) {
        await this.assertEmailFree(tx, next.email, id);
        await tx.manager.getRepository(Credential).update({ firmId: tx.firmId, kind: 'staff', subjectId: id }, { loginEmail: next.email });
        // Links sent to the old address stop working.
        await this.tokens.revoke(tx, 'staff-activation', id, 'login-changed');
        for (const c of (await this.credentials(tx, [id])).values()) await this.tokens.revoke(tx, 'password-reset', c.id, 'login-changed');
      }
      await tx.manager.getRepository(StaffUser).update({ id, firmId: tx.firmId }, next);
      if (next.enabled !== before.enabled) {
        await tx.manager.getRepository(Credential).update({ firmId: tx.firmId, kind: 'staff', subjectId: id }, { enabled: next.enabled });
      }
      if (before.enabled && !next.enabled) {
        await this.sessions.revokeAll(tx, [...(await this.credentials(tx, [id])).values()].map((c) => c.id), 'staff-disabled');
      }
      const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => before[k as keyof typeof before] !== v));
      await this.audit.record(tx, { action: 'staff.updated', targetType: 'staff_user', targetId: id, data: { changed, before } });
    });
    return this.get(ctx, id);
  }

  /** Delete: the member's sessions end at once; the audit log keeps who they were. */
  async remove(ctx: RequestContext, id: string): Promise<void> {
    await ctx.transaction(async (tx) => {
      const staff = await tx.scoped(StaffUser).get({ id }, 'staff member');
      if (id === tx.actor.id) throw conflict('cannot-delete-self', 'You cannot delete your own account; ask another admin.');
      if (staff.role === 'admin' && staff.enabled) await this.assertAnotherAdmin(tx, id);
      const creds = [...(await this.credentials(tx, [id])).values()];
      await this.sessions.revokeAll(tx, creds.map((c) => c.id), 'staff-deleted');
      await this.tokens.revoke(tx, 'staff-activation', id, 'staff-deleted');
      if (creds.length) await tx.manager.getRepository(Credential).delete({ id: In(creds.map((c) => c.id)) });
      await tx.manager.getRepository(StaffUser).delete({ id, firmId: tx.firmId });
      await this.audit.record(tx, { action: 'staff.deleted', targetType: 'staff_user', targetId: id, data: { name: staff.name, email: staff.email, role: staff.role } });
    });
  }

  async sendActivation(ctx: RequestContext, staff: StaffUser): Promise<{ activationUrl: string; expiresAt: Date }> {
    const { token, expiresAt } = await this.tokens.issue(ctx, 'staff-activation', staff.id, ACTIVATION_MS);
    const activationUrl = `${this.firms.portalUrl(ctx.firm!)}/staff/activate?token=${token}`;
    await this.mail.send(ctx, {
      to: staff.email,
      template: 'staff-activation',
      data: { name: staff.name, activationUrl, expiresAt: formatUtc(expiresAt) },
    });
    return { activationUrl, expiresAt };
  }

  private async credentials(ctx: RequestContext, staffIds: string[]): Promise<Map<string, Credential>> {
    if (!staffIds.length) return new Map();
    const rows = await ctx.manager.getRepository(Credential).find({ where: { firmId: ctx.firmId, kind: 'staff', subjectId: In(staffIds) } });
    return new Map(rows.map((c) => [c.subjectId, c]));
  }

  private async assertEmailFree(ctx: RequestContext, email: string, ownId?: string): Promise<void> {
    const taken = await ctx.manager.getRepository(StaffUser).findOne({ where: { firmId: ctx.firmId, email, ...(ownId ? { id: Not(ownId) } : {}) } });
    if (taken) throw conflict('email-taken', `${email} is already a staff member of this firm.`, [{ field: 'email', rule: 'unique', message: 'Another staff member already uses this e-mail' }]);
  }

  private async assertAnotherAdmin(ctx: RequestContext, exceptId: string): Promise<void> {
    const admins = await ctx.manager.getRepository(StaffUser).count({ where: { firmId: ctx.firmId, role: 'admin', enabled: true, id: Not(exceptId) } });
    if (admins === 0) throw new ProblemException(409, 'last-admin', 'The firm must keep at least one enabled admin.');
  }

  private toDto(s: StaffUser, c: Credential | undefined): StaffMemberDto {
    const active = !!c?.passwordHash && !c.mustChangePassword;
    return {
      id: s.id, name: s.name, email: s.email, role: s.role, engagementAccess: s.engagementAccess, enabled: s.enabled,
      status: !s.enabled ? 'disabled' : active || (c?.passwordHash && c.lastSignInAt) ? 'active' : 'pending',
      mfaEnabled: !!c?.mfaEnabledAt, lastSignInAt: c?.lastSignInAt?.toISOString() ?? null, createdAt: s.createdAt.toISOString(),
    };
  }
}
