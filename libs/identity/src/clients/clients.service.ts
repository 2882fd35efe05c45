import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditLog, validationFailed, type RequestContext } from '@portico/core';
import { ClientAccount, Contact, ContactEmail, Credential, StaffUser, type ClientAccountKind, type PortalStatus } from '../entities/index.js';
import type { AccountDetailDto, AccountDto, ContactDto, ContactFields } from './clients.dto.js';

export interface ContactQuery {
  q?: string;
  portalStatus?: PortalStatus;
  accountId?: string;
  includeHidden?: boolean;
  offset?: number;
  limit?: number;
}

/** Client accounts and their contacts (staff side). */
@Injectable()
export class ClientsService {
  constructor(private readonly audit: AuditLog) {}

  async listAccounts(ctx: RequestContext, q?: string): Promise<AccountDto[]> {
    const qb = ctx.manager.getRepository(ClientAccount).createQueryBuilder('a').where('a.firm_id = :firm', { firm: ctx.firmId });
    if (q?.trim()) qb.andWhere("LOWER(a.name) LIKE :q ESCAPE '!'", { q: `%${likeEscape(q.trim().toLowerCase())}%` });
    const accounts = await qb.orderBy('a.name', 'ASC').limit(500).getMany();
    const counts = await this.contactCounts(ctx, accounts.map((a) => a.id));
    return accounts.map((a) => toAccountDto(a, counts.get(a.id) ?? 0));
  }

  async getAccount(ctx: RequestContext, id: string): Promise<AccountDetailDto> {
    const account = await ctx.scoped(ClientAccount).get({ id }, 'client account');
    const contacts = await this.searchContacts(ctx, { accountId: id, includeHidden: true, limit: 200 });
    return { ...toAccountDto(account, contacts.total), contacts: contacts.items };
  }

  async createAccount(ctx: RequestContext, input: { name: string; kind: ClientAccountKind; assignedStaffId?: string | null; contacts?: ContactFields[] }): Promise<AccountDetailDto> {
    const id = await ctx.transaction(async (tx) => {
      if (input.assignedStaffId) await tx.scoped(StaffUser).get({ id: input.assignedStaffId }, 'staff member');
      const account = tx.scoped(ClientAccount).create({ name: input.name.trim(), kind: input.kind, assignedStaffId: input.assignedStaffId ?? null });
      await tx.manager.getRepository(ClientAccount).insert(account);
      await this.audit.record(tx, { action: 'client-account.created', targetType: 'client_account', targetId: account.id, data: { name: account.name, kind: account.kind } });
      for (const [i, c] of (input.contacts ?? []).entries()) await this.insertContact(tx, account.id, c, `contacts.${i}.`);
      return account.id;
    });
    return this.getAccount(ctx, id);
  }

  async updateAccount(ctx: RequestContext, id: string, changes: { name?: string; kind?: ClientAccountKind; assignedStaffId?: string | null }): Promise<AccountDetailDto> {
    await ctx.transaction(async (tx) => {
      const account = await tx.scoped(ClientAccount).get({ id }, 'client account');
      if (changes.assignedStaffId) await tx.scoped(StaffUser).get({ id: changes.assignedStaffId }, 'staff member');
      const next = {
        name: changes.name?.trim() ?? account.name,
        kind: changes.kind ?? account.kind,
        assignedStaffId: changes.assignedStaffId === undefined ? account.assignedStaffId : changes.assignedStaffId,
      };
      await tx.manager.getRepository(ClientAccount).update({ id, firmId: tx.firmId }, next);
      await this.audit.record(tx, { action: 'client-account.updated', targetType: 'client_account', targetId: id, data: { before: { name: account.name, kind: account.kind, assignedStaffId: account.assignedStaffId }, after: next } });
    });
    return this.getAccount(ctx, id);
  }

  async searchContacts(ctx: RequestContext, query: ContactQuery): Promise<{ items: ContactDto[]; total: number }> {
    const qb = ctx.manager.getRepository(Contact).createQueryBuilder('c').where('c.firm_id = :firm', { firm: ctx.firmId });
    if (!query.includeHidden) qb.andWhere('c.hidden = :hidden', { hidden: false });
    if (query.accountId) qb.andWhere('c.account_id = :account', { account: query.accountId });
    if (query.portalStatus) qb.andWhere('c.portal_status = :status', { status: query.portalStatus });
    if (query.q?.trim()) {
      const q = `%${likeEscape(query.q.trim().toLowerCase())}%`;
      qb.andWhere(
        `(LOWER(c.first_name) LIKE :q ESCAPE '!' OR LOWER(c.last_name) LIKE :q ESCAPE '!' OR LOWER(${concat(ctx, 'c.first_name', "' '", 'c.last_name')}) LIKE :q ESCAPE '!'
          OR EXISTS (SELECT 1 FROM contact_email e WHERE e.contact_id = c.id AND e.address LIKE :q ESCAPE '!')
          OR EXISTS (SELECT 1 FROM client_account a WHERE a.id = c.account_id AND LOWER(a.name) LIKE :q ESCAPE '!'))`,
        { q },
      );
    }
    const total = await qb.getCount();
    const rows = await qb.orderBy('c.last_name', 'ASC').addOrderBy('c.first_name', 'ASC').addOrderBy('c.id', 'ASC')
      .offset(query.offset ?? 0).limit(Math.min(query.limit ?? 50, 200)).getMany();
    return { items: await this.toContactDtos(ctx, rows), total };
  }

  async getContact(ctx: RequestContext, id: string): Promise<ContactDto> {
    const contact = await ctx.scoped(Contact).get({ id }, 'contact');
    return (await this.toContactDtos(ctx, [contact]))[0];
  }

  async createContact(ctx: RequestContext, accountId: string, input: ContactFields): Promise<ContactDto> {
    const id = await ctx.transaction(async (tx) => {
      await tx.scoped(ClientAccount).get({ id: accountId }, 'client account');
      return this.insertContact(tx, accountId, input, '');
    });
    return this.getContact(ctx, id);
  }

  /** Editing addresses never changes the login name (that is its own, verified action). */
  async updateContact(ctx: RequestContext, id: string, changes: Partial<ContactFields>): Promise<ContactDto> {
    await ctx.transaction(async (tx) => {
      const contact = await tx.scoped(Contact).get({ id }, 'contact');
      const next = {
        firstName: changes.firstName?.trim() ?? contact.firstName,
        lastName: changes.lastName?.trim() ?? contact.lastName,
        hidden: changes.hidden ?? contact.hidden,
        customFields: changes.customFields ? JSON.stringify(cleanCustom(changes.customFields)) : contact.customFields,
      };
      await tx.manager.getRepository(Contact).update({ id, firmId: tx.firmId }, next);
      if (changes.emails) await this.replaceEmails(tx, id, changes.emails, 'emails.');
      await this.audit.record(tx, {
        action: 'contact.updated', targetType: 'contact', targetId: id,
        data: { before: { firstName: contact.firstName, lastName: contact.lastName, hidden: contact.hidden }, after: { firstName: next.firstName, lastName: next.lastName, hidden: next.hidden }, emails: changes.emails?.map((e) => e.address) },
      });
    });
    return this.getContact(ctx, id);
  }

  private async insertContact(ctx: RequestContext, accountId: string, input: ContactFields, prefix: string): Promise<string> {
    const contact = ctx.scoped(Contact).create({
      accountId, firstName: input.firstName.trim(), lastName: input.lastName.trim(), hidden: input.hidden ?? false,
      customFields: input.customFields ? JSON.stringify(cleanCustom(input.customFields)) : null, portalStatus: 'none', invitationExpiresAt: null,
    });
    await ctx.manager.getRepository(Contact).insert(contact);
    await this.replaceEmails(ctx, contact.id, input.emails ?? [], `${prefix}emails.`);
    await this.audit.record(ctx, { action: 'contact.created', targetType: 'contact', targetId: contact.id, data: { firstName: contact.firstName, lastName: contact.lastName, accountId } });
    return contact.id;
  }

  private async replaceEmails(ctx: RequestContext, contactId: string, emails: Array<{ address: string; label?: string | null }>, prefix: string): Promise<void> {
    const seen = new Set<string>();
    const errors = [];
    for (const [i, e] of emails.entries()) {
      const a = e.address.trim().toLowerCase();
      if (seen.has(a)) errors.push({ field: `${prefix}${i}.address`, rule: 'unique', message: 'This address is listed twice' });
      seen.add(a);
    }
    if (errors.length) throw validationFailed(errors);
    const repo = ctx.manager.getRepository(ContactEmail);
    await repo.delete({ contactId, firmId: ctx.firmId });
    if (emails.length) {
      await repo.insert(emails.map((e, position) => ({ firmId: ctx.firmId, contactId, address: e.address.trim().toLowerCase(), label: e.label?.trim() || null, position })));
    }
  }

  private async toContactDtos(ctx: RequestContext, contacts: Contact[]): Promise<ContactDto[]> {
    if (!contacts.length) return [];
    const ids = contacts.map((c) => c.id);
    const emails = await ctx.manager.getRepository(ContactEmail).find({ where: { firmId: ctx.firmId, contactId: In(ids) }, order: { position: 'ASC' } });
    const creds = await ctx.manager.getRepository(Credential).find({ where: { firmId: ctx.firmId, kind: 'client', subjectId: In(ids) } });
    const accounts = await ctx.manager.getRepository(ClientAccount).find({ where: { firmId: ctx.firmId, id: In([...new Set(contacts.map((c) => c.accountId))]) } });
    const accountName = new Map(accounts.map((a) => [a.id, a.name]));
    const cred = new Map(creds.map((c) => [c.subjectId, c]));
    return contacts.map((c) => ({
      id: c.id, accountId: c.accountId, accountName: accountName.get(c.accountId) ?? '', firstName: c.firstName, lastName: c.lastName,
      emails: emails.filter((e) => e.contactId === c.id).map((e) => ({ address: e.address, label: e.label })),
      hidden: c.hidden, customFields: c.customFields ? JSON.parse(c.customFields) : {},
      portalStatus: c.portalStatus, verified: !!cred.get(c.id)?.verifiedAt,
      invitationExpired: c.portalStatus === 'invited' && !!c.invitationExpiresAt && c.invitationExpiresAt.getTime() <= Date.now(),
      loginEmail: cred.get(c.id)?.loginEmail ?? null, updatedAt: c.updatedAt.toISOString(),
    }));
  }

  private async contactCounts(ctx: RequestContext, accountIds: string[]): Promise<Map<string, number>> {
    if (!accountIds.length) return new Map();
    const rows: Array<{ account_id: string; n: string | number }> = await ctx.manager.getRepository(Contact).createQueryBuilder('c')
      .select('c.account_id', 'account_id').addSelect('COUNT(*)', 'n').where('c.firm_id = :firm', { firm: ctx.firmId })
      .andWhere('c.account_id IN (:...ids)', { ids: accountIds }).groupBy('c.account_id').getRawMany();
    return new Map(rows.map((r) => [r.account_id, Number(r.n)]));
  }
}

function toAccountDto(a: ClientAccount, contactCount: number): AccountDto {
  return { id: a.id, name: a.name, kind: a.kind, assignedStaffId: a.assignedStaffId, contactCount, createdAt: a.createdAt.toISOString() };
}

function likeEscape(s: string): string {
  return s.replace(/[!%_]/g, (m) => `!${m}`);
}

function concat(ctx: RequestContext, ...parts: string[]): string {
  return ctx.manager.connection.options.type === 'better-sqlite3' ? parts.join(' || ') : `CONCAT(${parts.join(', ')})`;
}

function cleanCustom(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    const key = k.trim().slice(0, 60);
    if (!key) continue;
    out[key] = v === null || v === undefined ? '' : String(v).slice(0, 2000);
  }
  return out;
}
