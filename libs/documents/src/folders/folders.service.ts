import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AuditLog, conflict, validationFailed, type RequestContext } from '@portico/core';
import { Document, DocumentFolder, DocumentFolderTemplate } from '../entities/document.entities.js';
import { DocumentAccess, isDuplicateKey } from '../access/document-access.service.js';
import type { ApplyTemplatesDto, FolderDto, NewFolderDto } from './folders.dto.js';

/** Folders of a client account or engagement; nestable; names unique among siblings (case-insensitive). */
@Injectable()
export class DocumentFolders {
  constructor(private readonly access: DocumentAccess, private readonly audit: AuditLog) {}

  async list(ctx: RequestContext, ids: { accountId?: string; engagementId?: string }): Promise<FolderDto[]> {
    const staff = await this.access.staffOf(ctx);
    const place = await this.access.staffPlace(ctx, staff, ids);
    return this.rows(ctx, place.accountId, place.engagement?.id ?? null);
  }

  async listForClient(ctx: RequestContext, contactId: string, engagementId?: string): Promise<FolderDto[]> {
    const contact = await this.access.contactOf(ctx, contactId);
    const place = await this.access.clientPlace(ctx, contact, { engagementId });
    return this.rows(ctx, place.accountId, place.engagement?.id ?? null);
  }

  async create(ctx: RequestContext, input: NewFolderDto): Promise<FolderDto> {
    const id = await ctx.transaction(async (tx) => {
      const staff = await this.access.staffOf(tx);
      if (!input.accountId && !input.engagementId && !input.parentId) throw validationFailed([{ field: 'accountId', rule: 'required', message: 'Choose a client account, an engagement or a parent folder' }]);
      const place = await this.access.staffPlace(tx, staff, { accountId: input.accountId, engagementId: input.engagementId, folderId: input.parentId });
      const name = input.name.trim();
      const engagementId = place.engagement?.id ?? null;
      const parentId = place.folder?.id ?? null;
      const folder = tx.scoped(DocumentFolder).create({
        accountId: place.accountId, engagementId, parentId, name, siblingKey: siblingKey(place.accountId, engagementId, parentId, name), createdBy: staff.id, createdAt: new Date(),
      });
      await this.insertUnique(tx, folder);
      await this.audit.record(tx, { action: 'folder.created', targetType: 'document_folder', targetId: folder.id, data: { name, accountId: place.accountId, engagementId, parentId } });
      return folder.id;
    });
    return toFolderDto(await ctx.scoped(DocumentFolder).get({ id }, 'folder'));
  }

  async rename(ctx: RequestContext, id: string, name: string): Promise<FolderDto> {
    await ctx.transaction(async (tx) => {
      const staff = await this.access.staffOf(tx);
      const folder = await this.access.staffFolder(tx, staff, id);
      const next = name.trim();
      try {
        await tx.manager.getRepository(DocumentFolder).update({ id, firmId: tx.firmId }, { name: next, siblingKey: siblingKey(folder.accountId, folder.engagementId, folder.parentId, next) });
      } catch (e) {
        if (isDuplicateKey(e)) throw nameTaken();
        throw e;
      }
      await this.audit.record(tx, { action: 'folder.renamed', targetType: 'document_folder', targetId: id, data: { before: folder.name, after: next } });
    });
    return toFolderDto(await ctx.scoped(DocumentFolder).get({ id }, 'folder'));
  }

  /** Only an empty folder goes (no live document, no subfolder). */
  async remove(ctx: RequestContext, id: string): Promise<void> {
    await ctx.transaction(async (tx) => {
      const staff = await this.access.staffOf(tx);
      const folder = await this.access.staffFolder(tx, staff, id);
      const children = await tx.scoped(DocumentFolder).count({ parentId: id });
      const docs = await tx.scoped(Document).count({ folderId: id, deletedAt: IsNull() });
      if (children || docs) throw conflict('folder-not-empty', `The folder “${folder.name}” still holds ${docs} document(s) and ${children} folder(s).`);
      // Tombstones of deleted documents keep their place by name only.
      await tx.manager.getRepository(Document).update({ folderId: id, firmId: tx.firmId }, { folderId: null });
      await tx.manager.getRepository(DocumentFolder).delete({ id, firmId: tx.firmId });
      await this.audit.record(tx, { action: 'folder.deleted', targetType: 'document_folder', targetId: id, data: { name: folder.name } });
    });
  }

  // ---- the firm's default folders

  async templates(ctx: RequestContext): Promise<string[]> {
    return (await ctx.scoped(DocumentFolderTemplate).find({}, { position: 'ASC', name: 'ASC' })).map((t) => t.name);
  }

  /** Replace the firm's list of default folder names. */
  async setTemplates(ctx: RequestContext, names: string[]): Promise<string[]> {
    const clean = names.map((n) => n.trim());
    const keys = clean.map((n) => n.toLowerCase());
    const dup = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (dup >= 0) throw validationFailed([{ field: `names.${dup}`, rule: 'unique', message: `“${clean[dup]}” is listed twice` }]);
    await ctx.transaction(async (tx) => {
      const before = await this.templates(tx);
      await tx.manager.getRepository(DocumentFolderTemplate).delete({ firmId: tx.firmId });
      for (const [position, name] of clean.entries()) {
        await tx.manager.getRepository(DocumentFolderTemplate).insert(tx.scoped(DocumentFolderTemplate).create({ name, nameKey: name.toLowerCase(), position, createdAt: new Date() }));
      }
      await this.audit.record(tx, { action: 'folder-templates.updated', targetType: 'firm', targetId: tx.firmId, data: { before, after: clean } });
    });
    return this.templates(ctx);
  }

  /** Create the default folders missing at the top of an engagement or account; the others stay. */
  async applyTemplates(ctx: RequestContext, input: ApplyTemplatesDto): Promise<FolderDto[]> {
    if (!input.accountId && !input.engagementId) throw validationFailed([{ field: 'accountId', rule: 'required', message: 'Choose a client account or an engagement' }]);
    const place = await ctx.transaction(async (tx) => {
      const staff = await this.access.staffOf(tx);
      const here = await this.access.staffPlace(tx, staff, input);
      const engagementId = here.engagement?.id ?? null;
      const created: string[] = [];
      for (const name of await this.templates(tx)) {
        const key = siblingKey(here.accountId, engagementId, null, name);
        if (await tx.scoped(DocumentFolder).count({ siblingKey: key })) continue;
        const folder = tx.scoped(DocumentFolder).create({ accountId: here.accountId, engagementId, parentId: null, name, siblingKey: key, createdBy: staff.id, createdAt: new Date() });
        await this.insertUnique(tx, folder);
        created.push(name);
      }
      if (created.length) await this.audit.record(tx, { action: 'folder-templates.applied', targetType: engagementId ? 'engagement' : 'client_account', targetId: engagementId ?? here.accountId, data: { created } });
      return here;
    });
    return this.rows(ctx, place.accountId, place.engagement?.id ?? null);
  }

  private async rows(ctx: RequestContext, accountId: string, engagementId: string | null): Promise<FolderDto[]> {
    const rows = await ctx.scoped(DocumentFolder).find({ accountId, engagementId: engagementId ?? IsNull() }, { name: 'ASC', id: 'ASC' });
    return rows.map(toFolderDto);
  }

  private async insertUnique(ctx: RequestContext, folder: DocumentFolder): Promise<void> {
    if (await ctx.scoped(DocumentFolder).count({ siblingKey: folder.siblingKey })) throw nameTaken();
    try {
      await ctx.manager.getRepository(DocumentFolder).insert(folder);
    } catch (e) {
      if (isDuplicateKey(e)) throw nameTaken();
      throw e;
    }
  }
}

const nameTaken = () => conflict('folder-name-taken', 'A folder of that name already exists here.', [{ field: 'name', rule: 'unique', message: 'A folder of that name already exists here' }]);

export function siblingKey(accountId: string, engagementId: string | null, parentId: string | null, name: string): string {
  return `${accountId}:${engagementId ?? ''}:${parentId ?? ''}:${name.toLowerCase()}`;
}

export function toFolderDto(f: DocumentFolder): FolderDto {
  return { id: f.id, accountId: f.accountId, engagementId: f.engagementId, parentId: f.parentId, name: f.name, createdAt: f.createdAt.toISOString() };
}

