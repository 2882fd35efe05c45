import { Injectable, Logger } from '@nestjs/common';
import { DataSource, IsNull, LessThanOrEqual, MoreThan, Not } from 'typeorm';
import { AuditLog, EnqueueTickTask, Firm, FirmResolver, JobHandler, MailService, RequestContext, Task, defineJob, type JobHandlerInstance } from '@portico/core';
import { Credential } from '../entities/index.js';
import { PrincipalDirectory } from '../auth/principal-directory.js';
import { formatUtc } from '../portal-access/invitations.service.js';

export const PasswordExpiryJob = defineJob<{ tickAt: string }>('identity.password-expiry-reminders', { attempts: 3, backoffMs: 30_000 });
const DAY = 86_400_000;
const BATCH = 500;

/** Hourly: enqueue the password-expiry reminders (the sign-in enforces the expiry itself). */
@Injectable()
@Task()
export class PasswordExpiryTask extends EnqueueTickTask {
  readonly id = 'identity.password-expiry';
  readonly schedule = '0 7 * * * *';
  readonly description = 'E-mails a reminder before a password expires (firm policy; 0 days = off)';

  protected readonly job = PasswordExpiryJob;
}

@Injectable()
@JobHandler(PasswordExpiryJob)
export class PasswordExpiryHandler implements JobHandlerInstance<{ tickAt: string }> {
  private readonly logger = new Logger('PasswordExpiry');

  constructor(
    private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
    private readonly people: PrincipalDirectory,
    private readonly firms: FirmResolver,
  ) {}

  async handle(): Promise<{ reminded: number }> {
    let reminded = 0;
    const firms = await this.db.getRepository(Firm).find({ where: { passwordMaxAgeDays: MoreThan(0) } });
    for (const firm of firms) {
      const remindFrom = new Date(Date.now() - (firm.passwordMaxAgeDays - firm.passwordReminderDays) * DAY);
      const due = await this.db.getRepository(Credential).find({
        where: {
          firmId: firm.id, enabled: true, mustChangePassword: false, passwordHash: Not(IsNull()),
          passwordChangedAt: LessThanOrEqual(remindFrom), expiryReminderSentAt: IsNull(),
        },
        take: BATCH,
      });
      for (const credential of due) {
        await this.db.transaction(async (m) => {
          const ctx = RequestContext.system(m, firm);
          // Conditional: a retried job does not send the reminder twice.
          const claimed = await m.getRepository(Credential).update({ id: credential.id, expiryReminderSentAt: IsNull() }, { expiryReminderSentAt: new Date() });
          if (claimed.affected !== 1) return;
          const person = await this.people.describe(ctx, credential);
          const expiresAt = new Date(credential.passwordChangedAt!.getTime() + firm.passwordMaxAgeDays * DAY);
          const base = this.firms.portalUrl(firm) + (credential.kind === 'staff' ? '/staff' : '');
          await this.mail.send(ctx, {
            to: credential.loginEmail,
            template: 'password-expiry-reminder',
            data: { name: person.firstName, expiresAt: formatUtc(expiresAt), changeUrl: `${base}/account/password`, expired: expiresAt.getTime() <= Date.now() },
          });
          await this.audit.record(ctx, { action: 'auth.password-expiry-reminded', targetType: 'credential', targetId: credential.id, data: { expiresAt: expiresAt.toISOString() } });
          reminded++;
        });
      }
    }
    if (reminded) this.logger.log(`sent ${reminded} password-expiry reminder(s)`);
    return { reminded };
  }
}
