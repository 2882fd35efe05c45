import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, IsNull, LessThanOrEqual, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { AuditLog, Firm, JobHandler, JobQueue, RequestContext, TenantStorage, Task, defineJob, type JobHandlerInstance, type ScheduledTask } from '@portico/core';
import { DEFAULT_RETENTION_DAYS, Document, DocumentSettings, EngagementRetention } from '../entities/document.entities.js';
import { DocumentAccess } from '../access/document-access.service.js';
import type { EngagementRetentionDto, RetentionPreviewItemDto, UpdateEngagementRetentionDto } from '../documents/documents.dto.js';

const DAY = 24 * 60 * 60 * 1000;
/** Documents per purge job, and jobs per firm per tick (the next tick takes the rest). */
export const PURGE_BATCH = 100;
const BATCHES_PER_TICK = 20;
export const RETENTION_REASON = 'removed by retention';

export const PurgeDocumentsJob = defineJob<{ firmId: string; ids: string[] }>('documents.purge', { attempts: 5, backoffMs: 10_000 });

/** A document due for removal and when it is due. */
interface Due {
  doc: Document;
  removeAt: Date;
}

/**
 * Retention: a document goes `days` after its upload date, `days` being its engagement's
 * override or else the firm's (0 = keep); a legal hold on the document or its engagement
 * keeps it. Removal deletes the blob and turns the row into a tombstone "removed by retention".
 */
@Injectable()
export class DocumentRetention {
  private readonly log = new Logger('DocumentRetention');

  constructor(private readonly access: DocumentAccess, private readonly storage: TenantStorage, private readonly audit: AuditLog) {}

  /** Live blobs whose removal date is at or before `until`, oldest first, at most `limit`. */
  async due(manager: EntityManager, firmId: string, until: Date, limit: number): Promise<Due[]> {
    const settings = await manager.getRepository(DocumentSettings).findOne({ where: { firmId } });
    const firmDays = settings?.retentionDays ?? DEFAULT_RETENTION_DAYS;
    const rules = await manager.getRepository(EngagementRetention).find({ where: { firmId } });
    const special = rules.filter((r) => r.legalHold || r.retentionDays !== null);
    const base: FindOptionsWhere<Document> = { firmId, blobRemovedAt: IsNull(), legalHold: false };
    const found: Due[] = [];
    const take = async (where: FindOptionsWhere<Document>[], days: number) => {
      if (days <= 0) return;
      const rows = await manager.getRepository(Document).find({
        where: where.map((w) => ({ ...base, ...w, uploadedAt: LessThanOrEqual(new Date(until.getTime() - days * DAY)) })), order: { uploadedAt: 'ASC', id: 'ASC' }, take: limit,
      });
      found.push(...rows.map((doc) => ({ doc, removeAt: new Date(doc.uploadedAt.getTime() + days * DAY) })));
    };
    // The firm's days: outside engagements, and in engagements without their own rule.
    await take([{ engagementId: IsNull() }, { engagementId: special.length ? Not(In(special.map((r) => r.engagementId))) : Not(IsNull()) }], firmDays);
    // Each override (no hold).
    const byDays = new Map<number, string[]>();
    for (const r of special) if (!r.legalHold && r.retentionDays !== null) byDays.set(r.retentionDays, [...(byDays.get(r.retentionDays) ?? []), r.engagementId]);
    for (const [days, ids] of byDays) await take([{ engagementId: In(ids) }], days);
    return found.sort((a, b) => a.removeAt.getTime() - b.removeAt.getTime() || a.doc.id.localeCompare(b.doc.id)).slice(0, limit);
  }

  /** The one document, if its removal date has come and nothing holds it. */
  async dueOne(manager: EntityManager, firmId: string, id: string, now: Date): Promise<Due | null> {
    const doc = await manager.getRepository(Document).findOne({ where: { id, firmId, blobRemovedAt: IsNull(), legalHold: false } });
    if (!doc) return null;
    const rule = doc.engagementId ? await manager.getRepository(EngagementRetention).findOne({ where: { engagementId: doc.engagementId, firmId } }) : null;
    if (rule?.legalHold) return null;
    const days = rule?.retentionDays ?? (await manager.getRepository(DocumentSettings).findOne({ where: { firmId } }))?.retentionDays ?? DEFAULT_RETENTION_DAYS;
    if (days <= 0) return null;
    const removeAt = new Date(doc.uploadedAt.getTime() + days * DAY);
    return removeAt <= now ? { doc, removeAt } : null;
  }

  /** What retention removes within the next `days` days (and what is already due), for the staff member. */
  async preview(ctx: RequestContext, days: number): Promise<RetentionPreviewItemDto[]> {
    const staff = await this.access.staffOf(ctx);
    const due = await this.due(ctx.manager, ctx.firmId, new Date(Date.now() + days * DAY), 1000);
    const visible = new Map<string, boolean>();
    const items: RetentionPreviewItemDto[] = [];
    for (const { doc, removeAt } of due) {
      if (doc.engagementId && !visible.has(doc.engagementId)) {
        visible.set(doc.engagementId, await this.access.staffDocument(ctx, staff, doc.id, { withDeleted: true }).then(() => true, () => false));
      }
      if (doc.engagementId && !visible.get(doc.engagementId)) continue;
      items.push({ id: doc.id, accountId: doc.accountId, engagementId: doc.engagementId, name: doc.name, size: doc.size, uploadedAt: doc.uploadedAt.toISOString(), removeAt: removeAt.toISOString() });
    }
    return items;
  }

  async engagementRule(ctx: RequestContext, engagementId: string): Promise<EngagementRetentionDto> {
    const staff = await this.access.staffOf(ctx);
    await this.access.staffPlace(ctx, staff, { engagementId });
    const r = await ctx.scoped(EngagementRetention).findOne({ engagementId });
    return { retentionDays: r?.retentionDays ?? null, legalHold: r?.legalHold ?? false };
  }

  async setEngagementRule(ctx: RequestContext, engagementId: string, changes: UpdateEngagementRetentionDto): Promise<EngagementRetentionDto> {
    await ctx.transaction(async (tx) => {
      const before = await this.engagementRule(tx, engagementId);
      const next = { retentionDays: changes.retentionDays === undefined ? before.retentionDays : changes.retentionDays, legalHold: changes.legalHold ?? before.legalHold };
      const repo = tx.manager.getRepository(EngagementRetention);
      if (await repo.count({ where: { engagementId, firmId: tx.firmId } })) await repo.update({ engagementId, firmId: tx.firmId }, { ...next, updatedAt: new Date() });
      else await repo.insert({ engagementId, firmId: tx.firmId, ...next, updatedAt: new Date() });
      await this.audit.record(tx, { action: 'engagement.retention-updated', targetType: 'engagement', targetId: engagementId, data: { before, after: next } });
    });
    return this.engagementRule(ctx, engagementId);
  }

  /** One document, if it is still due: blob deleted, tombstone written, audited. Idempotent. */
  async purge(db: DataSource, firm: Firm, id: string, now = new Date()): Promise<boolean> {
    const still = await this.dueOne(db.manager, firm.id, id, now);
    if (!still) return false;
    const ctx = RequestContext.system(db.manager, firm);
    await this.storage.delete(ctx, still.doc.storageKey); // a missing blob is no error: a retry after a crash goes on
    await ctx.transaction(async (tx) => {
      const doc = still.doc;
      await tx.manager.getRepository(Document).update(
        { id, firmId: firm.id, blobRemovedAt: IsNull() },
        doc.deletedAt ? { blobRemovedAt: now } : { blobRemovedAt: now, deletedAt: now, deletedBy: null, deleteReason: RETENTION_REASON },
      );
      await this.audit.record(tx, {
        action: 'document.purged', targetType: 'document', targetId: id,
        data: { name: doc.name, size: doc.size, sha256: doc.sha256, accountId: doc.accountId, engagementId: doc.engagementId, uploadedAt: doc.uploadedAt.toISOString(), reason: RETENTION_REASON },
      });
    });
    return true;
  }
}

/** Hourly: find what retention removes and enqueue it in batches of {@link PURGE_BATCH}. */
@Injectable()
@Task()
export class RetentionTask implements ScheduledTask {
  readonly id = 'documents.retention';
  readonly schedule = '0 20 * * * *';
  readonly description = 'Enqueues the removal of documents past their retention (blob deleted, tombstone kept)';

  constructor(private readonly db: DataSource, private readonly retention: DocumentRetention, private readonly jobs: JobQueue) {}

  async run(tickAt: Date): Promise<void> {
    const firms = await this.db.getRepository(Firm).find({ select: { id: true } });
    for (const firm of firms) {
      const due = await this.retention.due(this.db.manager, firm.id, tickAt, PURGE_BATCH * BATCHES_PER_TICK);
      for (let i = 0; i < due.length; i += PURGE_BATCH) {
        await this.jobs.enqueue(PurgeDocumentsJob, { firmId: firm.id, ids: due.slice(i, i + PURGE_BATCH).map((d) => d.doc.id) });
      }
    }
  }
}

@Injectable()
@JobHandler(PurgeDocumentsJob)
export class PurgeDocumentsHandler implements JobHandlerInstance<{ firmId: string; ids: string[] }> {
  constructor(private readonly db: DataSource, private readonly retention: DocumentRetention) {}

  async handle(payload: { firmId: string; ids: string[] }): Promise<{ purged: number }> {
    const firm = await this.db.getRepository(Firm).findOne({ where: { id: payload.firmId } });
    if (!firm) return { purged: 0 };
    let purged = 0;
    for (const id of payload.ids) if (await this.retention.purge(this.db, firm, id)) purged++;
    return { purged };
  }
}
