import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MAIL_TEMPLATES, type MailTemplateName } from './mail-templates.js';
import { readableOnWhite, textOn } from './colour.js';

export interface MailBrand {
  name: string;
  primaryColor: string;
  logoUrl: string | null;
  portalUrl: string | null;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const dir = fileURLToPath(new URL('./templates/', import.meta.url));

/** Renders the firm-branded layout around a template. Values are HTML-escaped. */
export class MailRenderer {
  private readonly hbs = Handlebars.create();
  private readonly layout: Handlebars.TemplateDelegate;
  private readonly bodies = new Map<string, Handlebars.TemplateDelegate>();
  private readonly subjects = new Map<string, Handlebars.TemplateDelegate>();

  constructor() {
    this.layout = this.hbs.compile(readFileSync(dir + 'layout.hbs', 'utf8'), { strict: false });
    for (const [name, t] of Object.entries(MAIL_TEMPLATES)) {
      this.bodies.set(name, this.hbs.compile(readFileSync(`${dir}${name}.hbs`, 'utf8')));
      // Subjects are plain text: no HTML escaping.
      this.subjects.set(name, this.hbs.compile(t.subject, { noEscape: true }));
    }
  }

  render(template: MailTemplateName, data: Record<string, unknown>, brand: MailBrand): RenderedMail {
    const body = this.bodies.get(template);
    if (!body) throw new Error(`unknown mail template "${template}"`);
    const b = {
      name: brand.name,
      primary: brand.primaryColor,
      onPrimary: textOn(brand.primaryColor),
      accentText: readableOnWhite(brand.primaryColor),
      logoUrl: brand.logoUrl,
      portalUrl: brand.portalUrl,
    };
    const context = { ...data, brand: b };
    const subject = this.subjects.get(template)!(context).replace(/[\r\n]+/g, ' ').trim();
    const inner = body(context);
    const html = this.layout({ subject, body: inner, brand: b });
    return { subject, html, text: htmlToText(inner) };
  }
}

function htmlToText(html: string): string {
  return html
    .replace(/<a [^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
    .replace(/<\/(p|div|h\d|li|tr)>/gi, '\n\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&#x60;/g, '`')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
