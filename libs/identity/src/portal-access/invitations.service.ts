import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Not } from 'typeorm';
import { AuditLog, FirmResolver, MailService, ProblemException, conflict, validationFailed, type RequestContext } from '@portico/core';
import { Contact, ContactEmail, Credential, StaffUser, type PortalStatus } from '../entities/index.js';
import { OneTimeTokens, linkInvalid, tokenData } from '../auth/one-time-tokens.service.js';
import { Passwords } from '../auth/passwords.service.js';
import { PrincipalDirectory } from '../auth/principal-directory.js';
import { Sessions } from '../auth/sessions.service.js';
import { hashPassword } from '../password-hasher.js';
import { ShareVisibility } from '../access/share-visibility.js';

const DAY = 86_400_000;
const LOGIN_EMAIL_TTL = 7 * DAY;
/** No 0/O, 1/l/I: a temporary password is read from an e-mail and typed. */
const TEMP_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export interface PortalAccessView {
  status: PortalStatus;
  loginEmail: string | null;
  invitationExpiresAt: string | null;
  invitationExpired: boolean;
  temporaryPassword: boolean;
  temporaryPasswordExpiresAt: string | null;
  verifiedAt: string | null;
  lastSignInAt: string | null;
  mfaEnabled: boolean;
  pendingLoginEmail: string | null;
}

/**
 * A contact's portal access: invitation links, temporary passwords, disable and
 * re-enable, and the change of login e-mail. Access is a client {@link Credential}.
 */
@Injectable()
export class Invitations {
  constructor(
    private readonly tokens: OneTimeTokens,
    private readonly passwords: Passwords,
    private readonly sessions: Sessions,
    private readonly people: PrincipalDirectory,
    private readonly shares: ShareVisibility,
    private readonly mail: MailService,
    private readonly audit: AuditLog,
    private readonly firms: FirmResolver,
  ) {}

  async view(ctx: RequestContext, contactId: string): Promise<PortalAccessView> {
    const contact = await ctx.scoped(Contact).get({ id: contactId }, 'contact');
    const credential = await this.credentialOf(ctx, contact.id);
    const pending = credential && (await this.pendingLoginEmail(ctx, credential));
    return {
      status: contact.portalStatus,
      loginEmail: credential?.loginEmail ?? null,
      invitationExpiresAt: contact.portalStatus === 'invited' ? contact.invitationExpiresAt?.toISOString() ?? null : null,
      invitationExpired: contact.portalStatus === 'invited' && !!contact.invitationExpiresAt && contact.invitationExpiresAt.getTime() <= Date.now(),
      temporaryPassword: !!credential?.mustChangePassword && !!credential.tempPasswordExpiresAt,
      temporaryPasswordExpiresAt: credential?.mustChangePassword ? credential.tempPasswordExpiresAt?.toISOString() ?? null : null,
      verifiedAt: credential?.verifiedAt?.toISOString() ?? null,
      lastSignInAt: credential?.lastSignInAt?.toISOString() ?? null,
      mfaEnabled: !!credential?.mfaEnabledAt,
      pendingLoginEmail: pending ?? null,
    };
  }

  /** Invite with one of the contact's addresses, which becomes the login name. */
  async invite(ctx: RequestContext, contactId: string, email: string): Promise<PortalAccessView> {
    await ctx.transaction(async (tx) => {
      const contact = await tx.scoped(Contact).get({ id: contactId }, 'contact');
      const login = await this.assertContactAddress(tx, contact, email, 'email');
      let credential = await this.credentialOf(tx, contact.id);
      if (credential?.verifiedAt && credential.enabled) throw conflict('already-has-access', `${contact.firstName} ${contact.lastName} already has portal access.`);
      if (credential && !credential.enabled) throw conflict('access-disabled', 'Portal access is disabled for this contact; enable it instead.');
      await this.assertLoginFree(tx, login, credential?.id, 'email');
      if (!credential) {
        credential = tx.manager.getRepository(Credential).create({ firmId: tx.firmId, kind: 'client', subjectId: contact.id, loginEmail: login, enabled: true, mustChangePassword: false });
        await tx.manager.getRepository(Credential).insert(credential);
      } else if (credential.loginEmail !== login) {
        await tx.manager.getRepository(Credential).update({ id: credential.id }, { loginEmail: login });
        credential.loginEmail = login;
      }
      await this.sendInvitation(tx, contact, credential, credential.passwordHash ? 'portal.invitation-resent' : 'portal.invited');
    });
    return this.view(ctx, contactId);
  }

  /** A new link; the old one stops working at once. */
  async resend(ctx: RequestContext, contactId: string): Promise<PortalAccessView> {
    await ctx.transaction(async (tx) => {
      const contact = await tx.scoped(Contact).get({ id: contactId }, 'contact');
      const credential = await this.credentialOf(tx, contact.id);
      if (!credential || contact.portalStatus !== 'invited') throw conflict('not-invited', 'This contact has no pending invitation; invite them first.');
      await this.sendInvitation(tx, contact, credential, 'portal.invitation-resent');
    });
    return this.view(ctx, contactId);
  }

  /** A generated password by e-mail, valid for the firm's set days, to be replaced at first sign-in. */
  async sendTemporaryPassword(ctx: RequestContext, contactId: string, email?: string): Promise<PortalAccessView> {
    await ctx.transaction(async (tx) => {
      const contact = await tx.scoped(Contact).get({ id: contactId }, 'contact');
      let credential = await this.credentialOf(tx, contact.id);
      if (credential && !credential.enabled) throw conflict('access-disabled', 'Portal access is disabled for this contact; enable it first.');
      if (credential?.verifiedAt) {
        // A client who has used the portal gets the new password at their own login only;
        // moving the login elsewhere is the verified change of login e-mail.
        if (email && email.trim().toLowerCase() !== credential.loginEmail) {
          throw validationFailed([{ field: 'email', rule: 'currentLogin', message: 'A client with portal access gets the temporary password at their login e-mail; use “Change login e-mail” to move it' }]);
        }
        await this.assertSeesEverything(tx, contact, 'send a temporary password');
      }
      const login = email ? await this.assertContactAddress(tx, contact, email, 'email') : credential?.loginEmail;
      if (!login) throw validationFailed([{ field: 'email', rule: 'required', message: 'Choose which of the contact’s e-mail addresses to use' }]);
      await this.assertLoginFree(tx, login, credential?.id, 'email');
      const password = Array.from({ length: 14 }, () => TEMP_ALPHABET[randomInt(TEMP_ALPHABET.length)]).join('');
      const expiresAt = new Date(Date.now() + tx.firm!.tempPasswordTtlDays * DAY);
      const values = { loginEmail: login, passwordHash: await hashPassword(password), mustChangePassword: true, tempPasswordExpiresAt: expiresAt };
      if (!credential) {
        credential = tx.manager.getRepository(Credential).create({ firmId: tx.firmId, kind: 'client', subjectId: contact.id, enabled: true, ...values });
        await tx.manager.getRepository(Credential).insert(credential);
      } else {
        await tx.manager.getRepository(Credential).update({ id: credential.id }, values);
        await this.sessions.revokeAll(tx, [credential.id], 'temporary-password');
      }
      await this.tokens.revoke(tx, 'client-invitation', credential.id, 'replaced');
      if (!credential.verifiedAt) await this.setStatus(tx, contact, 'invited', expiresAt);
      const portalUrl = this.firms.portalUrl(tx.firm!);
      await this.mail.send(tx, {
        to: login,
        template: 'client-temporary-password',
        data: { name: contact.firstName, password, signInUrl: `${portalUrl}/sign-in`, expiresAt: formatUtc(expiresAt), loginEmail: login },
      });
      await this.audit.record(tx, { action: 'portal.temporary-password-sent', targetType: 'contact', targetId: contact.id, data: { loginEmail: login } });
    });
    return this.view(ctx, contactId);
  }

  /**
   * Only a staff member who can see everything shared with the client may cut
   * the client off; otherwise 409 listing what they cannot see.
   */
  async disable(ctx: RequestContext, contactId: string): Promise<PortalAccessView> {
    await ctx.transaction(async (tx) => {
      const contact = await tx.scoped(Contact).get({ id: contactId }, 'contact');
      const credential = await this.credentialOf(tx, contact.id);
      if (!credential) throw conflict('no-access', 'This contact has no portal access to disable.');
      if (!credential.enabled) return;
      await this.assertSeesEverything(tx, contact, 'disable portal access');
      await tx.manager.getRepository(Credential).update({ id: credential.id }, { enabled: false });
      await this.sessions.revokeAll(tx, [credential.id], 'access-disabled');
      await this.tokens.revoke(tx, 'client-invitation', credential.id, 'access-disabled');
      await this.tokens.revoke(tx, 'password-reset', credential.id, 'access-disabled');
      await this.setStatus(tx, contact, 'disabled', null);
      await this.audit.record(tx, { action: 'portal.access-disabled', targetType: 'contact', targetId: contact.id });
    });
    return this.view(ctx, contactId);
  }

  /** Re-enable: earlier shares are kept (they belong to the account, not the access). */
  async enable(ctx: RequestContext, contactId: string): Promise<PortalAccessView> {
    await ctx.transaction(async (tx) => {
      const contact = await tx.scoped(Contact).get({ id: contactId }, 'contact');
      const credential = await this.credentialOf(tx, contact.id);
      if (!credential) throw conflict('no-access', 'This contact has no portal access to enable; invite them instead.');
      if (credential.enabled) return;
      await tx.manager.getRepository(Credential).update({ id: credential.id }, { enabled: true });
      // A pending invitation's link died with the disable: it shows as expired, with a resend.
      await this.setStatus(tx, contact, credential.verifiedAt ? 'verified' : 'invited', credential.verifiedAt ? null : new Date());
      await this.audit.record(tx, { action: 'portal.access-enabled', targetType: 'contact', targetId: contact.id });
    });
    return this.view(ctx, contactId);
  }

  /** A change of login name is verified at the new address; until then the old one stays. */
  async requestLoginEmailChange(ctx: RequestContext, contactId: string, email: string): Promise<PortalAccessView> {
    await ctx.transaction(async (tx) => {
      const contact = await tx.scoped(Contact).get({ id: contactId }, 'contact');
      const credential = await this.credentialOf(tx, contact.id);
      if (!credential) throw conflict('no-access', 'This contact has no portal access; invite them with the address instead.');
      await this.assertSeesEverything(tx, contact, 'change the login e-mail');
      const login = email.trim().toLowerCase();
      if (login === credential.loginEmail) throw validationFailed([{ field: 'email', rule: 'different', message: 'This is already the login e-mail' }]);
      await this.assertLoginFree(tx, login, credential.id, 'email');
      const { token, expiresAt } = await this.tokens.issue(tx, 'login-email-change', credential.id, LOGIN_EMAIL_TTL, { email: login });
      await this.mail.send(tx, {
        to: login,
        template: 'login-email-verification',
        data: { name: contact.firstName, verifyUrl: `${this.firms.portalUrl(tx.firm!)}/verify-email?token=${token}`, expiresAt: formatUtc(expiresAt), email: login },
      });
      await this.audit.record(tx, { action: 'portal.login-email-change-requested', targetType: 'contact', targetId: contact.id, data: { from: credential.loginEmail, to: login } });
    });
    return this.view(ctx, contactId);
  }

  async confirmLoginEmail(ctx: RequestContext, token: string): Promise<string> {
    return ctx.transaction(async (tx) => {
      const row = await this.tokens.consume(tx, 'login-email-change', token);
      const { email } = tokenData<{ email: string }>(row);
      const credential = await tx.manager.getRepository(Credential).findOne({ where: { id: row.subjectId, firmId: tx.firmId, kind: 'client' } });
      if (!credential) throw linkInvalid();
      await this.assertLoginFree(tx, email, credential.id, 'token');
      if (!credential.enabled) throw linkInvalid();
      await tx.manager.getRepository(Credential).update({ id: credential.id }, { loginEmail: email });
      // Links sent to the old address stop working; a pending invitation goes to the new one.
      const hadInvitation = (await this.tokens.revoke(tx, 'client-invitation', credential.id, 'login-changed')) > 0;
      await this.tokens.revoke(tx, 'password-reset', credential.id, 'login-changed');
      if (hadInvitation && !credential.verifiedAt) {
        const contact = await tx.scoped(Contact).get({ id: credential.subjectId }, 'contact');
        await this.sendInvitation(tx, contact, { ...credential, loginEmail: email }, 'portal.invitation-resent');
      }
      const emails = tx.scoped(ContactEmail);
      if (!(await emails.findOne({ contactId: credential.subjectId, address: email }))) {
        await tx.manager.getRepository(ContactEmail).insert(emails.create({ contactId: credential.subjectId, address: email, label: 'login', position: await emails.count({ contactId: credential.subjectId }) }));
      }
      await this.audit.record(tx.withActor({ type: 'client', id: credential.subjectId }), { action: 'portal.login-email-changed', targetType: 'contact', targetId: credential.subjectId, data: { from: credential.loginEmail, to: email } });
      return email;
    });
  }

  async describe(ctx: RequestContext, token: string): Promise<{ firstName: string; email: string; firmName: string; expiresAt: string; passwordMinLength: number; mfaRequired: boolean }> {
    const row = await this.tokens.peek(ctx, 'client-invitation', token);
    const credential = await ctx.manager.getRepository(Credential).findOne({ where: { id: row.subjectId, firmId: ctx.firmId } });
    if (!credential || !credential.enabled || tokenData<{ email?: string }>(row).email !== credential.loginEmail) throw linkInvalid();
    const person = await this.people.describe(ctx, credential);
    return {
      firstName: person.firstName, email: credential.loginEmail, firmName: ctx.firm!.name, expiresAt: row.expiresAt.toISOString(),
      passwordMinLength: ctx.firm!.passwordMinLength, mfaRequired: ctx.firm!.requireClientMfa,
    };
  }

  /** Set the first password with the link; the contact becomes verified. */
  async accept(ctx: RequestContext, token: string, password: string): Promise<Credential> {
    const row = await this.tokens.peek(ctx, 'client-invitation', token);
    const credential = await ctx.manager.getRepository(Credential).findOne({ where: { id: row.subjectId, firmId: ctx.firmId } });
    if (!credential || !credential.enabled || tokenData<{ email?: string }>(row).email !== credential.loginEmail) throw linkInvalid();
    const person = await this.people.describe(ctx, credential);
    await this.passwords.assertAcceptable(ctx.firm!, password, 'password', this.people.passwordContext(person));
    await ctx.transaction(async (tx) => {
      await this.tokens.consume(tx, 'client-invitation', token);
      await this.passwords.setPermanent(tx, credential, password);
      await this.markVerified(tx, credential);
      await this.audit.record(tx.withActor({ type: 'client', id: credential.subjectId }), { action: 'portal.invitation-accepted', targetType: 'contact', targetId: credential.subjectId });
    });
    return ctx.manager.getRepository(Credential).findOneOrFail({ where: { id: credential.id } });
  }

  /** First permanent password of a client (by invitation or after a temporary password). */
  async markVerified(ctx: RequestContext, credential: Credential): Promise<void> {
    if (credential.kind !== 'client' || credential.verifiedAt) return;
    await ctx.manager.getRepository(Credential).update({ id: credential.id }, { verifiedAt: new Date() });
    const contact = await ctx.scoped(Contact).get({ id: credential.subjectId }, 'contact');
    await this.setStatus(ctx, contact, 'verified', null);
  }

  /** Invite or resend for many contacts at once; each answers for itself. */
  async bulk(ctx: RequestContext, contactIds: string[], action: 'invite' | 'resend'): Promise<Array<{ contactId: string; ok: boolean; status?: PortalStatus; error?: string }>> {
    const results = [];
    for (const contactId of contactIds) {
      try {
        let view: PortalAccessView;
        const existing = await this.credentialOf(ctx, contactId);
        if (action === 'resend' || (existing && !existing.verifiedAt && existing.enabled)) {
          // Inviting someone already invited resends to the login chosen then: bulk never changes a login.
          view = await this.resend(ctx, contactId);
        } else if (existing) {
          throw conflict('already-has-access', existing.enabled ? 'Already has portal access.' : 'Portal access is disabled; enable it instead.');
        } else {
          const first = await ctx.scoped(ContactEmail).find({ contactId }, { position: 'ASC' });
          if (!first.length) throw validationFailed([{ field: 'email', rule: 'required', message: 'The contact has no e-mail address' }]);
          view = await this.invite(ctx, contactId, first[0].address);
        }
        results.push({ contactId, ok: true, status: view.status });
      } catch (e) {
        results.push({ contactId, ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    }
    return results;
  }

  /**
   * Cutting a client off, or changing where their sign-in goes (login e-mail, a new
   * temporary password for an existing login), is only for staff who can see everything
   * shared with the client: otherwise 409 listing what they cannot see.
   */
  private async assertSeesEverything(ctx: RequestContext, contact: Contact, what: string): Promise<void> {
    if (ctx.actor.type !== 'staff') return;
    const staff = await ctx.scoped(StaffUser).get({ id: ctx.actor.id ?? '' }, 'staff member');
    const hidden = await this.shares.hiddenFrom(ctx, staff, contact.accountId);
    if (hidden.length) {
      throw new ProblemException(409, 'shares-not-visible',
        `You cannot ${what}: ${hidden.length} item(s) shared with this client are not visible to you. Ask an admin or a colleague with access.`,
        undefined, { hidden });
    }
  }

  credentialOf(ctx: RequestContext, contactId: string): Promise<Credential | null> {
    return ctx.manager.getRepository(Credential).findOne({ where: { firmId: ctx.firmId, kind: 'client', subjectId: contactId } });
  }

  private async pendingLoginEmail(ctx: RequestContext, credential: Credential): Promise<string | null> {
    const row = await this.tokens.latest(ctx, 'login-email-change', credential.id);
    if (!row || row.usedAt || row.revokedReason || row.expiresAt.getTime() <= Date.now()) return null;
    return tokenData<{ email: string }>(row).email;
  }

  private async sendInvitation(ctx: RequestContext, contact: Contact, credential: Credential, action: string): Promise<void> {
    const { token, expiresAt } = await this.tokens.issue(ctx, 'client-invitation', credential.id, ctx.firm!.invitationTtlDays * DAY, { email: credential.loginEmail });
    await this.setStatus(ctx, contact, 'invited', expiresAt);
    const portalUrl = this.firms.portalUrl(ctx.firm!);
    await this.mail.send(ctx, {
      to: credential.loginEmail,
      template: 'client-invitation',
      data: { name: contact.firstName, acceptUrl: `${portalUrl}/accept-invitation?token=${token}`, expiresAt: formatUtc(expiresAt), portalUrl, loginEmail: credential.loginEmail },
    });
    await this.audit.record(ctx, { action, targetType: 'contact', targetId: contact.id, data: { loginEmail: credential.loginEmail, expiresAt: expiresAt.toISOString() } });
  }

  private async setStatus(ctx: RequestContext, contact: Contact, status: PortalStatus, invitationExpiresAt: Date | null): Promise<void> {
    await ctx.manager.getRepository(Contact).update({ id: contact.id, firmId: ctx.firmId }, { portalStatus: status, invitationExpiresAt });
  }

  private async assertContactAddress(ctx: RequestContext, contact: Contact, email: string, field: string): Promise<string> {
    const login = email.trim().toLowerCase();
    const known = await ctx.scoped(ContactEmail).findOne({ contactId: contact.id, address: login });
    if (!known) throw validationFailed([{ field, rule: 'contactEmail', message: 'Choose one of the contact’s e-mail addresses' }]);
    return login;
  }

  private async assertLoginFree(ctx: RequestContext, login: string, ownCredentialId: string | undefined, field: string): Promise<void> {
    const taken = await ctx.manager.getRepository(Credential).findOne({
      where: { firmId: ctx.firmId, kind: 'client', loginEmail: login, ...(ownCredentialId ? { id: Not(ownCredentialId) } : {}) },
    });
    if (taken) throw conflict('login-taken', `${login} is already the login of another contact.`, [{ field, rule: 'unique', message: 'This address is already the login of another contact' }]);
  }
}

export function formatUtc(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
