import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface CaughtMail {
  to: string[];
  from: string;
  subject: string;
  html: string;
  text: string;
  raw: string;
}

/** A real SMTP server on a free loopback port that keeps what it receives. */
export class MailCatcher {
  readonly messages: CaughtMail[] = [];
  private waiters: Array<() => void> = [];
  private server: SMTPServer;

  private constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const parsed = await simpleParser(raw);
          this.messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            text: parsed.text ?? '',
            raw,
          });
          this.waiters.splice(0).forEach((w) => w());
          done();
        });
      },
    });
  }

  static async start(): Promise<MailCatcher> {
    const c = new MailCatcher();
    await new Promise<void>((resolve) => c.server.listen(0, '127.0.0.1', resolve));
    return c;
  }

  get url(): string {
    const { port } = this.server.server.address() as AddressInfo;
    return `smtp://127.0.0.1:${port}`;
  }

  /** Wait until a message to `to` arrives (or `timeoutMs` passes). */
  async waitFor(to: string, timeoutMs = 15_000, predicate: (m: CaughtMail) => boolean = () => true): Promise<CaughtMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.messages.find((m) => m.to.includes(to.toLowerCase()) && predicate(m));
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no e-mail to ${to} within ${timeoutMs} ms (got ${this.messages.length}: ${this.messages.map((m) => m.to.join(',')).join('; ')})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
