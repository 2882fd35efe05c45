import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditLog, ProblemException, validationFailed, type FieldProblem, type RequestContext } from '@portico/core';
import { ClientAccount, ClientsService, Contact, ContactEmail, Credential, Invitations, StaffUser } from '@portico/identity';
import {
  Engagement, EngagementCustomField, EngagementParty, EngagementStaff, EngagementType, type EngagementStatus,
} from '../entities/engagement.entities.js';
import { EngagementVisibility } from '../access/engagement-visibility.service.js';
import { EngagementTypes } from '../types/engagement-types.service.js';
import type {
  CreateEngagementDto, CustomFieldInputDto, EngagementCreatedDto, EngagementDetailDto, EngagementPageDto, EngagementSummaryDto,
  PartyInputDto, PartyRefDto, UpdateEngagementDto, WaitingForInvitationDto, WaitingPartyDto,
} from './engagements.dto.js';

export interface EngagementQuery {
  q?: string;
  accountId?: string;
  status?: EngagementStatus;
  typeId?: string;
  offset?: number;
  limit?: number;
}

/** Engagements on the staff side: list, create (with the invitation and share options), edit, delete, waiting for invitation. */
@Injectable()
export class EngagementsService {
  constructor(
    private readonly visibility: EngagementVisibility,
    private readonly types: EngagementTypes,
    private readonly clients: ClientsService,
    private readonly invitations: Invitations,
    private readonly audit: AuditLog,
  ) {}

  async list(ctx: RequestContext, query: EngagementQuery): Promise<EngagementPageDto> {
    const staff = await this.visibility.staffOf(ctx);
    const qb = ctx.manager.getRepository(Engagement).createQueryBuilder('e')
      .where('e.firm_id = :firm', { firm: ctx.firmId }).andWhere('e.deleted_at IS NULL');
    this.visibility.restrict(qb, 'e', staff);
    if (query.accountId) qb.andWhere('e.account_id = :account', { account: query.accountId });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.typeId) qb.andWhere('(e.type_id = :type OR e.subtype_id = :type)', { type: query.typeId });
    if (query.q?.trim()) {
      qb.andWhere(
        `(LOWER(e.name) LIKE :q ESCAPE '!' OR EXISTS (SELECT 1 FROM client_account a WHERE a.id = e.account_id AND LOWER(a.name) LIKE :q ESCAPE '!'))`,
        { q: `%${likeEscape(query.q.trim().toLowerCase())}%` },
      );
    }
    const total = await qb.getCount();
    const rows = await qb.orderBy('e.updated_at', 'DESC').addOrderBy('e.id', 'ASC')
      .offset(query.offset ?? 0).limit(Math.min(query.limit ?? 50, 200)).getMany();
    return { items: await this.summaries(ctx, rows), total };
  }

  async get(ctx: RequestContext, id: string): Promise<EngagementDetailDto> {
    const staff = await this.visibility.staffOf(ctx);
    return this.detail(ctx, await this.visibility.get(ctx, staff, id));
  }

  /**
   * One transaction: the account (existing or new), new contacts, the engagement with its
   * parties, access list and custom fields, and — only when asked — the share and the
   * portal invitations. An invitation that cannot be sent becomes a warning, not a failure.
   */
  async create(ctx: RequestContext, input: CreateEngagementDto): Promise<EngagementCreatedDto> {
    const warnings: string[] = [];
    const invited: string[] = [];
    const id = await ctx.transaction(async (tx) => {
      const staff = await this.visibility.staffOf(tx);
      if (!!input.accountId === !!input.newAccount) {
        throw validationFailed([{ field: 'accountId', rule: 'oneOf', message: 'Choose an existing client account or create a new one (not both)' }]);
      }
      const accountId = input.accountId
        ? (await tx.scoped(ClientAccount).get({ id: input.accountId }, 'client account')).id
        : (await this.clients.createAccount(tx, { name: input.newAccount!.name, kind: input.newAccount!.kind, contacts: [] })).id;
      await this.types.settings(tx);
      await this.types.assertPair(tx, input.typeId ?? null, input.subtypeId ?? null);
      const staffIds = await this.checkStaff(tx, input.staffIds ?? []);
      if (staff.role !== 'admin' && !staffIds.includes(staff.id)) staffIds.push(staff.id); // the creator keeps sight of it
      const customFields = checkCustomFields(input.customFields ?? []);
      const parties = await this.resolveParties(tx, accountId, input.parties ?? [], warnings);

      const engagement = tx.scoped(Engagement).create({
        accountId, name: input.name.trim(), typeId: input.typeId ?? null, subtypeId: input.subtypeId ?? null, status: input.status ?? 'open',
        expectedCompletion: input.expectedCompletion ?? null, description: input.description?.trim() || null,
        restricted: input.restricted ?? false, sharedWithClient: input.shareWithClient ?? false, createdBy: staff.id, deletedAt: null, deletedBy: null,
      });
      await tx.manager.getRepository(Engagement).insert(engagement);
      await this.replaceStaff(tx, engagement.id, staffIds);
      await this.replaceParties(tx, engagement.id, parties);
      await this.replaceCustomFields(tx, engagement.id, customFields);
      await this.audit.record(tx, {
        action: 'engagement.created', targetType: 'engagement', targetId: engagement.id,
        data: {
          name: engagement.name, accountId, status: engagement.status, restricted: engagement.restricted, sharedWithClient: engagement.sharedWithClient,
          parties: parties.map((p) => ({ contactId: p.contactId, role: p.role })), staffIds, sendInvitation: !!input.sendInvitation,
        },
      });
      if (input.sendInvitation) invited.push(...(await this.inviteParties(tx, parties.map((p) => p.contactId), warnings)));
      return engagement.id;
    });
    const engagement = await ctx.scoped(Engagement).get({ id }, 'engagement');
    return { ...(await this.detail(ctx, engagement)), warnings: [...new Set(warnings)], invited };
  }

  async update(ctx: RequestContext, id: string, changes: UpdateEngagementDto): Promise<EngagementDetailDto> {
    await ctx.transaction(async (tx) => {
      const staff = await this.visibility.staffOf(tx);
      const e = await this.visibility.get(tx, staff, id);
      const typeId = changes.typeId === undefined ? e.typeId : changes.typeId;
      // A new type clears the subtype unless one is given with it.
      const subtypeId = changes.subtypeId !== undefined ? changes.subtypeId : typeId === e.typeId ? e.subtypeId : null;
      if (changes.typeId !== undefined || changes.subtypeId !== undefined) await this.types.assertPair(tx, typeId, subtypeId);
      const before = scalars(e);
      const next = {
        name: changes.name?.trim() ?? e.name, typeId, subtypeId, status: changes.status ?? e.status,
        expectedCompletion: changes.expectedCompletion === undefined ? e.expectedCompletion : changes.expectedCompletion,
        description: changes.description === undefined ? e.description : changes.description?.trim() || null,
        restricted: changes.restricted ?? e.restricted, sharedWithClient: changes.sharedWithClient ?? e.sharedWithClient,
      };
      await tx.manager.getRepository(Engagement).update({ id, firmId: tx.firmId }, next);
      const data: Record<string, unknown> = { before: changed(before, next, true), after: changed(before, next, false) };
      if (changes.staffIds) {
        const staffIds = await this.checkStaff(tx, changes.staffIds);
        await this.replaceStaff(tx, id, staffIds);
        data.staffIds = staffIds;
      }
      if (changes.parties) {
        const parties = await this.resolveParties(tx, e.accountId, changes.parties, []);
        await this.replaceParties(tx, id, parties);
        data.parties = parties;
      }
      if (changes.customFields) {
        await this.replaceCustomFields(tx, id, checkCustomFields(changes.customFields));
        data.customFields = changes.customFields.map((f) => f.name.trim());
      }
      await this.audit.record(tx, { action: 'engagement.updated', targetType: 'engagement', targetId: id, data });
    });
    return this.detail(ctx, await ctx.scoped(Engagement).get({ id }, 'engagement'));
  }

  /** Soft delete: a tombstone stays (name, dates, who deleted); nobody sees the engagement any more. */
  async remove(ctx: RequestContext, id: string): Promise<void> {
    await ctx.transaction(async (tx) => {
      const staff = await this.visibility.staffOf(tx);
      const e = await this.visibility.get(tx, staff, id);
      await tx.manager.getRepository(Engagement).update({ id, firmId: tx.firmId }, { deletedAt: new Date(), deletedBy: staff.id });
      await this.audit.record(tx, { action: 'engagement.deleted', targetType: 'engagement', targetId: id, data: { name: e.name, accountId: e.accountId } });
    });
  }

  /** Parties without active portal access, and what applies to each; portal users only need the share. */
  async waitingForInvitation(ctx: RequestContext, id: string): Promise<WaitingForInvitationDto> {
    const staff = await this.visibility.staffOf(ctx);
    const e = await this.visibility.get(ctx, staff, id);
    const parties = await ctx.scoped(EngagementParty).find({ engagementId: id }, { position: 'ASC' });
    const ids = parties.map((p) => p.contactId);
    const contacts = new Map((ids.length ? await ctx.scoped(Contact).find({ id: In(ids) }) : []).map((c) => [c.id, c]));
    const creds = new Map((ids.length ? await ctx.manager.getRepository(Credential).find({ where: { firmId: ctx.firmId, kind: 'client', subjectId: In(ids) } }) : []).map((c) => [c.subjectId, c]));
    const emails = ids.length ? await ctx.scoped(ContactEmail).find({ contactId: In(ids) }, { position: 'ASC' }) : [];
    const waiting: WaitingPartyDto[] = [];
    const needShareOnly: WaitingForInvitationDto['needShareOnly'] = [];
    for (const p of parties) {
      const c = contacts.get(p.contactId);
      if (!c) continue;
      const cred = creds.get(c.id);
      const expired = c.portalStatus === 'invited' && !!c.invitationExpiresAt && c.invitationExpiresAt.getTime() <= Date.now();
      const addresses = emails.filter((m) => m.contactId === c.id).map((m) => m.address);
      if (cred?.enabled && cred.verifiedAt) {
        if (!e.sharedWithClient) needShareOnly.push({ contactId: c.id, firstName: c.firstName, lastName: c.lastName });
        continue;
      }
      if (c.portalStatus === 'invited' && !expired) continue; // invited: waiting for the client, not for the firm
      const status = c.portalStatus === 'verified' ? 'disabled' : c.portalStatus; // a verified contact without enabled access is disabled
      const needsEmail = status !== 'disabled' && !addresses.length && !cred;
      const actions: WaitingPartyDto['actions'] = status === 'disabled' ? ['enable']
        : needsEmail ? []
        : status === 'invited' ? ['resend-invitation', 'temporary-password']
        : ['invite', 'temporary-password'];
      waiting.push({
        contactId: c.id, firstName: c.firstName, lastName: c.lastName, role: p.role, portalStatus: status as WaitingPartyDto['portalStatus'],
        invitationExpired: expired, emails: addresses, actions, needsEmail,
      });
    }
    return { sharedWithClient: e.sharedWithClient, parties: waiting, needShareOnly };
  }

  // ---- parts ------------------------------------------------------------------------------

  private async checkStaff(ctx: RequestContext, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    for (const id of unique) await ctx.scoped(StaffUser).get({ id }, 'staff member');
    return unique;
  }

  private async resolveParties(
    ctx: RequestContext, accountId: string, input: Array<PartyInputDto | PartyRefDto>, warnings: string[],
  ): Promise<Array<{ contactId: string; role: string | null }>> {
    const errors: FieldProblem[] = [];
    for (const [i, p] of input.entries()) {
      const fresh = 'newContact' in p ? p.newContact : undefined;
      if (!!p.contactId === !!fresh) errors.push({ field: `parties.${i}.contactId`, rule: 'oneOf', message: 'Choose an existing contact or give a new one (not both)' });
    }
    if (errors.length) throw validationFailed(errors);
    const out: Array<{ contactId: string; role: string | null }> = [];
    for (const [i, p] of input.entries()) {
      const role = p.role?.trim() || null;
      const fresh = 'newContact' in p ? p.newContact : undefined;
      if (fresh) {
        const email = fresh.email?.trim().toLowerCase() || null;
        const created = await this.clients.createContact(ctx, accountId, {
          firstName: fresh.firstName, lastName: fresh.lastName, emails: email ? [{ address: email }] : [],
        });
        if (!email) warnings.push(`${created.firstName} ${created.lastName} has no e-mail; the portal will need one.`);
        out.push({ contactId: created.id, role });
        continue;
      }
      const contact = await ctx.scoped(Contact).get({ id: p.contactId! }, 'contact');
      if (contact.accountId !== accountId) {
        errors.push({ field: `parties.${i}.contactId`, rule: 'sameAccount', message: 'This contact belongs to another client account' });
      } else if (out.some((o) => o.contactId === contact.id)) {
        errors.push({ field: `parties.${i}.contactId`, rule: 'unique', message: 'This contact is listed twice' });
      } else {
        out.push({ contactId: contact.id, role });
      }
    }
    if (errors.length) throw validationFailed(errors);
    return out;
  }

  /** Invite (first e-mail) the parties who never had access, resend lapsed invitations; the rest become warnings. */
  private async inviteParties(ctx: RequestContext, contactIds: string[], warnings: string[]): Promise<string[]> {
    const invited: string[] = [];
    for (const contactId of contactIds) {
      const contact = await ctx.scoped(Contact).get({ id: contactId }, 'contact');
      const who = `${contact.firstName} ${contact.lastName}`;
      const credential = await this.invitations.credentialOf(ctx, contactId);
      if (credential?.enabled && credential.verifiedAt) continue;
      if (credential && !credential.enabled) {
        warnings.push(`${who}’s portal access is disabled; enable it so that they can see what is shared.`);
        continue;
      }
      const expired = contact.portalStatus === 'invited' && !!contact.invitationExpiresAt && contact.invitationExpiresAt.getTime() <= Date.now();
      if (contact.portalStatus === 'invited' && !expired) continue; // a live invitation is on its way already
      try {
        if (credential) {
          await this.invitations.resend(ctx, contactId);
        } else {
          const first = await ctx.scoped(ContactEmail).find({ contactId }, { position: 'ASC' });
          if (!first.length) {
            warnings.push(`${who} has no e-mail; the portal will need one.`);
            continue;
          }
          await this.invitations.invite(ctx, contactId, first[0].address);
        }
        invited.push(contactId);
      } catch (e) {
        if (!(e instanceof ProblemException)) throw e;
        warnings.push(`${who} was not invited: ${e.message}`);
      }
    }
    return invited;
  }

  private async replaceStaff(ctx: RequestContext, engagementId: string, staffIds: string[]): Promise<void> {
    const repo = ctx.manager.getRepository(EngagementStaff);
    await repo.delete({ engagementId });
    if (staffIds.length) await repo.insert(staffIds.map((staffId) => ({ engagementId, staffId })));
  }

  private async replaceParties(ctx: RequestContext, engagementId: string, parties: Array<{ contactId: string; role: string | null }>): Promise<void> {
    const repo = ctx.manager.getRepository(EngagementParty);
    await repo.delete({ engagementId, firmId: ctx.firmId });
    for (const [position, p] of parties.entries()) await repo.insert(ctx.scoped(EngagementParty).create({ engagementId, contactId: p.contactId, role: p.role, position }));
  }

  private async replaceCustomFields(ctx: RequestContext, engagementId: string, fields: Array<{ name: string; value: string; showToClient: boolean }>): Promise<void> {
    const repo = ctx.manager.getRepository(EngagementCustomField);
    await repo.delete({ engagementId, firmId: ctx.firmId });
    for (const [position, f] of fields.entries()) await repo.insert(ctx.scoped(EngagementCustomField).create({ engagementId, ...f, position }));
  }

  // ---- views ------------------------------------------------------------------------------

  private async summaries(ctx: RequestContext, rows: Engagement[]): Promise<EngagementSummaryDto[]> {
    if (!rows.length) return [];
    const accounts = new Map((await ctx.scoped(ClientAccount).find({ id: In([...new Set(rows.map((e) => e.accountId))]) })).map((a) => [a.id, a.name]));
    const typeIds = [...new Set(rows.flatMap((e) => [e.typeId, e.subtypeId]).filter((t): t is string => !!t))];
    const types = new Map((typeIds.length ? await ctx.scoped(EngagementType).find({ id: In(typeIds) }) : []).map((t) => [t.id, t.name]));
    return rows.map((e) => ({
      id: e.id, name: e.name, accountId: e.accountId, accountName: accounts.get(e.accountId) ?? '',
      typeId: e.typeId, typeName: e.typeId ? types.get(e.typeId) ?? null : null, subtypeId: e.subtypeId, subtypeName: e.subtypeId ? types.get(e.subtypeId) ?? null : null,
      status: e.status as EngagementStatus, expectedCompletion: e.expectedCompletion, restricted: e.restricted, sharedWithClient: e.sharedWithClient,
      createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString(),
    }));
  }

  private async detail(ctx: RequestContext, e: Engagement): Promise<EngagementDetailDto> {
    const [summary] = await this.summaries(ctx, [e]);
    const parties = await ctx.scoped(EngagementParty).find({ engagementId: e.id }, { position: 'ASC' });
    const contacts = new Map((parties.length ? await ctx.scoped(Contact).find({ id: In(parties.map((p) => p.contactId)) }) : []).map((c) => [c.id, c]));
    const staffIds = (await ctx.manager.getRepository(EngagementStaff).find({ where: { engagementId: e.id } })).map((s) => s.staffId);
    const staff = staffIds.length ? await ctx.scoped(StaffUser).find({ id: In(staffIds) }, { name: 'ASC' }) : [];
    const fields = await ctx.scoped(EngagementCustomField).find({ engagementId: e.id }, { position: 'ASC' });
    return {
      ...summary,
      description: e.description,
      parties: parties.filter((p) => contacts.has(p.contactId)).map((p) => {
        const c = contacts.get(p.contactId)!;
        return { contactId: c.id, firstName: c.firstName, lastName: c.lastName, role: p.role, portalStatus: c.portalStatus };
      }),
      staff: staff.map((s) => ({ id: s.id, name: s.name })),
      customFields: fields.map((f) => ({ name: f.name, value: f.value, showToClient: f.showToClient })),
    };
  }
}

function checkCustomFields(fields: CustomFieldInputDto[]): Array<{ name: string; value: string; showToClient: boolean }> {
  const seen = new Set<string>();
  const errors: FieldProblem[] = [];
  const out = fields.map((f, i) => {
    const name = f.name.trim();
    if (seen.has(name.toLowerCase())) errors.push({ field: `customFields.${i}.name`, rule: 'unique', message: 'This field name is listed twice' });
    seen.add(name.toLowerCase());
    return { name, value: f.value, showToClient: f.showToClient ?? false };
  });
  if (errors.length) throw validationFailed(errors);
  return out;
}

function scalars(e: Engagement) {
  return {
    name: e.name, typeId: e.typeId, subtypeId: e.subtypeId, status: e.status, expectedCompletion: e.expectedCompletion,
    description: e.description, restricted: e.restricted, sharedWithClient: e.sharedWithClient,
  };
}

/** The fields whose value changed, as they were (`before`) or are now. */
function changed(before: Record<string, unknown>, after: Record<string, unknown>, old: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(after)) if (before[k] !== after[k]) out[k] = old ? before[k] : after[k];
  return out;
}

function likeEscape(s: string): string {
  return s.replace(/[!%_]/g, (m) => `!${m}`);
}
