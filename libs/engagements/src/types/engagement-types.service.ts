import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditLog, ProblemException, conflict, validationFailed, type RequestContext } from '@portico/core';
import { Engagement, EngagementSettings, EngagementType } from '../entities/engagement.entities.js';

/** Seeded once per firm, when it first needs its list (the settings row records that). */
export const DEFAULT_TYPES: Array<[string, string[]]> = [
  ['Tax return', ['Individual', 'Business']],
  ['Bookkeeping', []],
  ['Legal matter', ['Litigation', 'Estate planning']],
  ['Immigration case', ['Family-based', 'Employment-based']],
  ['Project', []],
];

export interface TypeView {
  id: string;
  name: string;
  position: number;
  subtypes: Array<{ id: string; name: string; position: number }>;
}

/** The firm's engagement types and their subtypes (settings, admins edit). */
@Injectable()
export class EngagementTypes {
  constructor(private readonly audit: AuditLog) {}

  /** The firm's settings row; created (with the default types) the first time it is needed. */
  async settings(ctx: RequestContext): Promise<EngagementSettings> {
    const repo = ctx.manager.getRepository(EngagementSettings);
    const found = await repo.findOne({ where: { firmId: ctx.firmId } });
    if (found) return found;
    return ctx.transaction(async (tx) => {
      const r = tx.manager.getRepository(EngagementSettings);
      try {
        await r.insert({ firmId: tx.firmId, clientsMayCompleteTasks: false, typesSeededAt: new Date() });
      } catch (e) {
        // Another request seeded the firm at the same moment: its row (and types) win.
        const other = await r.findOne({ where: { firmId: tx.firmId } });
        if (other) return other;
        throw e;
      }
      const types = tx.manager.getRepository(EngagementType);
      for (const [i, [name, subs]] of DEFAULT_TYPES.entries()) {
        const parent = types.create({ firmId: tx.firmId, parentId: null, name, position: i });
        await types.insert(parent);
        for (const [j, sub] of subs.entries()) await types.insert(types.create({ firmId: tx.firmId, parentId: parent.id, name: sub, position: j }));
      }
      return r.findOneOrFail({ where: { firmId: tx.firmId } });
    });
  }

  async list(ctx: RequestContext): Promise<TypeView[]> {
    await this.settings(ctx);
    const rows = await ctx.scoped(EngagementType).find({}, { position: 'ASC', name: 'ASC' });
    return rows.filter((t) => !t.parentId).map((t) => ({
      id: t.id, name: t.name, position: t.position,
      subtypes: rows.filter((s) => s.parentId === t.id).map((s) => ({ id: s.id, name: s.name, position: s.position })),
    }));
  }

  async create(ctx: RequestContext, input: { name: string; parentId?: string | null; position?: number }): Promise<TypeView[]> {
    await this.settings(ctx);
    await ctx.transaction(async (tx) => {
      const parentId = input.parentId ?? null;
      if (parentId) {
        const parent = await tx.scoped(EngagementType).get({ id: parentId }, 'engagement type');
        if (parent.parentId) throw validationFailed([{ field: 'parentId', rule: 'topLevel', message: 'A subtype belongs to a type, not to another subtype' }]);
      }
      const name = input.name.trim();
      const siblings = await tx.scoped(EngagementType).find({ parentId: parentId ?? IsNull() });
      assertUniqueName(siblings, name);
      const row = tx.scoped(EngagementType).create({
        parentId, name, position: input.position ?? siblings.reduce((max, s) => Math.max(max, s.position + 1), 0),
      });
      await tx.manager.getRepository(EngagementType).insert(row);
      await this.audit.record(tx, { action: 'engagement-type.created', targetType: 'engagement_type', targetId: row.id, data: { name, parentId } });
    });
    return this.list(ctx);
  }

  async update(ctx: RequestContext, id: string, changes: { name?: string; position?: number }): Promise<TypeView[]> {
    await ctx.transaction(async (tx) => {
      const row = await tx.scoped(EngagementType).get({ id }, 'engagement type');
      const next = { name: changes.name?.trim() ?? row.name, position: changes.position ?? row.position };
      if (next.name !== row.name) {
        assertUniqueName((await tx.scoped(EngagementType).find({ parentId: row.parentId ?? IsNull() })).filter((s) => s.id !== id), next.name);
      }
      await tx.manager.getRepository(EngagementType).update({ id, firmId: tx.firmId }, next);
      await this.audit.record(tx, {
        action: 'engagement-type.updated', targetType: 'engagement_type', targetId: id,
        data: { before: { name: row.name, position: row.position }, after: next },
      });
    });
    return this.list(ctx);
  }

  /** Only an unused type (and subtypes) can go; engagements keep theirs otherwise. */
  async remove(ctx: RequestContext, id: string): Promise<void> {
    await ctx.transaction(async (tx) => {
      const row = await tx.scoped(EngagementType).get({ id }, 'engagement type');
      const ids = [id, ...(await tx.scoped(EngagementType).find({ parentId: id })).map((s) => s.id)];
      const qb = tx.manager.getRepository(Engagement).createQueryBuilder('e')
        .where('e.firm_id = :firm', { firm: tx.firmId }).andWhere('e.deleted_at IS NULL')
        .andWhere('(e.type_id IN (:...ids) OR e.subtype_id IN (:...ids))', { ids });
      const inUse = await qb.getCount();
      if (inUse) {
        throw new ProblemException(409, 'type-in-use', `${inUse} engagement(s) use this ${row.parentId ? 'subtype' : 'type'}; change them first.`, undefined, { engagements: inUse });
      }
      await tx.manager.getRepository(EngagementType).delete({ parentId: id, firmId: tx.firmId });
      await tx.manager.getRepository(EngagementType).delete({ id, firmId: tx.firmId });
      await this.audit.record(tx, { action: 'engagement-type.deleted', targetType: 'engagement_type', targetId: id, data: { name: row.name, parentId: row.parentId } });
    });
  }

  /** Type and subtype of an engagement: 404 for an unknown id, 400 when the subtype is not the type's. */
  async assertPair(ctx: RequestContext, typeId: string | null, subtypeId: string | null): Promise<void> {
    if (subtypeId && !typeId) throw validationFailed([{ field: 'typeId', rule: 'required', message: 'Choose the type of the subtype' }]);
    if (typeId) {
      const type = await ctx.scoped(EngagementType).get({ id: typeId }, 'engagement type');
      if (type.parentId) throw validationFailed([{ field: 'typeId', rule: 'topLevel', message: 'This is a subtype; choose it as the subtype' }]);
    }
    if (subtypeId) {
      const sub = await ctx.scoped(EngagementType).get({ id: subtypeId }, 'engagement subtype');
      if (sub.parentId !== typeId) throw validationFailed([{ field: 'subtypeId', rule: 'ofType', message: 'This subtype belongs to another type' }]);
    }
  }

  async setClientsMayCompleteTasks(ctx: RequestContext, value: boolean): Promise<EngagementSettings> {
    const before = await this.settings(ctx);
    await ctx.transaction(async (tx) => {
      await tx.manager.getRepository(EngagementSettings).update({ firmId: tx.firmId }, { clientsMayCompleteTasks: value });
      await this.audit.record(tx, { action: 'engagement-settings.updated', targetType: 'firm', targetId: tx.firmId, data: { clientsMayCompleteTasks: { before: before.clientsMayCompleteTasks, after: value } } });
    });
    return this.settings(ctx);
  }
}

function assertUniqueName(siblings: EngagementType[], name: string): void {
  if (siblings.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    throw conflict('type-exists', `“${name}” already exists here.`, [{ field: 'name', rule: 'unique', message: 'This name is already in the list' }]);
  }
}
