import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import Handlebars from 'handlebars';
import type { FastifyReply } from 'fastify';
import { AnyHost } from '../tenancy/host-scope.decorator.js';
import { notFound } from '../http/problem.js';
import { MAIL_TRANSPORT, OutboxMailTransport, type MailTransport } from './mail-transport.js';

const page = Handlebars.compile(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{title}} · Portico mailbox</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2430}header{background:#1f4e79;color:#fff;padding:14px 24px}
main{padding:24px;max-width:1000px;margin:auto}table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;padding:10px;border-bottom:1px solid #e6e8eb}
a{color:#1f4e79}iframe{width:100%;height:70vh;border:1px solid #d0d4da;background:#fff}.meta{margin-bottom:12px}</style></head>
<body><header><strong>Portico development mailbox</strong> — e-mails written to the outbox (MAIL_DRIVER=outbox)</header><main>{{{content}}}</main></body></html>`);
const list = Handlebars.compile(`<h1>Mailbox</h1>{{#if mails.length}}<table><thead><tr><th scope="col">Date</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>
{{#each mails}}<tr><td>{{date}}</td><td>{{to}}</td><td><a href="/dev/mailbox/{{file}}">{{subject}}</a></td></tr>{{/each}}</tbody></table>{{else}}<p>No e-mail yet.</p>{{/if}}`);
const show = Handlebars.compile(`<p><a href="/dev/mailbox">← All e-mails</a></p><h1>{{meta.subject}}</h1>
<div class="meta">To <strong>{{meta.to}}</strong> · from {{meta.from}} · {{meta.date}} · <a href="/dev/mailbox/{{stem}}/raw" download>download .eml</a></div>
<iframe title="E-mail body" sandbox srcdoc="{{meta.html}}"></iframe>`);

/** Lists and shows the outbox; only mounted with MAIL_DRIVER=outbox outside production. */
@ApiExcludeController()
@Controller('/dev/mailbox')
@AnyHost()
export class DevMailboxController {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  private get outbox(): OutboxMailTransport {
    if (!(this.transport instanceof OutboxMailTransport)) throw notFound();
    return this.transport;
  }

  @Get()
  async index(@Res() reply: FastifyReply): Promise<void> {
    const mails = await this.outbox.list();
    void reply.type('text/html; charset=utf-8').send(page({ title: 'Mailbox', content: list({ mails }) }));
  }

  @Get(':stem')
  async one(@Param('stem') stem: string, @Res() reply: FastifyReply): Promise<void> {
    const mail = await this.outbox.read(stem);
    if (!mail) throw notFound('e-mail');
    void reply.type('text/html; charset=utf-8').send(page({ title: mail.meta.subject, content: show({ meta: mail.meta, stem }) }));
  }

  @Get(':stem/raw')
  async raw(@Param('stem') stem: string, @Res() reply: FastifyReply): Promise<void> {
    const mail = await this.outbox.read(stem);
    if (!mail) throw notFound('e-mail');
    void reply.type('message/rfc822').header('content-disposition', `attachment; filename="${stem}.eml"`).send(mail.eml);
  }
}
