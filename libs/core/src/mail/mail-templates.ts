/** Every e-mail Portico sends: its subject (Handlebars) and body file under templates/. */
export const MAIL_TEMPLATES = {
  'welcome-admin': { subject: 'Your portal {{firm.name}} is ready' },
  'staff-activation': { subject: 'Set your password for {{firm.name}}' },
  'client-invitation': { subject: '{{firm.name}} invites you to its client portal' },
  'client-temporary-password': { subject: 'Your temporary password for {{firm.name}}' },
  'password-reset': { subject: 'Reset your password for {{firm.name}}' },
  'login-email-verification': { subject: 'Confirm your new login e-mail for {{firm.name}}' },
  'password-expiry-reminder': { subject: 'Your {{firm.name}} password expires soon' },
} as const;

export type MailTemplateName = keyof typeof MAIL_TEMPLATES;
