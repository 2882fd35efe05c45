import { Injectable, type OnModuleInit } from '@nestjs/common';
import { In, IsNull, type SelectQueryBuilder } from 'typeorm';
import { notFound, type RequestContext } from '@portico/core';
import { ShareVisibility, StaffUser, type HiddenItem, type ShareVisibilitySource } from '@portico/identity';
import { Engagement, EngagementStaff } from '../entities/engagement.entities.js';

/**
 * Who of the staff may see which engagement. Admins see all; a member with
 * `engagementAccess = all` sees every engagement not restricted to a list; a
 * listed member sees the engagements that list them. Registered with identity's
 * {@link ShareVisibility} so that disabling a client's access counts engagements
 * without identity knowing what an engagement is.
 */
@Injectable()
export class EngagementVisibility implements ShareVisibilitySource, OnModuleInit {
  constructor(private readonly shares: ShareVisibility) {}

  onModuleInit(): void {
    this.shares.register(this);
  }

  /** The signed-in staff member of the request. */
  staffOf(ctx: RequestContext): Promise<StaffUser> {
    return ctx.scoped(StaffUser).get({ id: ctx.actor.type === 'staff' ? ctx.actor.id ?? '' : '' }, 'staff member');
  }

  async canSee(ctx: RequestContext, staff: StaffUser, engagement: Engagement): Promise<boolean> {
    if (staff.role === 'admin') return true;
    if (staff.engagementAccess === 'all' && !engagement.restricted) return true;
    return (await ctx.manager.getRepository(EngagementStaff).count({ where: { engagementId: engagement.id, staffId: staff.id } })) > 0;
  }

  /** A live engagement this staff member may see; anything else (another firm's, deleted, restricted) is 404. */
  async get(ctx: RequestContext, staff: StaffUser, id: string): Promise<Engagement> {
    const engagement = await ctx.scoped(Engagement).findOne({ id, deletedAt: IsNull() });
    if (!engagement || !(await this.canSee(ctx, staff, engagement))) throw notFound('engagement');
    return engagement;
  }

  /** Narrow a query on `engagement` (under `alias`) to what the member may see. */
  restrict(qb: SelectQueryBuilder<Engagement>, alias: string, staff: StaffUser): SelectQueryBuilder<Engagement> {
    if (staff.role === 'admin') return qb;
    const listed = `EXISTS (SELECT 1 FROM engagement_staff es WHERE es.engagement_id = ${alias}.id AND es.staff_id = :visStaff)`;
    return staff.engagementAccess === 'all'
      ? qb.andWhere(`(${alias}.restricted = :visNo OR ${listed})`, { visStaff: staff.id, visNo: false })
      : qb.andWhere(listed, { visStaff: staff.id });
  }

  /** What is shared with a client account that this staff member cannot see. */
  async hiddenFrom(ctx: RequestContext, staff: StaffUser, accountId: string): Promise<HiddenItem[]> {
    if (staff.role === 'admin') return [];
    const shared = await ctx.scoped(Engagement).find({ accountId, sharedWithClient: true, deletedAt: IsNull() }, { name: 'ASC' });
    if (shared.length === 0) return [];
    const listed = new Set(
      (await ctx.manager.getRepository(EngagementStaff).find({ where: { staffId: staff.id, engagementId: In(shared.map((e) => e.id)) } })).map((r) => r.engagementId),
    );
    return shared
      .filter((e) => !listed.has(e.id) && (staff.engagementAccess !== 'all' || e.restricted))
      .map((e) => ({ type: 'engagement', id: e.id, name: e.name }));
  }
}
