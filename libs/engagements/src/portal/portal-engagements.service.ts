import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { ApiProperty } from '@nestjs/swagger';
import { notFound, type RequestContext } from '@portico/core';
import { Contact, type Principal } from '@portico/identity';
import { ENGAGEMENT_STATUSES, Engagement, EngagementCustomField, EngagementType, type EngagementStatus } from '../entities/engagement.entities.js';

export class PortalCustomFieldDto {
  @ApiProperty() name: string;
  @ApiProperty() value: string;
}

/** What a client sees of an engagement shared with their account: no access list, no staff-only fields. */
export class PortalEngagementDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) type: string | null;
  @ApiProperty({ type: String, nullable: true }) subtype: string | null;
  @ApiProperty({ enum: ENGAGEMENT_STATUSES }) status: EngagementStatus;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) expectedCompletion: string | null;
  @ApiProperty({ type: [PortalCustomFieldDto], description: 'Only the fields marked “show to client”' }) customFields: PortalCustomFieldDto[];
  @ApiProperty() updatedAt: string;
}

/** The client's side: engagements shared with the signed-in contact's account, and nothing else (404). */
@Injectable()
export class PortalEngagements {
  async contactOf(ctx: RequestContext, principal: Principal): Promise<Contact> {
    return ctx.scoped(Contact).get({ id: principal.subjectId }, 'contact');
  }

  async list(ctx: RequestContext, principal: Principal): Promise<PortalEngagementDto[]> {
    const contact = await this.contactOf(ctx, principal);
    const rows = await ctx.scoped(Engagement).find({ accountId: contact.accountId, sharedWithClient: true, deletedAt: IsNull() }, { updatedAt: 'DESC' });
    return this.views(ctx, rows);
  }

  /** A shared engagement of the client's own account; another client's, an unshared or a deleted one is 404. */
  async shared(ctx: RequestContext, principal: Principal, id: string): Promise<Engagement> {
    const contact = await this.contactOf(ctx, principal);
    const row = await ctx.scoped(Engagement).findOne({ id, accountId: contact.accountId, sharedWithClient: true, deletedAt: IsNull() });
    if (!row) throw notFound('engagement');
    return row;
  }

  async get(ctx: RequestContext, principal: Principal, id: string): Promise<PortalEngagementDto> {
    return (await this.views(ctx, [await this.shared(ctx, principal, id)]))[0];
  }

  private async views(ctx: RequestContext, rows: Engagement[]): Promise<PortalEngagementDto[]> {
    if (!rows.length) return [];
    const ids = rows.map((e) => e.id);
    const fields = await ctx.scoped(EngagementCustomField).find({ engagementId: In(ids), showToClient: true }, { position: 'ASC' });
    const typeIds = [...new Set(rows.flatMap((e) => [e.typeId, e.subtypeId]).filter((t): t is string => !!t))];
    const types = new Map((typeIds.length ? await ctx.scoped(EngagementType).find({ id: In(typeIds) }) : []).map((t) => [t.id, t.name]));
    return rows.map((e) => ({
      id: e.id, name: e.name, type: e.typeId ? types.get(e.typeId) ?? null : null, subtype: e.subtypeId ? types.get(e.subtypeId) ?? null : null,
      status: e.status as EngagementStatus, expectedCompletion: e.expectedCompletion,
      customFields: fields.filter((f) => f.engagementId === e.id).map((f) => ({ name: f.name, value: f.value })),
      updatedAt: e.updatedAt.toISOString(),
    }));
  }
}
