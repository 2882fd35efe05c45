import { randomUUID } from 'node:crypto';
import { createTestEnvironment, type TestEnvironment, type TestResponse } from '@portico/testing';
import { MailMessage } from '@portico/core';
import { Contact, Credential, StaffUser } from '@portico/identity';
import {
  activeClient, activeStaff, expectProblem, firmWithAdmin, linkToken, nextMail,
  type ActiveClient, type ActiveStaff, type FirmApi, type FirmWithAdmin,
} from './identity-support.js';

/**
 * Tenant isolation: another firm's staff and clients, and this firm's unrelated clients,
 * get 404 for every identity endpoint that takes an id; tokens and links of one firm mean
 * nothing at another firm's address.
 */
describe('identity: tenant isolation', () => {
  let env: TestEnvironment;
  let acme: FirmWithAdmin;
  let beta: FirmWithAdmin;
  let acmeClient: ActiveClient; // account X of Acme
  let acmeOther: ActiveClient; // account Y of Acme, unrelated to X
  let acmeStaff: ActiveStaff;
  let betaClient: ActiveClient;
  let acmeSessionId: string; // acmeClient's session
  let acmeOtherSessionId: string;
  let acmeAdminSessionId: string;
  let mailsBefore: number;

  const sessionIdOf = async (api: FirmApi, path: string, token: string) =>
    ((await api.call('GET', path, { token })).json() as Array<{ id: string; current: boolean }>).find((s) => s.current)!.id;

  beforeAll(async () => {
    env = await createTestEnvironment();
    acme = await firmWithAdmin(env, 'acme', 'Acme CPA');
    beta = await firmWithAdmin(env, 'beta', 'Beta Law');
    acmeClient = await activeClient(acme.api, acme.admin.accessToken, { firstName: 'Xena', lastName: 'Holt', email: 'xena@x.test' });
    acmeOther = await activeClient(acme.api, acme.admin.accessToken, { firstName: 'Yuri', lastName: 'Vance', email: 'yuri@y.test' });
    acmeStaff = await activeStaff(acme.api, acme.admin.accessToken, { name: 'Sid Nair', email: 'sid@acme.test', role: 'staff' });
    betaClient = await activeClient(beta.api, beta.admin.accessToken, { firstName: 'Bo', lastName: 'Ek', email: 'bo@b.test' });
    acmeSessionId = await sessionIdOf(acme.api, '/api/v1/portal/me/sessions', acmeClient.session.accessToken);
    acmeOtherSessionId = await sessionIdOf(acme.api, '/api/v1/portal/me/sessions', acmeOther.session.accessToken);
    acmeAdminSessionId = await sessionIdOf(acme.api, '/api/v1/staff/me/sessions', acme.admin.accessToken);
    mailsBefore = await env.db.getRepository(MailMessage).count();
  });
  afterAll(() => env.close());

  /** The answer must not tell another firm's id from an id that does not exist. */
  async function expectNotFound(call: (id: string) => Promise<TestResponse>, foreignId: string) {
    const foreign = await call(foreignId);
    const unknown = await call(randomUUID());
    expect({ status: foreign.status, type: foreign.json().type }).toEqual({ status: 404, type: 'https://portico.dev/problems/not-found' });
    expect(foreign.json().detail).toBe(unknown.json().detail);
    expect(unknown.status).toBe(404);
  }

  it('another firm’s admin gets 404 for every staff endpoint that takes an Acme id, and changes nothing', async () => {
    const b = (method: string, path: string, body?: unknown) => beta.api.call(method, path, { token: beta.admin.accessToken, body });
    const contact = acmeClient.contactId;
    const cases: Array<[string, (id: string) => Promise<TestResponse>, string]> = [
      ['GET account', (id) => b('GET', `/api/v1/staff/accounts/${id}`), acmeClient.accountId],
      ['PATCH account', (id) => b('PATCH', `/api/v1/staff/accounts/${id}`, { name: 'Taken over' }), acmeClient.accountId],
      ['GET contact', (id) => b('GET', `/api/v1/staff/contacts/${id}`), contact],
      ['PATCH contact', (id) => b('PATCH', `/api/v1/staff/contacts/${id}`, { firstName: 'Mallory' }), contact],
      ['POST contact into account', (id) => b('POST', '/api/v1/staff/contacts', { accountId: id, firstName: 'Mallory', lastName: 'M' }), acmeClient.accountId],
      ['POST account assigned to staff', (id) => b('POST', '/api/v1/staff/accounts', { name: 'Mal Co', kind: 'company', assignedStaffId: id }), acmeStaff.id],
      ['GET portal access', (id) => b('GET', `/api/v1/staff/contacts/${id}/portal-access`), contact],
      ['invite', (id) => b('POST', `/api/v1/staff/contacts/${id}/portal-access/invite`, { email: 'xena@x.test' }), contact],
      ['resend', (id) => b('POST', `/api/v1/staff/contacts/${id}/portal-access/resend`), contact],
      ['temporary password', (id) => b('POST', `/api/v1/staff/contacts/${id}/portal-access/temporary-password`, { email: 'xena@x.test' }), contact],
      ['disable', (id) => b('POST', `/api/v1/staff/contacts/${id}/portal-access/disable`), contact],
      ['enable', (id) => b('POST', `/api/v1/staff/contacts/${id}/portal-access/enable`), contact],
      ['login e-mail', (id) => b('POST', `/api/v1/staff/contacts/${id}/portal-access/login-email`, { email: 'mallory@evil.test' }), contact],
      ['GET client sessions', (id) => b('GET', `/api/v1/staff/contacts/${id}/portal-access/sessions`), contact],
      ['DELETE client session (foreign contact)', (id) => b('DELETE', `/api/v1/staff/contacts/${id}/portal-access/sessions/${acmeSessionId}`), contact],
      ['DELETE client session (own contact, foreign session)', (id) => b('DELETE', `/api/v1/staff/contacts/${betaClient.contactId}/portal-access/sessions/${id}`), acmeSessionId],
      ['GET staff user', (id) => b('GET', `/api/v1/staff/users/${id}`), acmeStaff.id],
      ['PATCH staff user', (id) => b('PATCH', `/api/v1/staff/users/${id}`, { enabled: false }), acmeStaff.id],
      ['DELETE staff user', (id) => b('DELETE', `/api/v1/staff/users/${id}`), acmeStaff.id],
      ['resend activation', (id) => b('POST', `/api/v1/staff/users/${id}/resend-activation`), acmeStaff.id],
      ['DELETE own session (foreign id)', (id) => b('DELETE', `/api/v1/staff/me/sessions/${id}`), acmeAdminSessionId],
    ];
    for (const [name, call, id] of cases) {
      try {
        await expectNotFound(call, id);
      } catch (e) {
        throw new Error(`${name}: ${(e as Error).message}`);
      }
    }
    // Lists and bulk actions do not reveal or touch Acme's rows either.
    expect((await b('GET', `/api/v1/staff/contacts?accountId=${acmeClient.accountId}&includeHidden=true`)).json()).toEqual({ items: [], total: 0 });
    expect((await b('GET', '/api/v1/staff/contacts?q=xena&includeHidden=true')).json().total).toBe(0);
    expect((await b('GET', '/api/v1/staff/accounts?q=xena')).json()).toEqual([]);
    expect((await b('GET', '/api/v1/staff/users')).json().map((u: { email: string }) => u.email)).toEqual([beta.adminEmail]);
    const bulk = await b('POST', '/api/v1/staff/contacts/portal-access/bulk', { contactIds: [contact], action: 'invite' });
    expect(bulk.json()).toEqual([{ contactId: contact, ok: false, error: expect.any(String) }]);

    // Acme is as it was: same names, access, sessions; no mail went out.
    const c = await env.db.getRepository(Contact).findOneByOrFail({ id: contact });
    expect({ firstName: c.firstName, portalStatus: c.portalStatus }).toEqual({ firstName: 'Xena', portalStatus: 'verified' });
    expect((await env.db.getRepository(Credential).findOneByOrFail({ kind: 'client', subjectId: contact })).loginEmail).toBe('xena@x.test');
    expect((await env.db.getRepository(StaffUser).findOneByOrFail({ id: acmeStaff.id })).enabled).toBe(true);
    expect(await acme.api.meStatus('client', acmeClient.session.accessToken)).toBe(200);
    expect(await acme.api.meStatus('staff', acme.admin.accessToken)).toBe(200);
    expect(await acme.api.meStatus('staff', acmeStaff.session.accessToken)).toBe(200);
    expect(await env.db.getRepository(MailMessage).count()).toBe(mailsBefore);
  });

  it('this firm’s clients cannot touch each other’s sessions, nor staff each other’s', async () => {
    const x = acmeClient.session.accessToken;
    expectProblem(await acme.api.call('DELETE', `/api/v1/portal/me/sessions/${acmeOtherSessionId}`, { token: x }), 404, 'not-found');
    expect(await acme.api.meStatus('client', acmeOther.session.accessToken)).toBe(200);
    const mine = (await acme.api.call('GET', '/api/v1/portal/me/sessions', { token: x })).json() as Array<{ id: string }>;
    expect(mine.map((s) => s.id)).not.toContain(acmeOtherSessionId);
    expectProblem(await acme.api.call('DELETE', `/api/v1/staff/me/sessions/${acmeAdminSessionId}`, { token: acmeStaff.session.accessToken }), 404, 'not-found');
    expect(await acme.api.meStatus('staff', acme.admin.accessToken)).toBe(200);
    // A client's session id is not a staff member's either.
    expectProblem(await acme.api.call('DELETE', `/api/v1/staff/me/sessions/${acmeSessionId}`, { token: acme.admin.accessToken }), 404, 'not-found');
    expect(await acme.api.meStatus('client', x)).toBe(200);
  });

  it('a client token on staff routes answers 404 (and a staff token on client routes)', async () => {
    const x = acmeClient.session.accessToken;
    for (const [method, path] of [
      ['GET', '/api/v1/staff/me'],
      ['GET', '/api/v1/staff/contacts'],
      ['GET', `/api/v1/staff/contacts/${acmeClient.contactId}`],
      ['GET', `/api/v1/staff/contacts/${acmeClient.contactId}/portal-access`],
      ['POST', `/api/v1/staff/contacts/${acmeOther.contactId}/portal-access/disable`],
      ['GET', '/api/v1/staff/accounts'],
      ['GET', '/api/v1/staff/users'],
      ['GET', '/api/v1/staff/settings/security'],
    ]) {
      expectProblem(await acme.api.call(method, path, { token: x }), 404, 'not-found');
    }
    expect((await env.db.getRepository(Contact).findOneByOrFail({ id: acmeOther.contactId })).portalStatus).toBe('verified');
    expectProblem(await acme.api.call('GET', '/api/v1/portal/me', { token: acme.admin.accessToken }), 404, 'not-found');
    expectProblem(await acme.api.call('GET', '/api/v1/portal/me/sessions', { token: acmeStaff.session.accessToken }), 404, 'not-found');
  });

  it('tokens, cookies, passwords and links of one firm mean nothing at another firm’s address', async () => {
    const atBeta = (method: string, path: string, options: { token?: string; cookie?: string; body?: unknown } = {}) => beta.api.call(method, path, options);
    expectProblem(await atBeta('GET', '/api/v1/portal/me', { token: acmeClient.session.accessToken }), 401, 'sign-in-required');
    expectProblem(await atBeta('GET', '/api/v1/staff/me', { token: acme.admin.accessToken }), 401, 'sign-in-required');
    expectProblem(await atBeta('GET', `/api/v1/staff/contacts/${betaClient.contactId}`, { token: acme.admin.accessToken }), 401, 'sign-in-required');
    expectProblem(await beta.api.refresh('client', acmeClient.session.cookie), 401, 'session-ended');
    expect(await acme.api.meStatus('client', acmeClient.session.accessToken)).toBe(200); // still fine at home
    expectProblem(await beta.api.signIn('client', acmeClient.email, acmeClient.password), 401, 'invalid-credentials');
    expectProblem(await beta.api.signIn('staff', acme.adminEmail, acme.adminPassword), 401, 'invalid-credentials');

    // Links: an invitation, a reset and a login-e-mail link of Acme, tried at Beta.
    const { contactId } = await (async () => {
      const res = await acme.api.call('POST', '/api/v1/staff/accounts', {
        token: acme.admin.accessToken, body: { name: 'Zia Home', kind: 'household', contacts: [{ firstName: 'Zia', lastName: 'Moe', emails: [{ address: 'zia@z.test' }] }] },
      });
      return { contactId: res.json().contacts[0].id as string };
    })();
    await acme.api.call('POST', `/api/v1/staff/contacts/${contactId}/portal-access/invite`, { token: acme.admin.accessToken, body: { email: 'zia@z.test' } });
    const invitation = linkToken(await nextMail(env, 'zia@z.test', /invites you/));
    expectProblem(await atBeta('GET', `/api/v1/auth/client/invitation?token=${invitation}`), 404, 'link-invalid');
    expectProblem(await atBeta('POST', '/api/v1/auth/client/invitation/accept', { body: { token: invitation, password: 'stolen link 4455 attempt' } }), 404, 'link-invalid');
    await acme.api.call('POST', '/api/v1/auth/client/forgot-password', { body: { email: acmeClient.email } });
    const reset = linkToken(await nextMail(env, acmeClient.email, /^Reset your password/));
    expectProblem(await atBeta('POST', '/api/v1/auth/client/reset-password', { body: { token: reset, password: 'stolen link 4455 attempt' } }), 404, 'link-invalid');
    await acme.api.call('POST', `/api/v1/staff/contacts/${acmeClient.contactId}/portal-access/login-email`, { token: acme.admin.accessToken, body: { email: 'xena@new.test' } });
    const change = linkToken(await nextMail(env, 'xena@new.test', /^Confirm your new login/));
    expectProblem(await atBeta('POST', '/api/v1/auth/client/verify-login-email', { body: { token: change } }), 404, 'link-invalid');
    const added = await acme.api.call('POST', '/api/v1/staff/users', { token: acme.admin.accessToken, body: { name: 'Ana Lo', email: 'ana@acme.test', role: 'staff' } });
    expect(added.status).toBe(201);
    const activation = linkToken(await nextMail(env, 'ana@acme.test', /^Set your password/));
    expect((await atBeta('POST', '/api/v1/staff/activation', { body: { token: activation, password: 'stolen link 4455 attempt' } })).status).toBe(404);
    // …and each still works at home.
    expect((await acme.api.call('GET', `/api/v1/auth/client/invitation?token=${invitation}`)).status).toBe(200);
    expect((await acme.api.call('POST', '/api/v1/auth/client/reset-password', { body: { token: reset, password: 'home again 6612 ridge' } })).status).toBe(200);

    // The platform address serves no firm's identity endpoints.
    expect((await env.request('POST', '/api/v1/auth/client/sign-in', { body: { email: acmeClient.email, password: 'home again 6612 ridge' } })).status).toBe(404);
    expect((await env.request('GET', '/api/v1/staff/me', { headers: { authorization: `Bearer ${acme.admin.accessToken}` } })).status).toBe(404);
  });
});
