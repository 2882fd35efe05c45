import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { RequestContext } from '@portico/core';
import { Engagement, EngagementStaff, StaffUser } from '../entities/index.js';

export interface HiddenItem {
  type: 'engagement';
  id: string;
  name: string;
}

/**
 * Who of the staff may see which engagement. Admins see all; a member with
 * `engagementAccess = all` sees every engagement not restricted to a list; a
 * listed member sees the engagements that list them.
 */
@Injectable()
export class EngagementAccess {
  async canSee(ctx: RequestContext, staff: StaffUser, engagement: Engagement): Promise<boolean> {
    if (staff.role === 'admin') return true;
    if (staff.engagementAccess === 'all' && !engagement.restricted) return true;
    return (await ctx.manager.getRepository(EngagementStaff).count({ where: { engagementId: engagement.id, staffId: staff.id } })) > 0;
  }

  /** What is shared with a client account that this staff member cannot see. */
  async hiddenFrom(ctx: RequestContext, staff: StaffUser, accountId: string): Promise<HiddenItem[]> {
    if (staff.role === 'admin') return [];
    const shared = await ctx.scoped(Engagement).find({ accountId, sharedWithClient: true });
    if (shared.length === 0) return [];
    const listed = new Set(
      (await ctx.manager.getRepository(EngagementStaff).find({ where: { staffId: staff.id, engagementId: In(shared.map((e) => e.id)) } })).map((r) => r.engagementId),
    );
    return shared
      .filter((e) => !listed.has(e.id) && (staff.engagementAccess !== 'all' || e.restricted))
      .map((e) => ({ type: 'engagement' as const, id: e.id, name: e.name }));
  }
}
