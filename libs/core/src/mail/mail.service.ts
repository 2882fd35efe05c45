import { Inject, Injectable } from '@nestjs/common';
import { Firm } from '../database/entities/firm.entity.js';
import { MailMessage } from '../database/entities/mail-message.entity.js';
import { JobHandler, type JobHandlerInstance, type JobRunContext } from '../queue/job-handler.decorator.js';
import { defineJob } from '../queue/job-definition.js';
import { JobQueue } from '../queue/job-queue.service.js';
import type { RequestContext } from '../tenancy/request-context.js';
import { FirmResolver } from '../tenancy/firm-resolver.service.js';
import { DataSource } from 'typeorm';
import { MailRenderer } from './mail-renderer.js';
import type { MailTemplateName } from './mail-templates.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';

export const SendMailJob = defineJob<{ messageId: string }>('mail.send', { attempts: 8, backoffMs: 5000 });
/** How long a send job waits for its outbox row to be committed before it fails the attempt. */
const COMMIT_WAIT_MS = 2_000;
/** What `mail_message.data` holds after the last attempt: links and passwords in it must not outlive the sending. */
const REDACTED = JSON.stringify({ redacted: true });

export interface MailRequest {
  to: string;
  template: MailTemplateName;
  data: Record<string, unknown>;
}

/**
 * Sending is two steps: the message is written to the outbox table in the
 * caller's transaction, then a job renders and sends it with retries (a job that
 * runs before that transaction commits retries until the row is there).
 */
@Injectable()
export class MailService {
  constructor(private readonly jobs: JobQueue) {}

  async send(ctx: RequestContext, mail: MailRequest): Promise<string> {
    const repo = ctx.manager.getRepository(MailMessage);
    const row = repo.create({
      firmId: ctx.firm?.id ?? null,
      to: mail.to,
      template: mail.template,
      data: JSON.stringify(mail.data),
      status: 'queued',
      attempts: 0,
    });
    await repo.insert(row);
    await this.jobs.enqueue(SendMailJob, { messageId: row.id });
    return row.id;
  }
}

@Injectable()
@JobHandler(SendMailJob)
export class SendMailHandler implements JobHandlerInstance<{ messageId: string }> {
  private readonly renderer = new MailRenderer();

  constructor(
    private readonly db: DataSource,
    private readonly firms: FirmResolver,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  async handle({ messageId }: { messageId: string }, job: JobRunContext): Promise<{ sent: boolean }> {
    const repo = this.db.getRepository(MailMessage);
    const msg = await this.load(messageId);
    // The job may run before the transaction that wrote the row commits: retry.
    if (!msg) throw new Error(`mail message ${messageId} is not (yet) in the outbox`);
    if (msg.status === 'sent') return { sent: false }; // idempotent: at-least-once delivery
    const firm = msg.firmId ? await this.db.getRepository(Firm).findOne({ where: { id: msg.firmId } }) : null;
    const brand = firm
      ? { name: firm.name, primaryColor: firm.primaryColor, logoUrl: null, portalUrl: this.firms.portalUrl(firm) }
      : { name: 'Portico', primaryColor: '#1f4e79', logoUrl: null, portalUrl: null };
    const data = { ...JSON.parse(msg.data), firm: firm ? { name: firm.name, slug: firm.slug } : { name: 'Portico' } };
    let subject: string | null = null;
    try {
      const rendered = this.renderer.render(msg.template as MailTemplateName, data, brand);
      subject = rendered.subject;
      const { messageId: providerId } = await this.transport.send({ id: msg.id, to: msg.to, ...rendered });
      // Once sent, the template data (one-time links, temporary passwords) is not kept.
      await repo.update({ id: msg.id }, { status: 'sent', subject: rendered.subject, sentAt: new Date(), providerMessageId: providerId, attempts: msg.attempts + 1, lastError: null, data: REDACTED });
      return { sent: true };
    } catch (e) {
      const final = job.attempt >= job.maxAttempts;
      await repo.update({ id: msg.id }, { attempts: msg.attempts + 1, lastError: (e as Error).message, subject, ...(final ? { status: 'failed' as const, data: REDACTED } : {}) });
      throw e;
    }
  }

  /**
   * The outbox row, waiting a moment for the caller's transaction to commit: a queue that
   * runs the job at once (Bull) usually gets there first, and a retry would come seconds later.
   */
  private async load(messageId: string): Promise<MailMessage | null> {
    const deadline = Date.now() + COMMIT_WAIT_MS;
    for (;;) {
      const msg = await this.db.getRepository(MailMessage).findOne({ where: { id: messageId } });
      if (msg || Date.now() >= deadline) return msg;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
