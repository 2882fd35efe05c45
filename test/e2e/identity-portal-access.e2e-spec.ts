import { createHash } from 'node:crypto';
import { createTestEnvironment, eventually, type TestEnvironment } from '@portico/testing';
import { AuditEvent, JobQueue, MailMessage } from '@portico/core';
import { Contact, Credential, InvitationExpiryJob, OneTimeToken } from '@portico/identity';
import { Engagement, EngagementStaff } from '@portico/engagements';
import {
  INVITATION, activeClient, activeStaff, createContact, expectProblem, firmWithAdmin, invite, linkToken, nextMail, signedIn,
  type ActiveStaff, type FirmApi, type FirmWithAdmin,
} from './identity-support.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('identity: portal access (invite, resend, expiry, temporary password, disable, login e-mail)', () => {
  let env: TestEnvironment;
  let acme: FirmWithAdmin;
  let api: FirmApi;
  let admin: string;
  const access = (contactId: string, action = '', body?: unknown, token = admin) =>
    api.call(action ? 'POST' : 'GET', `/api/v1/staff/contacts/${contactId}/portal-access${action ? `/${action}` : ''}`, { token, body });
  const describeLink = (token: string) => api.call('GET', `/api/v1/auth/client/invitation?token=${token}`);
  const accept = (token: string, password = 'violet canyon ledger 4419') => api.call('POST', '/api/v1/auth/client/invitation/accept', { body: { token, password } });
  const contactsWhere = async (query: string) => (await api.call('GET', `/api/v1/staff/contacts?${query}`, { token: admin })).json().items as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const auditOf = (targetId: string) => env.db.getRepository(AuditEvent).find({ where: { targetId }, order: { createdAt: 'ASC' } });

  beforeAll(async () => {
    env = await createTestEnvironment();
    acme = await firmWithAdmin(env, 'acme', 'Acme CPA');
    api = acme.api;
    admin = acme.admin.accessToken;
  });
  afterAll(() => env.close());

  it('invites with a chosen address; resend gives a new link and the old one stops working', async () => {
    const { contactId } = await createContact(api, admin, { firstName: 'Nora', lastName: 'Quinn', emails: ['nora@home.test', 'Nora@Work.test'] });
    const notHers = await access(contactId, 'invite', { email: 'someone@else.test' });
    expect(expectProblem(notHers, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'email', rule: 'contactEmail' })]);

    const invited = await access(contactId, 'invite', { email: 'nora@work.test' });
    expect(invited.status).toBe(200);
    expect(invited.json()).toMatchObject({ status: 'invited', loginEmail: 'nora@work.test', invitationExpired: false, verifiedAt: null });
    const ttl = Date.parse(invited.json().invitationExpiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(7 * 86_400_000 - 60_000); // the firm's default: 7 days
    expect(ttl).toBeLessThanOrEqual(7 * 86_400_000);
    const mail1 = await nextMail(env, 'nora@work.test', /^Acme CPA invites you to its client portal$/);
    const old = linkToken(mail1);
    expect(mail1.text).toContain(`http://acme.localhost:3000/accept-invitation?token=${old}`);
    expect(mail1.text).toContain('nora@work.test');
    expect(env.mail.messages.some((m) => m.to.includes('nora@home.test'))).toBe(false);
    expect((await describeLink(old)).json()).toMatchObject({ firstName: 'Nora', email: 'nora@work.test', firmName: 'Acme CPA', mfaRequired: false });

    expect((await access(contactId, 'resend')).json()).toMatchObject({ status: 'invited' });
    const fresh = linkToken(await nextMail(env, 'nora@work.test', INVITATION));
    expect(fresh).not.toBe(old);
    expectProblem(await describeLink(old), 404, 'link-invalid');
    expectProblem(await accept(old), 404, 'link-invalid');
    expect((await describeLink(fresh)).status).toBe(200);

    const weak = await accept(fresh, 'Nora Quinn 2024!');
    expect(expectProblem(weak, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'password', rule: 'contextual' })]);
    // Opened twice at once (two tabs): the link works once.
    const both = await Promise.all([accept(fresh), accept(fresh)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 404]);
    const session = signedIn(both.find((r) => r.status === 200)!, 'client');
    expect((await api.call('GET', '/api/v1/portal/me', { token: session.accessToken })).json()).toMatchObject({ kind: 'client', firstName: 'Nora', email: 'nora@work.test' });
    expectProblem(await accept(fresh), 404, 'link-invalid'); // once only
    expectProblem(await describeLink(fresh), 404, 'link-invalid');

    expect((await access(contactId)).json()).toMatchObject({ status: 'verified', loginEmail: 'nora@work.test', verifiedAt: expect.any(String), lastSignInAt: expect.any(String) });
    expectProblem(await access(contactId, 'resend'), 409, 'not-invited');
    expectProblem(await access(contactId, 'invite', { email: 'nora@home.test' }), 409, 'already-has-access');
    const row = (await contactsWhere('portalStatus=verified')).find((c) => c.id === contactId);
    expect(row).toMatchObject({ portalStatus: 'verified', verified: true, loginEmail: 'nora@work.test' });
    const actions = (await auditOf(contactId)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['contact.created', 'portal.invited', 'portal.invitation-resent', 'portal.invitation-accepted']));
  });

  it('an expired invitation link is refused with 410 and shows as expired until it is resent', async () => {
    const { contactId } = await createContact(api, admin, { firstName: 'Omar', lastName: 'Reyes', emails: ['omar@reyes.test'] });
    const token = await invite(api, admin, contactId, 'omar@reyes.test');
    // A week passes (the link's and the contact's expiry moved into the past together).
    const past = new Date(Date.now() - 60_000);
    await env.db.getRepository(OneTimeToken).update({ tokenHash: sha256(token) }, { expiresAt: past });
    await env.db.getRepository(Contact).update({ id: contactId }, { invitationExpiresAt: past });

    expect(expectProblem(await describeLink(token), 410, 'link-expired').expiredAt).toBe(past.toISOString());
    expectProblem(await accept(token), 410, 'link-expired');
    expect((await access(contactId)).json()).toMatchObject({ status: 'invited', invitationExpired: true });
    expect((await contactsWhere('portalStatus=invited')).find((c) => c.id === contactId)).toMatchObject({ invitationExpired: true, verified: false });

    // The scheduled job records the expiry; the link stays refused as expired.
    const jobs = env.app.get(JobQueue);
    const id = await jobs.enqueue(InvitationExpiryJob, { tickAt: new Date().toISOString() });
    await eventually(async () => expect((await jobs.get(id))?.state).toBe('completed'));
    expect((await auditOf(contactId)).map((a) => a.action)).toContain('portal.invitation-expired');
    expectProblem(await describeLink(token), 410, 'link-expired');

    // Resend: a new link with the firm's current validity.
    const shorter = await api.call('PATCH', '/api/v1/staff/settings/security', { token: admin, body: { invitationTtlDays: 2 } });
    expect(shorter.json().invitationTtlDays).toBe(2);
    const resent = await access(contactId, 'resend');
    expect(resent.json()).toMatchObject({ status: 'invited', invitationExpired: false });
    expect(Math.abs(Date.parse(resent.json().invitationExpiresAt) - (Date.now() + 2 * 86_400_000))).toBeLessThan(60_000);
    const fresh = linkToken(await nextMail(env, 'omar@reyes.test', INVITATION));
    expect((await describeLink(fresh)).status).toBe(200);
    expectProblem(await accept(token), 410, 'link-expired'); // the old one stays refused
    signedIn(await accept(fresh), 'client');
    await api.call('PATCH', '/api/v1/staff/settings/security', { token: admin, body: { invitationTtlDays: 7 } });
  });

  it('invites and resends in bulk; each contact answers for itself', async () => {
    const a = await createContact(api, admin, { firstName: 'Bea', lastName: 'Adams', emails: ['bea@bulk.test', 'bea2@bulk.test'] });
    const b = await createContact(api, admin, { firstName: 'Cal', lastName: 'Baker', emails: ['cal@bulk.test'] });
    const none = await createContact(api, admin, { firstName: 'Dee', lastName: 'Cole', emails: [] });
    const res = await api.call('POST', '/api/v1/staff/contacts/portal-access/bulk', { token: admin, body: { contactIds: [a.contactId, b.contactId, none.contactId], action: 'invite' } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual([
      { contactId: a.contactId, ok: true, status: 'invited' },
      { contactId: b.contactId, ok: true, status: 'invited' },
      { contactId: none.contactId, ok: false, error: expect.any(String) },
    ]);
    const first = { a: linkToken(await nextMail(env, 'bea@bulk.test', INVITATION)), b: linkToken(await nextMail(env, 'cal@bulk.test', INVITATION)) };

    const again = await api.call('POST', '/api/v1/staff/contacts/portal-access/bulk', { token: admin, body: { contactIds: [a.contactId, b.contactId], action: 'resend' } });
    expect(again.json().map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    const second = { a: linkToken(await nextMail(env, 'bea@bulk.test', INVITATION)), b: linkToken(await nextMail(env, 'cal@bulk.test', INVITATION)) };
    for (const k of ['a', 'b'] as const) {
      expectProblem(await describeLink(first[k]), 404, 'link-invalid');
      expect((await describeLink(second[k])).status).toBe(200);
    }
    // Bea was invited at her first address; a staff member re-invites her at the second one, then
    // a bulk "invite" must resend to the login chosen last, never switch it back to the first address.
    await access(a.contactId, 'invite', { email: 'bea2@bulk.test' });
    await nextMail(env, 'bea2@bulk.test', INVITATION);
    const bulkAgain = await api.call('POST', '/api/v1/staff/contacts/portal-access/bulk', { token: admin, body: { contactIds: [a.contactId], action: 'invite' } });
    expect(bulkAgain.json()).toEqual([{ contactId: a.contactId, ok: true, status: 'invited' }]);
    expect((await access(a.contactId)).json()).toMatchObject({ loginEmail: 'bea2@bulk.test' });

    const bad = await api.call('POST', '/api/v1/staff/contacts/portal-access/bulk', { token: admin, body: { contactIds: ['not-a-uuid'], action: 'invite' } });
    expect(expectProblem(bad, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'contactIds' })]);
  });

  it('a temporary password must be replaced at the first sign-in, then the contact is verified; it can be sent again', async () => {
    const { contactId } = await createContact(api, admin, { firstName: 'Tess', lastName: 'Ward', emails: ['tess@ward.test'] });
    const missing = await access(contactId, 'temporary-password', {});
    expect(expectProblem(missing, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'email', rule: 'required' })]);
    const sent = await access(contactId, 'temporary-password', { email: 'tess@ward.test' });
    expect(sent.json()).toMatchObject({ status: 'invited', temporaryPassword: true, loginEmail: 'tess@ward.test', verifiedAt: null });
    const temporary = /Temporary password:\s*(\S+)/.exec((await nextMail(env, 'tess@ward.test', /^Your temporary password for Acme CPA$/)).text)![1];
    expect(temporary.length).toBeGreaterThanOrEqual(12);

    const first = await api.signIn('client', 'tess@ward.test', temporary);
    expect(first.json()).toEqual({ status: 'password-change-required', reason: 'temporary', challengeToken: expect.any(String) });
    expect(first.headers['set-cookie']).toBeUndefined();
    const session = signedIn(await api.call('POST', '/api/v1/auth/client/challenge/password', { body: { challengeToken: first.json().challengeToken, newPassword: 'copper lagoon 8814 fern' } }), 'client');
    expect((await access(contactId)).json()).toMatchObject({ status: 'verified', temporaryPassword: false, verifiedAt: expect.any(String) });
    expect((await contactsWhere('portalStatus=verified')).find((c) => c.id === contactId)).toMatchObject({ verified: true });
    expectProblem(await api.signIn('client', 'tess@ward.test', temporary), 401, 'invalid-credentials');
    await api.session('client', 'tess@ward.test', 'copper lagoon 8814 fern');

    // She forgot it: staff send another (to the login e-mail); her sessions end, the old password stops working.
    expect((await access(contactId, 'temporary-password', {})).json()).toMatchObject({ status: 'verified', temporaryPassword: true });
    const second = /Temporary password:\s*(\S+)/.exec((await nextMail(env, 'tess@ward.test', /^Your temporary password/)).text)![1];
    expect(await api.meStatus('client', session.accessToken)).toBe(401);
    expectProblem(await api.signIn('client', 'tess@ward.test', 'copper lagoon 8814 fern'), 401, 'invalid-credentials');
    // …and it expires.
    const credential = await env.db.getRepository(Credential).findOneOrFail({ where: { kind: 'client', subjectId: contactId } });
    await env.db.getRepository(Credential).update({ id: credential.id }, { tempPasswordExpiresAt: new Date(Date.now() - 1000) });
    expectProblem(await api.signIn('client', 'tess@ward.test', second), 401, 'temporary-password-expired');
    await env.db.getRepository(Credential).update({ id: credential.id }, { tempPasswordExpiresAt: new Date(Date.now() + 86_400_000) });
    expect((await api.signIn('client', 'tess@ward.test', second)).json()).toMatchObject({ status: 'password-change-required', reason: 'temporary' });
    const actions = (await auditOf(contactId)).map((a) => a.action);
    expect(actions.filter((a) => a === 'portal.temporary-password-sent')).toHaveLength(2);
  });

  describe('disable and re-enable', () => {
    let sam: ActiveStaff; // staff, sees only engagements that list him
    let alex: ActiveStaff; // staff, sees every engagement that is not restricted
    beforeAll(async () => {
      sam = await activeStaff(api, admin, { name: 'Sam Lee', email: 'sam@acme.test', role: 'staff', engagementAccess: 'assigned' });
      alex = await activeStaff(api, admin, { name: 'Alex Kim', email: 'alex@acme.test', role: 'staff', engagementAccess: 'all' });
    });

    it('is refused with 409 listing what the staff member cannot see; an admin may; sessions end at once; re-enable needs no new invitation', async () => {
      const client = await activeClient(api, admin, { firstName: 'Rita', lastName: 'Moss', email: 'rita@moss.test' });
      // Engagements have no API yet (issue 4): rows as a fixture.
      const engagements = env.db.getRepository(Engagement);
      const fixture = async (name: string, restricted: boolean, sharedWithClient: boolean) => {
        const row = engagements.create({ firmId: acme.firmId, accountId: client.accountId, name, restricted, sharedWithClient, status: 'open' });
        await engagements.insert(row);
        return row;
      };
      const tax = await fixture('Tax return 2025', false, true);
      const audit = await fixture('Audit defence', true, true);
      await fixture('Internal review', true, false); // not shared with the client: irrelevant

      const bySam = expectProblem(await access(client.contactId, 'disable', undefined, sam.session.accessToken), 409, 'shares-not-visible');
      expect(bySam.detail).toMatch(/2 item/);
      expect([...bySam.hidden].sort((x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name))).toEqual([
        { type: 'engagement', id: audit.id, name: 'Audit defence' },
        { type: 'engagement', id: tax.id, name: 'Tax return 2025' },
      ]);
      const byAlex = expectProblem(await access(client.contactId, 'disable', undefined, alex.session.accessToken), 409, 'shares-not-visible');
      expect(byAlex.hidden).toEqual([{ type: 'engagement', id: audit.id, name: 'Audit defence' }]);
      expect(await api.meStatus('client', client.session.accessToken)).toBe(200); // nothing happened
      expect((await access(client.contactId)).json().status).toBe('verified');

      // An admin sees everything: allowed, and the client is out at once.
      const other = await api.session('client', client.email, client.password);
      const disabled = await access(client.contactId, 'disable');
      expect(disabled.status).toBe(200);
      expect(disabled.json()).toMatchObject({ status: 'disabled' });
      for (const s of [client.session, other]) {
        expect(await api.meStatus('client', s.accessToken)).toBe(401);
        expectProblem(await api.refresh('client', s.cookie), 401, 'session-ended');
      }
      expectProblem(await api.signIn('client', client.email, client.password), 401, 'invalid-credentials');
      expect((await api.call('POST', '/api/v1/auth/client/forgot-password', { body: { email: client.email } })).status).toBe(202);
      expect(await env.db.getRepository(MailMessage).count({ where: { to: client.email, template: 'password-reset' } })).toBe(0);
      expect((await contactsWhere('portalStatus=disabled')).map((c) => c.id)).toContain(client.contactId);
      expect((await contactsWhere('portalStatus=verified')).map((c) => c.id)).not.toContain(client.contactId);

      // Re-enable: the same login and password work again; no invitation is sent.
      const enabled = await access(client.contactId, 'enable');
      expect(enabled.json()).toMatchObject({ status: 'verified', loginEmail: client.email });
      const back = await api.session('client', client.email, client.password);
      expect(await api.meStatus('client', back.accessToken)).toBe(200);
      expect(await env.db.getRepository(MailMessage).count({ where: { to: client.email, template: 'client-invitation' } })).toBe(1);
      expect(await engagements.count({ where: { accountId: client.accountId, sharedWithClient: true } })).toBe(2);

      // Once on the restricted engagement's list, Alex sees everything shared and may disable.
      await env.db.getRepository(EngagementStaff).insert({ engagementId: audit.id, staffId: alex.id });
      expect((await access(client.contactId, 'disable', undefined, alex.session.accessToken)).json()).toMatchObject({ status: 'disabled' });
      expect(await api.meStatus('client', back.accessToken)).toBe(401);
      // Any staff member may give access back; Sam still may not take it away.
      expect((await access(client.contactId, 'enable', undefined, sam.session.accessToken)).json()).toMatchObject({ status: 'verified' });
      expectProblem(await access(client.contactId, 'disable', undefined, sam.session.accessToken), 409, 'shares-not-visible');
      // Nor may Sam move the client's sign-in to an address of his choosing.
      expectProblem(await access(client.contactId, 'login-email', { email: 'sam.private@elsewhere.test' }, sam.session.accessToken), 409, 'shares-not-visible');
      expectProblem(await access(client.contactId, 'temporary-password', {}, sam.session.accessToken), 409, 'shares-not-visible');
      // A client who has used the portal gets a temporary password only at the login e-mail.
      const elsewhere = await access(client.contactId, 'temporary-password', { email: 'rita.second@moss.test' });
      expect(expectProblem(elsewhere, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'email', rule: 'currentLogin' })]);

      const events = await auditOf(client.contactId);
      const disables = events.filter((e) => e.action === 'portal.access-disabled');
      const adminId = (await api.call('GET', '/api/v1/staff/me', { token: admin })).json().id;
      expect(disables.map((e) => [e.actorType, e.actorId])).toEqual([['staff', adminId], ['staff', alex.id]]);
      expect(events.filter((e) => e.action === 'portal.access-enabled')).toHaveLength(2);
    });

    it('disabling a pending invitation kills its link; after re-enabling, a resend gives a working one', async () => {
      const { contactId } = await createContact(api, admin, { firstName: 'Pia', lastName: 'Lund', emails: ['pia@lund.test'] });
      const token = await invite(api, admin, contactId, 'pia@lund.test');
      expect((await access(contactId, 'disable', undefined, sam.session.accessToken)).json()).toMatchObject({ status: 'disabled' }); // nothing shared yet
      expectProblem(await describeLink(token), 404, 'link-invalid');
      expectProblem(await accept(token), 404, 'link-invalid');
      expectProblem(await access(contactId, 'invite', { email: 'pia@lund.test' }), 409, 'access-disabled');
      // Its link died with the disable, so the invitation shows as expired, with a resend.
      expect((await access(contactId, 'enable')).json()).toMatchObject({ status: 'invited', invitationExpired: true });
      await access(contactId, 'resend');
      signedIn(await accept(linkToken(await nextMail(env, 'pia@lund.test', INVITATION))), 'client');
    });

    it('staff see a client’s signed-in devices and can end one', async () => {
      const client = await activeClient(api, admin, { firstName: 'Ugo', lastName: 'Ferri', email: 'ugo@ferri.test' });
      const list = await api.call('GET', `/api/v1/staff/contacts/${client.contactId}/portal-access/sessions`, { token: sam.session.accessToken });
      expect(list.status).toBe(200);
      expect(list.json()).toHaveLength(1);
      const sid = list.json()[0].id;
      expect((await api.call('DELETE', `/api/v1/staff/contacts/${client.contactId}/portal-access/sessions/${sid}`, { token: admin })).status).toBe(200);
      expect(await api.meStatus('client', client.session.accessToken)).toBe(401);
      expectProblem(await api.call('DELETE', `/api/v1/staff/contacts/${client.contactId}/portal-access/sessions/${sid}`, { token: admin }), 404, 'not-found');
      expect((await api.call('GET', `/api/v1/staff/contacts/${client.contactId}/portal-access/sessions`, { token: admin })).json()).toEqual([]);
      expect((await auditOf(client.contactId)).map((a) => a.action)).toContain('portal.session-revoked');
    });
  });

  it('editing a contact’s e-mails leaves the login alone; a change of login e-mail is verified at the new address', async () => {
    const lee = await activeClient(api, admin, { firstName: 'Lee', lastName: 'Park', email: 'lee@home.test', otherEmails: ['lee@work.test'] });
    const edited = await api.call('PATCH', `/api/v1/staff/contacts/${lee.contactId}`, { token: admin, body: { emails: [{ address: 'lee@work.test', label: 'work' }] } });
    expect(edited.status).toBe(200);
    expect(edited.json()).toMatchObject({ emails: [{ address: 'lee@work.test', label: 'work' }], loginEmail: 'lee@home.test' });
    await api.session('client', 'lee@home.test', lee.password);
    expectProblem(await api.signIn('client', 'lee@work.test', lee.password), 401, 'invalid-credentials');

    const same = await access(lee.contactId, 'login-email', { email: 'LEE@home.test' });
    expect(expectProblem(same, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'email', rule: 'different' })]);
    const other = await activeClient(api, admin, { firstName: 'Kai', lastName: 'Berg', email: 'kai@berg.test' });
    const taken = await access(lee.contactId, 'login-email', { email: other.email });
    expect(expectProblem(taken, 409, 'login-taken').errors).toEqual([expect.objectContaining({ field: 'email', rule: 'unique' })]);

    const requested = await access(lee.contactId, 'login-email', { email: 'Lee@New.test' });
    expect(requested.json()).toMatchObject({ loginEmail: 'lee@home.test', pendingLoginEmail: 'lee@new.test' });
    const mail = await nextMail(env, 'lee@new.test', /^Confirm your new login e-mail for Acme CPA$/);
    const token = linkToken(mail);
    expect(mail.text).toContain(`http://acme.localhost:3000/verify-email?token=${token}`);
    expectProblem(await api.signIn('client', 'lee@new.test', lee.password), 401, 'invalid-credentials'); // not before it is confirmed

    const confirmed = await api.call('POST', '/api/v1/auth/client/verify-login-email', { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json().message).toContain('lee@new.test');
    await api.session('client', 'lee@new.test', lee.password);
    expectProblem(await api.signIn('client', 'lee@home.test', lee.password), 401, 'invalid-credentials');
    expectProblem(await api.call('POST', '/api/v1/auth/client/verify-login-email', { body: { token } }), 404, 'link-invalid');
    expect((await access(lee.contactId)).json()).toMatchObject({ status: 'verified', loginEmail: 'lee@new.test', pendingLoginEmail: null });
    const contact = (await api.call('GET', `/api/v1/staff/contacts/${lee.contactId}`, { token: admin })).json();
    expect(contact.loginEmail).toBe('lee@new.test');
    expect(contact.emails.map((e: { address: string }) => e.address)).toEqual(['lee@work.test', 'lee@new.test']);
    expect((await auditOf(lee.contactId)).map((a) => a.action)).toEqual(expect.arrayContaining(['portal.login-email-change-requested', 'portal.login-email-changed']));
  });

  it('a login e-mail change kills links sent to the old address; a pending invitation follows to the new one', async () => {
    const { contactId } = await createContact(api, admin, { firstName: 'Noor', lastName: 'Haddad', emails: ['noor@typo.test', 'noor@right.test'] });
    const oldLink = await invite(api, admin, contactId, 'noor@typo.test');
    await access(contactId, 'login-email', { email: 'noor@right.test' });
    const verify = linkToken(await nextMail(env, 'noor@right.test', /Confirm your new login e-mail/));
    expect((await api.call('POST', '/api/v1/auth/client/verify-login-email', { body: { token: verify } })).status).toBe(200);
    // Whoever holds the mistyped address's mail cannot take the account.
    expectProblem(await describeLink(oldLink), 404, 'link-invalid');
    expectProblem(await accept(oldLink), 404, 'link-invalid');
    const fresh = linkToken(await nextMail(env, 'noor@right.test', INVITATION));
    expect((await describeLink(fresh)).json()).toMatchObject({ email: 'noor@right.test' });
    signedIn(await accept(fresh), 'client');
  });

  it('searches contacts by text, portal status, account and hidden flag', async () => {
    const hidden = await createContact(api, admin, { firstName: 'Hal', lastName: 'Zed', emails: ['hal@zed.test'], accountName: 'Zed Holdings' });
    expect((await api.call('PATCH', `/api/v1/staff/contacts/${hidden.contactId}`, { token: admin, body: { hidden: true } })).json().hidden).toBe(true);
    expect((await contactsWhere('q=zed')).map((c) => c.id)).not.toContain(hidden.contactId);
    expect((await contactsWhere('q=zed&includeHidden=true')).map((c) => c.id)).toEqual([hidden.contactId]);
    expect((await contactsWhere('q=hal%40zed&includeHidden=true')).map((c) => c.id)).toEqual([hidden.contactId]);
    expect((await contactsWhere(`accountId=${hidden.accountId}&includeHidden=true&portalStatus=none`)).map((c) => c.id)).toEqual([hidden.contactId]);
    expect(await contactsWhere(`accountId=${hidden.accountId}&includeHidden=true&portalStatus=invited`)).toEqual([]);
    const bad = await api.call('GET', '/api/v1/staff/contacts?portalStatus=maybe', { token: admin });
    expect(expectProblem(bad, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'portalStatus' })]);
  });
});
