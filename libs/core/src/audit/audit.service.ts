import { Injectable } from '@nestjs/common';
import { AuditEvent } from '../database/entities/audit-event.entity.js';
import type { RequestContext } from '../tenancy/request-context.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  /** Details for people reading the log; never passwords, tokens or keys. */
  data?: Record<string, unknown>;
}

/** Writes audit events in the caller's transaction, so a change and its record land together. */
@Injectable()
export class AuditLog {
  async record(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    await ctx.manager.getRepository(AuditEvent).insert({
      firmId: ctx.firm?.id ?? null,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      data: entry.data ? JSON.stringify(entry.data) : null,
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
  }
}
