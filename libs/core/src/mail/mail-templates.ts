/** Every e-mail Portico sends: its subject (Handlebars) and body file under templates/. */
export const MAIL_TEMPLATES = {
  'welcome-admin': { subject: 'Your portal {{firm.name}} is ready' },
  'staff-activation': { subject: 'Set your password for {{firm.name}}' },
} as const;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
