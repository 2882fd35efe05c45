import { createTestEnvironment, type TestEnvironment } from '@portico/testing';
import { AuditEvent, MailMessage } from '@portico/core';
import { StaffUser } from '@portico/identity';
import { Engagement, EngagementStaff } from '@portico/engagements';
import {
  activeStaff, expectProblem, firmWithAdmin, linkToken, nextMail, signedIn, totp,
  type FirmApi, type FirmWithAdmin,
} from './identity-support.js';

describe('identity: staff administration', () => {
  let env: TestEnvironment;
  let acme: FirmWithAdmin;
  let api: FirmApi;
  let admin: string;
  let adminId: string;
  const users = (method: string, path = '', body?: unknown, token = admin) => api.call(method, `/api/v1/staff/users${path}`, { token, body });
  const auditOf = (targetId: string) => env.db.getRepository(AuditEvent).find({ where: { targetId }, order: { createdAt: 'ASC' } });

  beforeAll(async () => {
    env = await createTestEnvironment();
    acme = await firmWithAdmin(env, 'acme', 'Acme CPA');
    api = acme.api;
    admin = acme.admin.accessToken;
    adminId = (await api.call('GET', '/api/v1/staff/me', { token: admin })).json().id;
  });
  afterAll(() => env.close());

  it('the CLI’s set-password link stops working once the first admin has chosen a password at sign-in', async () => {
    // firmWithAdmin signed in with the temporary password and replaced it.
    const token = new URL(acme.activationUrl).searchParams.get('token')!;
    const res = await api.call('POST', '/api/v1/staff/activation', { body: { token, password: 'hijacked lantern 7781 ridge' } });
    expectProblem(res, 404, 'activation-link-invalid');
    expectProblem(await api.signIn('staff', acme.adminEmail, 'hijacked lantern 7781 ridge'), 401, 'invalid-credentials');
    expect(await api.meStatus('staff', admin)).toBe(200);
  });

  it('adds a staff member, who gets an activation e-mail with a link that works once', async () => {
    const bad = await users('POST', '', { name: 'S4m', email: 'not-an-email', role: 'boss' });
    expect(expectProblem(bad, 400, 'validation-failed').errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'role']);
    const empty = await users('POST', '', { name: '', email: 'x@acme.test', role: 'staff' });
    expect(expectProblem(empty, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'name', message: 'Name must have at least 2 letters' })]);

    const added = await users('POST', '', { name: 'Sam Lee', email: 'Sam@Acme.test', role: 'staff' });
    expect(added.status).toBe(201);
    expect(added.json()).toMatchObject({ name: 'Sam Lee', email: 'sam@acme.test', role: 'staff', engagementAccess: 'all', enabled: true, status: 'pending' });
    const id = added.json().id;
    const mail = await nextMail(env, 'sam@acme.test', /^Set your password for Acme CPA$/);
    const first = linkToken(mail);
    expect(mail.text).toContain(`http://acme.localhost:3000/staff/activate?token=${first}`);
    expectProblem(await users('POST', '', { name: 'Sam Again', email: 'sam@acme.test', role: 'staff' }), 409, 'email-taken');
    expectProblem(await api.signIn('staff', 'sam@acme.test', 'amber meadow compass 2287'), 401, 'invalid-credentials'); // no password yet

    // Resend: the first link stops working.
    expect((await users('POST', `/${id}/resend-activation`)).status).toBe(200);
    const second = linkToken(await nextMail(env, 'sam@acme.test', /^Set your password/));
    expect((await api.call('POST', '/api/v1/staff/activation', { body: { token: first, password: 'amber meadow compass 2287' } })).status).toBe(404);
    expect((await api.call('POST', '/api/v1/staff/activation', { body: { token: second, password: 'amber meadow compass 2287' } })).status).toBe(200);
    expect((await api.call('POST', '/api/v1/staff/activation', { body: { token: second, password: 'amber meadow compass 2287' } })).status).toBe(404);
    expectProblem(await users('POST', `/${id}/resend-activation`), 409, 'already-active');

    const sam = await api.session('staff', 'sam@acme.test', 'amber meadow compass 2287');
    expect((await api.call('GET', '/api/v1/staff/me', { token: sam.accessToken })).json()).toMatchObject({ kind: 'staff', role: 'staff', name: 'Sam Lee' });
    expect((await users('GET')).json().find((u: { id: string }) => u.id === id)).toMatchObject({ status: 'active', lastSignInAt: expect.any(String) });

    const events = await auditOf(id);
    expect(events.map((e) => e.action)).toEqual(['staff.created', 'staff.activation-resent', 'staff.activated']);
    expect(events.slice(0, 2).every((e) => e.actorType === 'staff' && e.actorId === adminId && e.requestId)).toBe(true);
  });

  it('answers 403 to a staff member on every admin route, and changes nothing', async () => {
    const member = await activeStaff(api, admin, { name: 'Nia Ross', email: 'nia@acme.test', role: 'staff' });
    const t = member.session.accessToken;
    const attempts = [
      users('GET', '', undefined, t),
      users('POST', '', { name: 'Eve Vale', email: 'eve@acme.test', role: 'admin' }, t),
      users('GET', `/${adminId}`, undefined, t),
      users('PATCH', `/${member.id}`, { role: 'admin' }, t),
      users('PATCH', `/${adminId}`, { enabled: false }, t),
      users('DELETE', `/${adminId}`, undefined, t),
      users('POST', `/${adminId}/resend-activation`, undefined, t),
      api.call('PATCH', '/api/v1/staff/settings/security', { token: t, body: { passwordMinLength: 20 } }),
    ];
    for (const res of await Promise.all(attempts)) expectProblem(res, 403, 'admin-only');
    expect((await env.db.getRepository(StaffUser).findOneByOrFail({ id: member.id })).role).toBe('staff');
    expect(await env.db.getRepository(StaffUser).countBy({ email: 'eve@acme.test' })).toBe(0);
    const own = await env.db.getRepository(AuditEvent).findBy({ actorId: member.id });
    expect(own.map((e) => e.action).sort()).toEqual(['auth.signed-in', 'staff.activated']); // only what they did themselves
    // What staff may do, they can.
    const settings = await api.call('GET', '/api/v1/staff/settings/security', { token: t });
    expect(settings.json()).toMatchObject({ passwordMinLength: 12, passwordMaxAgeDays: 90, invitationTtlDays: 7, portalUrl: 'http://acme.localhost:3000' });
    expect((await api.call('GET', '/api/v1/staff/accounts', { token: t })).status).toBe(200);

    // A role change takes effect on the next request, without signing in again.
    expect((await users('PATCH', `/${member.id}`, { role: 'admin' })).json()).toMatchObject({ role: 'admin' });
    expect((await users('GET', '', undefined, t)).status).toBe(200);
    expect((await users('PATCH', `/${member.id}`, { role: 'staff' })).json()).toMatchObject({ role: 'staff' });
    expectProblem(await users('GET', '', undefined, t), 403, 'admin-only');
  });

  it('disabling a staff member ends their sessions at once and keeps them out until enabled again', async () => {
    const member = await activeStaff(api, admin, { name: 'Dan Cho', email: 'dan@acme.test', role: 'staff' });
    const tablet = await api.session('staff', member.email, member.password);
    const res = await users('PATCH', `/${member.id}`, { enabled: false });
    expect(res.json()).toMatchObject({ enabled: false, status: 'disabled' });
    for (const s of [member.session, tablet]) {
      expect(await api.meStatus('staff', s.accessToken)).toBe(401);
      expectProblem(await api.refresh('staff', s.cookie), 401, 'session-ended');
    }
    expectProblem(await api.signIn('staff', member.email, member.password), 401, 'invalid-credentials');
    expect((await api.call('POST', '/api/v1/auth/staff/forgot-password', { body: { email: member.email } })).status).toBe(202);
    expect(await env.db.getRepository(MailMessage).countBy({ to: member.email, template: 'password-reset' })).toBe(0);

    expect((await users('PATCH', `/${member.id}`, { enabled: true })).json()).toMatchObject({ enabled: true, status: 'active' });
    const back = await api.session('staff', member.email, member.password);
    expect(await api.meStatus('staff', back.accessToken)).toBe(200);
    const updates = (await auditOf(member.id)).filter((e) => e.action === 'staff.updated');
    expect(updates.map((e) => JSON.parse(e.data!).changed)).toEqual([{ enabled: false }, { enabled: true }]);
    expect(updates.every((e) => e.actorId === adminId)).toBe(true);
  });

  it('deleting a staff member ends their sessions at once; the audit log keeps who they were', async () => {
    const member = await activeStaff(api, admin, { name: 'Ola Berg', email: 'ola@acme.test', role: 'admin' });
    expect((await users('GET', '', undefined, member.session.accessToken)).status).toBe(200);
    // Responsible for a client account and on an engagement's access list: neither stops the deletion.
    const account = await api.call('POST', '/api/v1/staff/accounts', { token: admin, body: { name: 'Ola’s client', kind: 'company', assignedStaffId: member.id } });
    expect(account.json().assignedStaffId).toBe(member.id);
    const engagement = env.db.getRepository(Engagement).create({ firmId: acme.firmId, accountId: account.json().id, name: 'Payroll', restricted: true, sharedWithClient: true });
    await env.db.getRepository(Engagement).insert(engagement);
    await env.db.getRepository(EngagementStaff).insert({ engagementId: engagement.id, staffId: member.id });

    expect((await users('DELETE', `/${member.id}`)).status).toBe(200);
    expect((await api.call('GET', `/api/v1/staff/accounts/${account.json().id}`, { token: admin })).json().assignedStaffId).toBeNull();
    expect(await env.db.getRepository(EngagementStaff).countBy({ staffId: member.id })).toBe(0);
    expect(await api.meStatus('staff', member.session.accessToken)).toBe(401);
    expectProblem(await users('GET', '', undefined, member.session.accessToken), 401, 'sign-in-required');
    expectProblem(await api.refresh('staff', member.session.cookie), 401, 'session-ended');
    expectProblem(await api.signIn('staff', member.email, member.password), 401, 'invalid-credentials');
    expectProblem(await users('GET', `/${member.id}`), 404, 'not-found');
    expectProblem(await users('DELETE', `/${member.id}`), 404, 'not-found');
    const deleted = (await auditOf(member.id)).find((e) => e.action === 'staff.deleted')!;
    expect({ actorId: deleted.actorId, data: JSON.parse(deleted.data!) }).toEqual({ actorId: adminId, data: { name: 'Ola Berg', email: 'ola@acme.test', role: 'admin' } });
  });

  it('keeps at least one admin: no removing one’s own admin role, disabling or deleting oneself', async () => {
    expectProblem(await users('PATCH', `/${adminId}`, { role: 'staff' }), 409, 'cannot-demote-self');
    expectProblem(await users('PATCH', `/${adminId}`, { enabled: false }), 409, 'cannot-demote-self');
    expectProblem(await users('DELETE', `/${adminId}`), 409, 'cannot-delete-self');
    expect(await api.meStatus('staff', admin)).toBe(200);
  });

  it('edits a staff member: a new e-mail is the new login name; every change is in the audit log', async () => {
    const member = await activeStaff(api, admin, { name: 'Ivy Chen', email: 'ivy@acme.test', role: 'staff' });
    const res = await users('PATCH', `/${member.id}`, { name: 'Ivy Chen-Ross', email: 'ivy.ross@acme.test', engagementAccess: 'assigned' });
    expect(res.json()).toMatchObject({ name: 'Ivy Chen-Ross', email: 'ivy.ross@acme.test', engagementAccess: 'assigned' });
    expectProblem(await api.signIn('staff', 'ivy@acme.test', member.password), 401, 'invalid-credentials');
    await api.session('staff', 'ivy.ross@acme.test', member.password);
    expectProblem(await users('PATCH', `/${member.id}`, { email: acme.adminEmail }), 409, 'email-taken');
    const update = (await auditOf(member.id)).find((e) => e.action === 'staff.updated')!;
    expect(update.actorId).toBe(adminId);
    expect(JSON.parse(update.data!).changed).toEqual({ name: 'Ivy Chen-Ross', email: 'ivy.ross@acme.test', engagementAccess: 'assigned' });

    const settings = await api.call('PATCH', '/api/v1/staff/settings/security', { token: admin, body: { passwordMinLength: 14 } });
    expect(settings.json().passwordMinLength).toBe(14);
    const badSettings = await api.call('PATCH', '/api/v1/staff/settings/security', { token: admin, body: { passwordMinLength: 8, passwordMaxAgeDays: -1 } });
    expect(expectProblem(badSettings, 400, 'validation-failed').errors.map((e: { field: string }) => e.field).sort()).toEqual(['passwordMaxAgeDays', 'passwordMinLength']);
    const logged = await env.db.getRepository(AuditEvent).findOneByOrFail({ action: 'settings.security-updated' });
    expect({ actorId: logged.actorId, data: JSON.parse(logged.data!) }).toEqual({ actorId: adminId, data: { changes: { passwordMinLength: 14 }, before: { passwordMinLength: 12 } } });
    // The new policy applies at once.
    const weak = await api.call('POST', '/api/v1/staff/me/password', { token: admin, body: { currentPassword: acme.adminPassword, newPassword: 'thirteen char' } });
    expect(expectProblem(weak, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'minLength', message: 'Password must be at least 14 characters' })]);
    await api.call('PATCH', '/api/v1/staff/settings/security', { token: admin, body: { passwordMinLength: 12 } });
  });

  it('a staff member may turn on two-step verification; the sign-in then asks for a code', async () => {
    const member = await activeStaff(api, admin, { name: 'Max Roy', email: 'max@acme.test', role: 'staff' });
    const t = member.session.accessToken;
    const { secret } = (await api.call('POST', '/api/v1/staff/me/mfa/setup', { token: t })).json();
    const now = Date.now();
    expect((await api.call('POST', '/api/v1/staff/me/mfa/confirm', { token: t, body: { code: totp.codeAt(secret, now) } })).json().recoveryCodes).toHaveLength(10);
    expectProblem(await api.call('POST', '/api/v1/staff/me/mfa/setup', { token: t }), 409, 'mfa-already-enabled');
    const res = await api.signIn('staff', member.email, member.password);
    expect(res.json()).toEqual({ status: 'mfa-required', challengeToken: expect.any(String) });
    signedIn(await api.call('POST', '/api/v1/auth/staff/challenge/mfa', { body: { challengeToken: res.json().challengeToken, code: totp.codeAt(secret, now + 30_000) } }), 'staff');
    expect((await users('GET')).json().find((u: { id: string }) => u.id === member.id)).toMatchObject({ mfaEnabled: true });

    expectProblem(await api.call('POST', '/api/v1/staff/me/mfa/disable', { token: t, body: { password: 'not my password' } }), 400, 'wrong-password');
    expect((await api.call('POST', '/api/v1/staff/me/mfa/disable', { token: t, body: { password: member.password } })).status).toBe(200);
    await api.session('staff', member.email, member.password);
  });
});
