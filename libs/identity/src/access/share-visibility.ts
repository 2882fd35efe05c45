import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@portico/core';
import type { StaffUser } from '../entities/index.js';

/** Something shared with a client account that a staff member cannot see. */
export interface HiddenItem {
  /** What kind of item, e.g. `engagement` (later `document`). */
  type: string;
  id: string;
  name: string;
}

/** A lib that shares things with client accounts answers what of it a staff member cannot see. */
export interface ShareVisibilitySource {
  hiddenFrom(ctx: RequestContext, staff: StaffUser, accountId: string): Promise<HiddenItem[]>;
}

/**
 * The port through which identity asks "what shared with this client can this staff
 * member not see?" without knowing what is shared. Libs above identity (engagements,
 * later documents) register a source when their module starts; identity never imports them.
 */
@Injectable()
export class ShareVisibility {
  private readonly sources: ShareVisibilitySource[] = [];

  register(source: ShareVisibilitySource): void {
    if (!this.sources.includes(source)) this.sources.push(source);
  }

  async hiddenFrom(ctx: RequestContext, staff: StaffUser, accountId: string): Promise<HiddenItem[]> {
    const hidden: HiddenItem[] = [];
    for (const source of this.sources) hidden.push(...(await source.hiddenFrom(ctx, staff, accountId)));
    return hidden;
  }
}
