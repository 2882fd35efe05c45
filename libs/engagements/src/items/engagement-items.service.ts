import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditLog, forbidden, notFound, validationFailed, type FieldProblem, type RequestContext } from '@portico/core';
import { Engagement, EngagementItem, type EngagementItemKind } from '../entities/engagement.entities.js';
import { EngagementVisibility } from '../access/engagement-visibility.service.js';
import { EngagementTypes } from '../types/engagement-types.service.js';
import type { ItemDto, NewItemDto, UpdateItemDto } from './engagement-items.dto.js';

/** Notes, tasks and appointments of an engagement, each shared with the client or not. */
@Injectable()
export class EngagementItems {
  constructor(private readonly visibility: EngagementVisibility, private readonly settings: EngagementTypes, private readonly audit: AuditLog) {}

  async list(ctx: RequestContext, engagementId: string): Promise<ItemDto[]> {
    const staff = await this.visibility.staffOf(ctx);
    await this.visibility.get(ctx, staff, engagementId);
    return (await ctx.scoped(EngagementItem).find({ engagementId, deletedAt: IsNull() }, { createdAt: 'ASC', id: 'ASC' })).map(toItemDto);
  }

  async create(ctx: RequestContext, engagementId: string, input: NewItemDto): Promise<ItemDto> {
    const id = await ctx.transaction(async (tx) => {
      const staff = await this.visibility.staffOf(tx);
      await this.visibility.get(tx, staff, engagementId);
      const when = checkKind(input.kind, input);
      const item = tx.scoped(EngagementItem).create({
        engagementId, kind: input.kind, title: input.title.trim(), body: input.body?.trim() || null, ...when,
        doneAt: null, doneByType: null, doneById: null, sharedWithClient: input.sharedWithClient ?? false, createdBy: staff.id, deletedAt: null,
        createdAt: new Date(), // milliseconds: the list is in the order items were added
      });
      await tx.manager.getRepository(EngagementItem).insert(item);
      await this.audit.record(tx, { action: 'engagement-item.created', targetType: 'engagement_item', targetId: item.id, data: { engagementId, kind: item.kind, title: item.title, sharedWithClient: item.sharedWithClient } });
      return item.id;
    });
    return toItemDto(await ctx.scoped(EngagementItem).get({ id }, 'item'));
  }

  async update(ctx: RequestContext, engagementId: string, itemId: string, changes: UpdateItemDto): Promise<ItemDto> {
    await ctx.transaction(async (tx) => {
      const staff = await this.visibility.staffOf(tx);
      await this.visibility.get(tx, staff, engagementId);
      const item = await this.item(tx, engagementId, itemId);
      const merged = {
        dueDate: changes.dueDate === undefined ? item.dueDate : changes.dueDate,
        startsAt: changes.startsAt === undefined ? item.startsAt?.toISOString() ?? null : changes.startsAt,
        endsAt: changes.endsAt === undefined ? item.endsAt?.toISOString() ?? null : changes.endsAt,
      };
      if (changes.done !== undefined && item.kind !== 'task') throw validationFailed([{ field: 'done', rule: 'kind', message: 'Only tasks can be done' }]);
      const next: Partial<EngagementItem> = {
        title: changes.title?.trim() ?? item.title,
        body: changes.body === undefined ? item.body : changes.body?.trim() || null,
        ...checkKind(item.kind, merged),
        sharedWithClient: changes.sharedWithClient ?? item.sharedWithClient,
        ...(changes.done === undefined || changes.done === !!item.doneAt ? {} : doneBy(changes.done, 'staff', staff.id)),
      };
      await tx.manager.getRepository(EngagementItem).update({ id: itemId, firmId: tx.firmId }, next);
      await this.audit.record(tx, { action: 'engagement-item.updated', targetType: 'engagement_item', targetId: itemId, data: { engagementId, changes } });
    });
    return toItemDto(await ctx.scoped(EngagementItem).get({ id: itemId }, 'item'));
  }

  async remove(ctx: RequestContext, engagementId: string, itemId: string): Promise<void> {
    await ctx.transaction(async (tx) => {
      const staff = await this.visibility.staffOf(tx);
      await this.visibility.get(tx, staff, engagementId);
      const item = await this.item(tx, engagementId, itemId);
      await tx.manager.getRepository(EngagementItem).update({ id: itemId, firmId: tx.firmId }, { deletedAt: new Date() });
      await this.audit.record(tx, { action: 'engagement-item.deleted', targetType: 'engagement_item', targetId: itemId, data: { engagementId, kind: item.kind, title: item.title } });
    });
  }

  // ---- the client's side (the engagement is already known to be shared with the client's account)

  async sharedItems(ctx: RequestContext, engagement: Engagement): Promise<ItemDto[]> {
    return (await ctx.scoped(EngagementItem).find({ engagementId: engagement.id, sharedWithClient: true, deletedAt: IsNull() }, { createdAt: 'ASC', id: 'ASC' })).map(toItemDto);
  }

  async sharedItem(ctx: RequestContext, engagement: Engagement, itemId: string): Promise<EngagementItem> {
    const item = await ctx.scoped(EngagementItem).findOne({ id: itemId, engagementId: engagement.id, sharedWithClient: true, deletedAt: IsNull() });
    if (!item) throw notFound('item');
    return item;
  }

  /** A client ticks a shared task, when the firm allows it (403 with the reason otherwise). */
  async clientMarkDone(ctx: RequestContext, engagement: Engagement, itemId: string, contactId: string, done: boolean): Promise<ItemDto> {
    await ctx.transaction(async (tx) => {
      const item = await this.sharedItem(tx, engagement, itemId);
      if (item.kind !== 'task') throw validationFailed([{ field: 'done', rule: 'kind', message: 'Only tasks can be done' }]);
      if (!(await this.settings.settings(tx)).clientsMayCompleteTasks) {
        throw forbidden('clients-may-not-complete-tasks', 'Your firm marks tasks done itself; tell them when this one is finished.');
      }
      if (done === !!item.doneAt) return;
      await tx.manager.getRepository(EngagementItem).update({ id: itemId, firmId: tx.firmId }, doneBy(done, 'client', contactId));
      await this.audit.record(tx, { action: done ? 'engagement-item.done' : 'engagement-item.undone', targetType: 'engagement_item', targetId: itemId, data: { engagementId: engagement.id } });
    });
    return toItemDto(await ctx.scoped(EngagementItem).get({ id: itemId }, 'item'));
  }

  private async item(ctx: RequestContext, engagementId: string, itemId: string): Promise<EngagementItem> {
    const item = await ctx.scoped(EngagementItem).findOne({ id: itemId, engagementId, deletedAt: IsNull() });
    if (!item) throw notFound('item');
    return item;
  }
}

/** The dates that belong to the kind: a task's due date, an appointment's start (required) and end. */
function checkKind(kind: EngagementItemKind, v: { dueDate?: string | null; startsAt?: string | null; endsAt?: string | null }) {
  const errors: FieldProblem[] = [];
  if (kind !== 'task' && v.dueDate) errors.push({ field: 'dueDate', rule: 'kind', message: 'Only tasks have a due date' });
  if (kind !== 'appointment' && (v.startsAt || v.endsAt)) errors.push({ field: v.startsAt ? 'startsAt' : 'endsAt', rule: 'kind', message: 'Only appointments have a start and end' });
  if (kind === 'appointment' && !v.startsAt) errors.push({ field: 'startsAt', rule: 'required', message: 'An appointment needs a start' });
  const startsAt = v.startsAt ? new Date(v.startsAt) : null;
  const endsAt = v.endsAt ? new Date(v.endsAt) : null;
  if (startsAt && endsAt && endsAt < startsAt) errors.push({ field: 'endsAt', rule: 'afterStart', message: 'The end must not be before the start' });
  if (errors.length) throw validationFailed(errors);
  return { dueDate: kind === 'task' ? v.dueDate ?? null : null, startsAt, endsAt };
}

function doneBy(done: boolean, type: 'staff' | 'client', id: string): Partial<EngagementItem> {
  return done ? { doneAt: new Date(), doneByType: type, doneById: id } : { doneAt: null, doneByType: null, doneById: null };
}

function toItemDto(i: EngagementItem): ItemDto {
  return {
    id: i.id, kind: i.kind, title: i.title, body: i.body, dueDate: i.dueDate,
    startsAt: i.startsAt?.toISOString() ?? null, endsAt: i.endsAt?.toISOString() ?? null,
    done: !!i.doneAt, doneAt: i.doneAt?.toISOString() ?? null, doneBy: i.doneByType, sharedWithClient: i.sharedWithClient,
    createdAt: i.createdAt.toISOString(), updatedAt: i.updatedAt.toISOString(),
  };
}
