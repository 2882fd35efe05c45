import nodemailer, { type Transporter } from 'nodemailer';
import { mkdir, rename, writeFile, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailConfig } from '../config/portico-config.js';

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Where rendered mail goes: the outbox folder or an SMTP server. */
export interface MailTransport {
  readonly name: string;
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  verify?(): Promise<void>;
}

/** MAIL_DRIVER=outbox: each message becomes `<time>-<id>.eml` (+ `.json`) under the outbox folder. */
export class OutboxMailTransport implements MailTransport {
  readonly name = 'outbox';
  private readonly mailer: Transporter;

  constructor(
    readonly dir: string,
    private readonly from: string,
  ) {
    this.mailer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.mailer.sendMail({ from: this.from, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text });
    await mkdir(this.dir, { recursive: true });
    const stem = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}`;
    const meta = { id: mail.id, to: mail.to, from: this.from, subject: mail.subject, date: new Date().toISOString(), html: mail.html, text: mail.text };
    // Write under temporary names, then rename, so a reader never sees half a message.
    await writeFile(join(this.dir, `.${stem}.eml.tmp`), info.message as Buffer);
    await writeFile(join(this.dir, `.${stem}.json.tmp`), JSON.stringify(meta, null, 2));
    await rename(join(this.dir, `.${stem}.json.tmp`), join(this.dir, `${stem}.json`));
    await rename(join(this.dir, `.${stem}.eml.tmp`), join(this.dir, `${stem}.eml`));
    return { messageId: String(info.messageId) };
  }

  /** Newest first. */
  async list(): Promise<Array<{ file: string; to: string; subject: string; date: string }>> {
    let files: string[] = [];
    try {
      files = (await readdir(this.dir)).filter((f) => f.endsWith('.json') && !f.startsWith('.'));
    } catch {
      return [];
    }
    files.sort().reverse();
    return Promise.all(
      files.slice(0, 200).map(async (f) => {
        const m = JSON.parse(await readFile(join(this.dir, f), 'utf8')) as { to: string; subject: string; date: string };
        return { file: f.replace(/\.json$/, ''), to: m.to, subject: m.subject, date: m.date };
      }),
    );
  }

  async read(stem: string): Promise<{ meta: { to: string; from: string; subject: string; date: string; html: string; text: string }; eml: Buffer } | null> {
    if (!/^[\w-]+$/.test(stem)) return null;
    try {
      const meta = JSON.parse(await readFile(join(this.dir, `${stem}.json`), 'utf8'));
      return { meta, eml: await readFile(join(this.dir, `${stem}.eml`)) };
    } catch {
      return null;
    }
  }
}

/** MAIL_DRIVER=smtp: nodemailer to SMTP_URL. */
export class SmtpMailTransport implements MailTransport {
  readonly name = 'smtp';
  private readonly mailer: Transporter;

  constructor(url: string, private readonly from: string) {
    this.mailer = nodemailer.createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.mailer.sendMail({ from: this.from, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text });
    return { messageId: String(info.messageId) };
  }

  async verify(): Promise<void> {
    await this.mailer.verify();
  }
}

export function createMailTransport(config: MailConfig): MailTransport {
  return config.driver === 'smtp' ? new SmtpMailTransport(config.url, config.from) : new OutboxMailTransport(config.dir, config.from);
}

export const MAIL_TRANSPORT = Symbol.for('portico.MailTransport');
