import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { In, IsNull } from 'typeorm';
import {
  AuditLog, ProblemException, TenantStorage, forbidden, validationFailed, type FieldProblem, type RequestContext,
} from '@portico/core';
import { StorageLimitExceededError, StorageNotFoundError, StorageRangeError } from '@portico/plugin-sdk';
import { Contact, StaffUser } from '@portico/identity';
import { DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_RETENTION_DAYS, Document, DocumentSettings, type DocumentDirection } from '../entities/document.entities.js';
import { DocumentAccess, isDuplicateKey, type Place } from '../access/document-access.service.js';
import { HeadKeeper, attachmentDisposition, parseRange, sanitiseFileName, sniffContentType } from '../content/content.js';
import type {
  DocumentDto, DocumentPageDto, DocumentQueryDto, DocumentSettingsDto, InboxQueryDto, PortalDocumentDto, PortalDocumentQueryDto,
  UpdateDocumentDto, UpdateDocumentSettingsDto,
} from './documents.dto.js';

/** The parts of a Fastify request that @fastify/multipart adds. */
export interface MultipartRequest {
  isMultipart(): boolean;
  parts(): AsyncIterableIterator<MultipartPart>;
}
export type MultipartPart =
  | { type: 'field'; fieldname: string; value: unknown }
  | { type: 'file'; fieldname: string; filename: string; mimetype: string; file: Readable & { truncated?: boolean } };

export type Uploader = { type: 'staff' } | { type: 'client'; contactId: string };

interface Stored {
  id: string;
  key: string;
  name: string;
  size: number;
  sha256: string;
  contentType: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Documents: streamed uploads (straight from the multipart stream into TenantStorage, sha256
 * and size computed on the way, the type sniffed from the first bytes), streamed downloads
 * with Range, lists, the "new files" inbox, soft delete, settings.
 */
@Injectable()
export class DocumentsService {
  private readonly log = new Logger('Documents');

  constructor(private readonly access: DocumentAccess, private readonly storage: TenantStorage, private readonly audit: AuditLog) {}

  // ---- settings

  async settings(ctx: RequestContext): Promise<DocumentSettings> {
    const found = await ctx.scoped(DocumentSettings).findOne({});
    if (found) return found;
    try {
      await ctx.manager.getRepository(DocumentSettings).insert({ firmId: ctx.firmId, clientsMayUpload: true, maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES, retentionDays: DEFAULT_RETENTION_DAYS, createdAt: new Date() });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // another request made it first
    }
    return ctx.scoped(DocumentSettings).get({}, 'settings');
  }

  async getSettings(ctx: RequestContext): Promise<DocumentSettingsDto> {
    const s = await this.settings(ctx);
    return { clientsMayUpload: s.clientsMayUpload, maxUploadBytes: s.maxUploadBytes, retentionDays: s.retentionDays };
  }

  async updateSettings(ctx: RequestContext, changes: UpdateDocumentSettingsDto): Promise<DocumentSettingsDto> {
    const before = await this.getSettings(ctx);
    await ctx.transaction(async (tx) => {
      const next = {
        clientsMayUpload: changes.clientsMayUpload ?? before.clientsMayUpload, maxUploadBytes: changes.maxUploadBytes ?? before.maxUploadBytes,
        retentionDays: changes.retentionDays ?? before.retentionDays,
      };
      await tx.manager.getRepository(DocumentSettings).update({ firmId: tx.firmId }, next);
      await this.audit.record(tx, { action: 'document-settings.updated', targetType: 'firm', targetId: tx.firmId, data: { before, after: next } });
    });
    return this.getSettings(ctx);
  }

  // ---- upload

  /**
   * One or many files of a multipart request. The fields (where to, share) come first; each
   * file streams into storage as it arrives. Rows are written only once every file is stored,
   * in one transaction; on any failure the stored blobs are removed, so nothing stays visible.
   */
  async upload(ctx: RequestContext, req: MultipartRequest, uploader: Uploader): Promise<Document[]> {
    if (typeof req.isMultipart !== 'function' || !req.isMultipart()) {
      throw new ProblemException(415, 'multipart-required', 'Send the files as multipart/form-data.');
    }
    const settings = await this.settings(ctx);
    if (uploader.type === 'client' && !settings.clientsMayUpload) {
      throw forbidden('client-uploads-disabled', 'Your firm does not accept uploads on the portal; please send your files another way.');
    }
    const fields: Record<string, string> = {};
    const stored: Stored[] = [];
    let place: Place | null = null;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (place) throw validationFailed([{ field: part.fieldname, rule: 'order', message: 'Send the form fields before the files' }]);
          fields[part.fieldname] = String(part.value);
          continue;
        }
        place ??= await this.target(ctx, uploader, fields);
        stored.push(await this.store(ctx, part, settings.maxUploadBytes));
      }
      if (!stored.length) throw validationFailed([{ field: 'files', rule: 'required', message: 'Choose at least one file' }]);
      const share = uploader.type === 'client' || fields.share === 'true';
      return await ctx.transaction(async (tx) => {
        const here = await this.target(tx, uploader, fields); // still there, still visible
        const actorId = uploader.type === 'staff' ? tx.actor.id! : uploader.contactId;
        const now = new Date();
        const rows = stored.map((s, i) => tx.scoped(Document).create({
          id: s.id, accountId: here.accountId, engagementId: here.engagement?.id ?? null, folderId: here.folder?.id ?? null,
          name: s.name, size: s.size, sha256: s.sha256, contentType: s.contentType, storageDriver: this.storage.driver, storageKey: s.key,
          direction: uploader.type === 'staff' ? 'staff-to-client' : 'client-to-staff', sharedWithClient: share,
          uploadedByType: uploader.type, uploadedById: actorId, uploadedAt: new Date(now.getTime() + i), downloadedByFirmAt: null,
          deletedAt: null, deletedBy: null, deleteReason: null, blobRemovedAt: null, legalHold: false,
        }));
        for (const d of rows) {
          await tx.manager.getRepository(Document).insert({ ...d }); // one by one: a multi-row insert mixes up the entities' columns on SQLite
          await this.audit.record(tx, {
            action: 'document.uploaded', targetType: 'document', targetId: d.id,
            data: { name: d.name, size: d.size, sha256: d.sha256, contentType: d.contentType, accountId: d.accountId, engagementId: d.engagementId, direction: d.direction, sharedWithClient: d.sharedWithClient },
          });
        }
        return rows;
      });
    } catch (e) {
      await Promise.all(stored.map((s) => this.storage.delete(ctx, s.key).catch((err) => this.log.warn(`orphan blob ${s.key} left: ${String(err)}`))));
      if (e instanceof StorageLimitExceededError) {
        throw new ProblemException(413, 'file-too-large', `A file is larger than this firm accepts (${formatBytes(settings.maxUploadBytes)}).`, undefined, { maxUploadBytes: settings.maxUploadBytes });
      }
      const fst = e as { code?: string; statusCode?: number; message?: string };
      if (fst.code === 'ECONNRESET' || fst.message === 'aborted' || fst.message === 'Unexpected end of form') {
        // The connection dropped mid-file: nothing was kept; nobody is left to read the answer.
        throw new ProblemException(400, 'upload-interrupted', 'The upload was cut off before it ended; nothing was kept.');
      }
      if (typeof fst.code === 'string' && fst.code.startsWith('FST_') && fst.statusCode && fst.statusCode < 500) {
        // The multipart parser's limits (files, fields, parts per request) or a malformed body.
        throw new ProblemException(fst.statusCode, fst.statusCode === 413 ? 'upload-limits' : 'bad-multipart', fst.message ?? 'The upload was refused.');
      }
      throw e;
    }
  }

  private async target(ctx: RequestContext, uploader: Uploader, fields: Record<string, string>): Promise<Place> {
    const errors: FieldProblem[] = [];
    for (const f of ['accountId', 'engagementId', 'folderId']) {
      if (fields[f] !== undefined && fields[f] !== '' && !UUID_RE.test(fields[f])) errors.push({ field: f, rule: 'isUuid', message: 'Must be a UUID' });
    }
    if (fields.share !== undefined && !['true', 'false'].includes(fields.share)) errors.push({ field: 'share', rule: 'isBoolean', message: 'Share must be true or false' });
    const ids = { accountId: fields.accountId || null, engagementId: fields.engagementId || null, folderId: fields.folderId || null };
    if (uploader.type === 'staff' && !ids.accountId && !ids.engagementId && !ids.folderId) {
      errors.push({ field: 'accountId', rule: 'required', message: 'Choose a client account, an engagement or a folder' });
    }
    if (errors.length) throw validationFailed(errors);
    if (uploader.type === 'staff') return this.access.staffPlace(ctx, await this.access.staffOf(ctx), ids);
    return this.access.clientPlace(ctx, await this.access.contactOf(ctx, uploader.contactId), ids);
  }

  private async store(ctx: RequestContext, part: Extract<MultipartPart, { type: 'file' }>, maxBytes: number): Promise<Stored> {
    const id = randomUUID();
    const key = `documents/${id}`;
    const head = new HeadKeeper();
    pipeline(part.file, head, () => undefined); // an error of the request (cut off) reaches the storage's reader
    const result = await this.storage.put(ctx, key, head, { maxBytes });
    if (part.file.truncated) { // the multipart parser's own limit
      await this.storage.delete(ctx, key);
      throw new StorageLimitExceededError('truncated');
    }
    return { id, key, name: sanitiseFileName(part.filename), size: result.size, sha256: result.sha256, contentType: sniffContentType(head.head, part.mimetype) };
  }

  // ---- download

  /** Stream the bytes (whole, or one Range) as an attachment. */
  async send(ctx: RequestContext, doc: Document, rangeHeader: string | undefined, reply: FastifyReply): Promise<FastifyReply> {
    const range = parseRange(rangeHeader, doc.size);
    void reply.header('accept-ranges', 'bytes');
    if (range.kind === 'unsatisfiable') {
      void reply.header('content-range', `bytes */${doc.size}`);
      throw new ProblemException(416, 'range-not-satisfiable', `The range asked for is outside the file (${doc.size} bytes).`);
    }
    let got;
    try {
      got = await this.storage.get(ctx, doc.storageKey, range.kind === 'partial' ? { start: range.start, end: range.end } : undefined);
    } catch (e) {
      if (e instanceof StorageNotFoundError) throw new ProblemException(410, 'document-content-gone', 'The file’s content is no longer stored.');
      if (e instanceof StorageRangeError) {
        void reply.header('content-range', `bytes */${doc.size}`);
        throw new ProblemException(416, 'range-not-satisfiable', `The range asked for is outside the file (${doc.size} bytes).`);
      }
      throw e;
    }
    void reply
      .header('content-type', doc.contentType)
      .header('content-disposition', attachmentDisposition(doc.name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .header('etag', `"${doc.sha256}"`);
    if (got.range) {
      void reply.status(206).header('content-range', `bytes ${got.range.start}-${got.range.end}/${got.size}`).header('content-length', got.range.end - got.range.start + 1);
    } else {
      void reply.status(200).header('content-length', got.size);
    }
    return reply.send(got.stream);
  }

  async staffContent(ctx: RequestContext, id: string, rangeHeader: string | undefined, reply: FastifyReply): Promise<FastifyReply> {
    const staff = await this.access.staffOf(ctx);
    const doc = await this.access.staffDocument(ctx, staff, id);
    if (doc.direction === 'client-to-staff' && !doc.downloadedByFirmAt) {
      await ctx.transaction(async (tx) => {
        const r = await tx.manager.getRepository(Document).update({ id, firmId: tx.firmId, downloadedByFirmAt: IsNull() }, { downloadedByFirmAt: new Date() });
        if (r.affected) await this.audit.record(tx, { action: 'document.downloaded', targetType: 'document', targetId: id, data: { name: doc.name } });
      });
    }
    return this.send(ctx, doc, rangeHeader, reply);
  }

  async clientContent(ctx: RequestContext, contactId: string, id: string, rangeHeader: string | undefined, reply: FastifyReply): Promise<FastifyReply> {
    const contact = await this.access.contactOf(ctx, contactId);
    return this.send(ctx, await this.access.clientDocument(ctx, contact, id), rangeHeader, reply);
  }

  // ---- staff lists and changes

  async list(ctx: RequestContext, query: DocumentQueryDto): Promise<DocumentPageDto> {
    const staff = await this.access.staffOf(ctx);
    const qb = ctx.manager.getRepository(Document).createQueryBuilder('d').where('d.firm_id = :firm', { firm: ctx.firmId });
    const vis = this.access.restrictStaff(staff);
    qb.andWhere(vis.sql, vis.params);
    if (query.engagementId || query.folderId) {
      const place = await this.access.staffPlace(ctx, staff, query);
      if (place.engagement) qb.andWhere('d.engagement_id = :eng', { eng: place.engagement.id });
      if (place.folder) qb.andWhere('d.folder_id = :folder', { folder: place.folder.id });
    } else if (query.accountId) {
      qb.andWhere('d.account_id = :account', { account: query.accountId });
    }
    if (!query.deleted) qb.andWhere('d.deleted_at IS NULL');
    if (query.direction) qb.andWhere('d.direction = :dir', { dir: query.direction });
    if (query.shared !== undefined) qb.andWhere('d.shared_with_client = :shared', { shared: query.shared });
    if (query.new !== undefined) qb.andWhere(query.new ? 'd.direction = :up AND d.downloaded_by_firm_at IS NULL' : '(d.direction <> :up OR d.downloaded_by_firm_at IS NOT NULL)', { up: 'client-to-staff' });
    if (query.q?.trim()) qb.andWhere(`LOWER(d.name) LIKE :q ESCAPE '!'`, { q: `%${likeEscape(query.q.trim().toLowerCase())}%` });
    const total = await qb.getCount();
    const rows = await qb.orderBy('d.uploaded_at', 'DESC').addOrderBy('d.id', 'ASC').offset(query.offset ?? 0).limit(query.limit ?? 50).getMany();
    return { items: await this.views(ctx, rows), total };
  }

  /** Client uploads the firm has not downloaded yet, per account or firm-wide, oldest first. */
  async inbox(ctx: RequestContext, query: InboxQueryDto): Promise<DocumentPageDto> {
    const page = await this.list(ctx, { accountId: query.accountId, new: true, offset: query.offset, limit: query.limit });
    return { items: page.items.reverse(), total: page.total };
  }

  async get(ctx: RequestContext, id: string): Promise<DocumentDto> {
    const staff = await this.access.staffOf(ctx);
    return (await this.views(ctx, [await this.access.staffDocument(ctx, staff, id, { withDeleted: true })]))[0];
  }

  /** Take client uploads out of the "new files" inbox; ids not visible or not new are skipped. */
  async markDownloaded(ctx: RequestContext, ids: string[]): Promise<number> {
    return ctx.transaction(async (tx) => {
      const staff = await this.access.staffOf(tx);
      const vis = this.access.restrictStaff(staff);
      const rows = await tx.manager.getRepository(Document).createQueryBuilder('d')
        .where('d.firm_id = :firm AND d.id IN (:...ids) AND d.direction = :up AND d.downloaded_by_firm_at IS NULL AND d.deleted_at IS NULL', { firm: tx.firmId, ids: [...new Set(ids)], up: 'client-to-staff' })
        .andWhere(vis.sql, vis.params).getMany();
      if (!rows.length) return 0;
      const r = await tx.manager.getRepository(Document).update({ id: In(rows.map((d) => d.id)), firmId: tx.firmId, downloadedByFirmAt: IsNull() }, { downloadedByFirmAt: new Date() });
      await this.audit.record(tx, { action: 'document.marked-downloaded', targetType: 'document', data: { ids: rows.map((d) => d.id) } });
      return r.affected ?? rows.length;
    });
  }

  async update(ctx: RequestContext, id: string, changes: UpdateDocumentDto): Promise<DocumentDto> {
    await ctx.transaction(async (tx) => {
      const staff = await this.access.staffOf(tx);
      const doc = await this.access.staffDocument(tx, staff, id);
      const next: Partial<Document> = {};
      if (changes.name !== undefined) next.name = sanitiseFileName(changes.name);
      if (changes.sharedWithClient !== undefined) next.sharedWithClient = changes.sharedWithClient;
      if (changes.legalHold !== undefined) next.legalHold = changes.legalHold;
      if (changes.folderId !== undefined) {
        if (changes.folderId === null) next.folderId = null;
        else {
          const folder = await this.access.staffFolder(tx, staff, changes.folderId);
          if (folder.accountId !== doc.accountId || folder.engagementId !== doc.engagementId) {
            throw validationFailed([{ field: 'folderId', rule: 'samePlace', message: 'The folder must belong to the same client account and engagement' }]);
          }
          next.folderId = folder.id;
        }
      }
      await tx.manager.getRepository(Document).update({ id, firmId: tx.firmId }, next);
      await this.audit.record(tx, { action: 'document.updated', targetType: 'document', targetId: id, data: { name: doc.name, changes } });
    });
    return this.get(ctx, id);
  }

  /** Soft delete: the tombstone keeps name, size, dates and who deleted it; the blob is removed after the commit. */
  async remove(ctx: RequestContext, id: string, reason?: string): Promise<void> {
    const doc = await ctx.transaction(async (tx) => {
      const staff = await this.access.staffOf(tx);
      const d = await this.access.staffDocument(tx, staff, id);
      await tx.manager.getRepository(Document).update({ id, firmId: tx.firmId }, { deletedAt: new Date(), deletedBy: staff.id, deleteReason: reason?.trim() || null });
      await this.audit.record(tx, { action: 'document.deleted', targetType: 'document', targetId: id, data: { name: d.name, size: d.size, sha256: d.sha256, accountId: d.accountId, reason: reason ?? null } });
      return d;
    });
    try {
      await this.storage.delete(ctx, doc.storageKey);
      await ctx.manager.getRepository(Document).update({ id, firmId: ctx.firmId }, { blobRemovedAt: new Date() });
    } catch (e) {
      this.log.warn(`blob of deleted document ${id} not removed yet: ${String(e)}`);
    }
  }

  // ---- the client's side

  async clientList(ctx: RequestContext, contactId: string, query: PortalDocumentQueryDto): Promise<PortalDocumentDto[]> {
    const contact = await this.access.contactOf(ctx, contactId);
    const vis = this.access.restrictClient(contact);
    const qb = ctx.manager.getRepository(Document).createQueryBuilder('d').where('d.firm_id = :firm', { firm: ctx.firmId }).andWhere(vis.sql, vis.params);
    if (query.engagementId || query.folderId) {
      const place = await this.access.clientPlace(ctx, contact, query);
      if (place.engagement) qb.andWhere('d.engagement_id = :eng', { eng: place.engagement.id });
      if (place.folder) qb.andWhere('d.folder_id = :folder', { folder: place.folder.id });
    }
    const rows = await qb.orderBy('d.uploaded_at', 'DESC').addOrderBy('d.id', 'ASC').limit(1000).getMany();
    return rows.map(toPortalDto);
  }

  // ---- views

  async views(ctx: RequestContext, rows: Document[]): Promise<DocumentDto[]> {
    const staffIds = [...new Set(rows.filter((d) => d.uploadedByType === 'staff').map((d) => d.uploadedById))];
    const contactIds = [...new Set(rows.filter((d) => d.uploadedByType === 'client').map((d) => d.uploadedById))];
    const names = new Map<string, string>();
    if (staffIds.length) for (const s of await ctx.scoped(StaffUser).find({ id: In(staffIds) })) names.set(s.id, s.name);
    if (contactIds.length) for (const c of await ctx.scoped(Contact).find({ id: In(contactIds) })) names.set(c.id, `${c.firstName} ${c.lastName}`);
    return rows.map((d) => ({
      id: d.id, accountId: d.accountId, engagementId: d.engagementId, folderId: d.folderId, name: d.name, size: d.size, sha256: d.sha256,
      contentType: d.contentType, direction: d.direction, sharedWithClient: d.sharedWithClient, legalHold: d.legalHold,
      uploadedBy: { type: d.uploadedByType, id: d.uploadedById, name: names.get(d.uploadedById) ?? null },
      uploadedAt: d.uploadedAt.toISOString(), downloadedByFirmAt: d.downloadedByFirmAt?.toISOString() ?? null,
      deletedAt: d.deletedAt?.toISOString() ?? null, deletedBy: d.deletedBy, deleteReason: d.deleteReason,
    }));
  }
}

export function toPortalDto(d: Document): PortalDocumentDto {
  return {
    id: d.id, engagementId: d.engagementId, folderId: d.folderId, name: d.name, size: d.size, contentType: d.contentType,
    direction: d.direction as DocumentDirection, uploadedAt: d.uploadedAt.toISOString(),
  };
}

function likeEscape(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}

function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}

