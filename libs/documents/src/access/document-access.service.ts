import { Injectable, type OnModuleInit } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { notFound, type RequestContext } from '@portico/core';
import { ClientAccount, Contact, ShareVisibility, StaffUser, type HiddenItem, type ShareVisibilitySource } from '@portico/identity';
import { Engagement, EngagementVisibility } from '@portico/engagements';
import { Document, DocumentFolder } from '../entities/document.entities.js';

/** Where a document or folder lives: a client account, and maybe one of its engagements. */
export interface Place {
  accountId: string;
  engagement: Engagement | null;
  folder: DocumentFolder | null;
}

export function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.code ?? err.driverError?.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || /UNIQUE constraint|Duplicate entry/.test(err.message ?? '');
}

/**
 * Who sees which document and folder. Staff: everything of a client account, except what
 * lives in an engagement they may not see (restricted, deleted) — 404 alike. Clients: only
 * their own account's documents shared with them or uploaded by them, outside engagements or
 * in engagements shared with them. Registered with identity's {@link ShareVisibility}.
 */
@Injectable()
export class DocumentAccess implements ShareVisibilitySource, OnModuleInit {
  constructor(private readonly engagements: EngagementVisibility, private readonly shares: ShareVisibility) {}

  onModuleInit(): void {
    this.shares.register(this);
  }

  staffOf(ctx: RequestContext): Promise<StaffUser> {
    return this.engagements.staffOf(ctx);
  }

  async contactOf(ctx: RequestContext, contactId: string): Promise<Contact> {
    return ctx.scoped(Contact).get({ id: contactId }, 'contact');
  }

  // ---- staff

  /** The place named by account/engagement/folder ids, checked against what this member may see. */
  async staffPlace(ctx: RequestContext, staff: StaffUser, ids: { accountId?: string | null; engagementId?: string | null; folderId?: string | null }): Promise<Place> {
    if (ids.folderId) {
      const folder = await this.staffFolder(ctx, staff, ids.folderId);
      if ((ids.engagementId && ids.engagementId !== folder.engagementId) || (ids.accountId && ids.accountId !== folder.accountId)) throw notFound('folder');
      const engagement = folder.engagementId ? await this.engagements.get(ctx, staff, folder.engagementId) : null;
      return { accountId: folder.accountId, engagement, folder };
    }
    if (ids.engagementId) {
      const engagement = await this.engagements.get(ctx, staff, ids.engagementId);
      if (ids.accountId && ids.accountId !== engagement.accountId) throw notFound('engagement');
      return { accountId: engagement.accountId, engagement, folder: null };
    }
    if (!ids.accountId) throw notFound('client account');
    return { accountId: (await ctx.scoped(ClientAccount).get({ id: ids.accountId }, 'client account')).id, engagement: null, folder: null };
  }

  async staffFolder(ctx: RequestContext, staff: StaffUser, id: string): Promise<DocumentFolder> {
    const folder = await ctx.scoped(DocumentFolder).findOne({ id });
    if (!folder) throw notFound('folder');
    if (folder.engagementId) await this.engagements.get(ctx, staff, folder.engagementId).catch(() => { throw notFound('folder'); });
    return folder;
  }

  /** A live document this member may see; anything else is 404. */
  async staffDocument(ctx: RequestContext, staff: StaffUser, id: string, options: { withDeleted?: boolean } = {}): Promise<Document> {
    const doc = await ctx.scoped(Document).findOne(options.withDeleted ? { id } : { id, deletedAt: IsNull() });
    if (!doc) throw notFound('document');
    if (doc.engagementId) await this.engagements.get(ctx, staff, doc.engagementId).catch(() => { throw notFound('document'); });
    return doc;
  }

  /** SQL narrowing a query on `document` (alias `d`) to what the member may see. */
  restrictStaff(staff: StaffUser): { sql: string; params: Record<string, unknown> } {
    if (staff.role === 'admin') {
      return { sql: '(d.engagement_id IS NULL OR EXISTS (SELECT 1 FROM engagement e WHERE e.id = d.engagement_id AND e.deleted_at IS NULL))', params: {} };
    }
    const listed = 'EXISTS (SELECT 1 FROM engagement_staff es WHERE es.engagement_id = e.id AND es.staff_id = :visStaff)';
    const visible = staff.engagementAccess === 'all' ? `(e.restricted = :visNo OR ${listed})` : listed;
    return {
      sql: `(d.engagement_id IS NULL OR EXISTS (SELECT 1 FROM engagement e WHERE e.id = d.engagement_id AND e.deleted_at IS NULL AND ${visible}))`,
      params: { visStaff: staff.id, visNo: false },
    };
  }

  // ---- clients

  /** SQL narrowing a query on `document` (alias `d`) to what the contact's account may see. */
  restrictClient(contact: Contact): { sql: string; params: Record<string, unknown> } {
    return {
      sql: `d.account_id = :cAccount AND d.deleted_at IS NULL AND (d.shared_with_client = :cYes OR d.direction = :cUp)
        AND (d.engagement_id IS NULL OR EXISTS (SELECT 1 FROM engagement e WHERE e.id = d.engagement_id AND e.account_id = :cAccount AND e.shared_with_client = :cYes AND e.deleted_at IS NULL))`,
      params: { cAccount: contact.accountId, cYes: true, cUp: 'client-to-staff' },
    };
  }

  async clientDocument(ctx: RequestContext, contact: Contact, id: string): Promise<Document> {
    const { sql, params } = this.restrictClient(contact);
    const doc = await ctx.manager.getRepository(Document).createQueryBuilder('d')
      .where('d.firm_id = :firm AND d.id = :id', { firm: ctx.firmId, id }).andWhere(sql, params).getOne();
    if (!doc) throw notFound('document');
    return doc;
  }

  async clientEngagement(ctx: RequestContext, contact: Contact, id: string): Promise<Engagement> {
    const e = await ctx.scoped(Engagement).findOne({ id, accountId: contact.accountId, sharedWithClient: true, deletedAt: IsNull() });
    if (!e) throw notFound('engagement');
    return e;
  }

  async clientFolder(ctx: RequestContext, contact: Contact, id: string): Promise<DocumentFolder> {
    const folder = await ctx.scoped(DocumentFolder).findOne({ id, accountId: contact.accountId });
    if (!folder) throw notFound('folder');
    if (folder.engagementId) await this.clientEngagement(ctx, contact, folder.engagementId).catch(() => { throw notFound('folder'); });
    return folder;
  }

  async clientPlace(ctx: RequestContext, contact: Contact, ids: { engagementId?: string | null; folderId?: string | null }): Promise<Place> {
    if (ids.folderId) {
      const folder = await this.clientFolder(ctx, contact, ids.folderId);
      if (ids.engagementId && ids.engagementId !== folder.engagementId) throw notFound('folder');
      const engagement = folder.engagementId ? await this.clientEngagement(ctx, contact, folder.engagementId) : null;
      return { accountId: contact.accountId, engagement, folder };
    }
    const engagement = ids.engagementId ? await this.clientEngagement(ctx, contact, ids.engagementId) : null;
    return { accountId: contact.accountId, engagement, folder: null };
  }

  // ---- the share-visibility port

  /** Documents the client sees that live in engagements this member may not see. */
  async hiddenFrom(ctx: RequestContext, staff: StaffUser, accountId: string): Promise<HiddenItem[]> {
    if (staff.role === 'admin') return [];
    const docs = await ctx.manager.getRepository(Document).createQueryBuilder('d')
      .where('d.firm_id = :firm AND d.account_id = :account AND d.deleted_at IS NULL AND d.engagement_id IS NOT NULL', { firm: ctx.firmId, account: accountId })
      .andWhere('(d.shared_with_client = :yes OR d.direction = :up)', { yes: true, up: 'client-to-staff' })
      .orderBy('d.name', 'ASC').getMany();
    if (!docs.length) return [];
    const engagements = await ctx.scoped(Engagement).find({ id: In([...new Set(docs.map((d) => d.engagementId!))]), sharedWithClient: true, deletedAt: IsNull() });
    const hidden = new Set<string>();
    for (const e of engagements) if (!(await this.engagements.canSee(ctx, staff, e))) hidden.add(e.id);
    return docs.filter((d) => hidden.has(d.engagementId!)).map((d) => ({ type: 'document', id: d.id, name: d.name }));
  }
}
