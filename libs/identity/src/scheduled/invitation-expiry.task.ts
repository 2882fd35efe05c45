import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThanOrEqual } from 'typeorm';
import { AuditLog, EnqueueTickTask, Firm, JobHandler, RequestContext, Task, defineJob, type JobHandlerInstance } from '@portico/core';
import { Credential, OneTimeToken } from '../entities/index.js';

export const InvitationExpiryJob = defineJob<{ tickAt: string }>('identity.invitation-expiry', { attempts: 3, backoffMs: 30_000 });

/**
 * Every 10 minutes: invitation links past their date are marked expired and the
 * audit log says so. (An expired link is refused at once anyway; this records it
 * for staff, who see the invitation as expired with a resend button.)
 */
@Injectable()
@Task()
export class InvitationExpiryTask extends EnqueueTickTask {
  readonly id = 'identity.invitation-expiry';
  readonly schedule = '0 */10 * * * *';
  readonly description = 'Marks invitation links past their validity as expired';

  protected readonly job = InvitationExpiryJob;
}

@Injectable()
@JobHandler(InvitationExpiryJob)
export class InvitationExpiryHandler implements JobHandlerInstance<{ tickAt: string }> {
  constructor(private readonly db: DataSource, private readonly audit: AuditLog) {}

  async handle(): Promise<{ expired: number }> {
    const due = await this.db.getRepository(OneTimeToken).find({
      where: { purpose: 'client-invitation', usedAt: IsNull(), revokedReason: IsNull(), expiresAt: LessThanOrEqual(new Date()) },
      take: 1000,
    });
    let expired = 0;
    for (const token of due) {
      await this.db.transaction(async (m) => {
        const res = await m.getRepository(OneTimeToken).update({ id: token.id, usedAt: IsNull(), revokedReason: IsNull() }, { revokedReason: 'expired' });
        if (res.affected !== 1) return;
        const firm = await m.getRepository(Firm).findOneOrFail({ where: { id: token.firmId } });
        const credential = await m.getRepository(Credential).findOne({ where: { id: token.subjectId } });
        await this.audit.record(RequestContext.system(m, firm), {
          action: 'portal.invitation-expired', targetType: 'contact', targetId: credential?.subjectId, data: { expiredAt: token.expiresAt.toISOString() },
        });
        expired++;
      });
    }
    return { expired };
  }
}
