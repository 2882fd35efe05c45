import { createHash } from 'node:crypto';
import { createTestEnvironment, eventually, type TestEnvironment } from '@portico/testing';
import { AuditEvent, JobQueue, MailMessage } from '@portico/core';
import { AuthSession, Credential, OneTimeToken, PasswordExpiryJob, RecoveryCode, RefreshToken } from '@portico/identity';
import {
  activeClient, createContact, expectProblem, firmWithAdmin, linkToken, nextMail, refreshCookie, setCookieLine, signedIn, totp,
  type ActiveClient, type FirmApi, type FirmWithAdmin,
} from './identity-support.js';

const DAY = 86_400_000;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** The token inside a `portico_rt_<kind>=<token>` cookie. */
const cookieToken = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1);

describe('identity: sign-in, sessions, MFA, resets, password expiry', () => {
  let env: TestEnvironment;
  let acme: FirmWithAdmin;
  let api: FirmApi;
  let n = 0;
  /** A new client of Acme with portal access, signed in once. */
  const newClient = (first = 'Lena', last = 'Park') => activeClient(api, acme.admin.accessToken, { firstName: first, lastName: last, email: `client${++n}@clients.test` });
  const credentialOf = (contactId: string) => env.db.getRepository(Credential).findOneOrFail({ where: { kind: 'client', subjectId: contactId } });

  beforeAll(async () => {
    // As in production: https addresses (so the refresh cookie is Secure), behind a proxy that tells the client's IP.
    env = await createTestEnvironment({ PUBLIC_SCHEME: 'https', TRUST_PROXY: 'true' });
    acme = await firmWithAdmin(env, 'acme', 'Acme CPA');
    api = acme.api;
  });
  afterAll(() => env.close());

  it('makes the first admin replace the temporary password; the refresh cookie is HttpOnly, Secure, SameSite=Strict, on the auth path only', async () => {
    // firmWithAdmin went through password-change-required (reason: temporary); the temporary password is gone now.
    const created = await env.db.getRepository(Credential).findOneOrFail({ where: { kind: 'staff', loginEmail: acme.adminEmail } });
    expect(created.mustChangePassword).toBe(false);
    const res = await api.signIn('staff', acme.adminEmail, acme.adminPassword);
    expect(res.json()).toMatchObject({ status: 'signed-in', expiresIn: expect.any(Number) });
    expect(res.json().expiresIn).toBeLessThanOrEqual(15 * 60); // a short-lived access token
    const line = setCookieLine(res, 'staff');
    expect(line).toMatch(/;\s*HttpOnly/i);
    expect(line).toMatch(/;\s*SameSite=Strict/i);
    expect(line).toMatch(/;\s*Secure(;|$)/i);
    expect(line).toMatch(/;\s*Path=\/api\/v1\/auth\/staff(;|$)/);
    expect(line).toMatch(/;\s*Expires=/);
    const me = await api.call('GET', '/api/v1/staff/me', { token: res.json().accessToken });
    expect(me.status).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'staff', email: acme.adminEmail, role: 'admin' });
    // Without a token, or with a forged one, nothing.
    expectProblem(await api.call('GET', '/api/v1/staff/me'), 401, 'sign-in-required');
    expectProblem(await api.call('GET', '/api/v1/staff/me', { token: res.json().accessToken.slice(0, -2) + 'xx' }), 401, 'sign-in-required');
  });

  it('rotates the refresh cookie; a spent token reused within 10 s is a race (409), later it ends the whole session', async () => {
    const client = await newClient();
    const first = client.session;
    const r1 = await api.refresh('client', first.cookie);
    expect(r1.status).toBe(200);
    expect(r1.json()).toEqual({ accessToken: expect.any(String), expiresIn: expect.any(Number) });
    expect(setCookieLine(r1, 'client')).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i);
    const second = refreshCookie(r1, 'client');
    expect(second).not.toBe(first.cookie);
    expect(await env.db.getRepository(RefreshToken).countBy({ tokenHash: cookieToken(second) })).toBe(0); // stored hashed only
    expect(await api.meStatus('client', r1.json().accessToken)).toBe(200);

    // Two tabs: the loser of a refresh race is told to retry, and keeps its cookie.
    const race = await api.refresh('client', first.cookie);
    expectProblem(race, 409, 'refresh-race');
    expect(race.headers['set-cookie']).toBeUndefined();

    const r3 = await api.refresh('client', second);
    expect(r3.status).toBe(200);
    const newest = { accessToken: r3.json().accessToken as string, cookie: refreshCookie(r3, 'client') };

    // The first token was spent a minute ago (moved back in time rather than waiting) and shows up again: stolen.
    const moved = await env.db.getRepository(RefreshToken).update({ tokenHash: sha256(cookieToken(first.cookie)) }, { usedAt: new Date(Date.now() - 60_000) });
    expect(moved.affected).toBe(1);
    const reuse = await api.refresh('client', first.cookie);
    expectProblem(reuse, 401, 'session-ended');
    expect(setCookieLine(reuse, 'client')).toMatch(/^portico_rt_client=;/); // cleared

    // The whole family is gone: the newest refresh token and every access token.
    expectProblem(await api.refresh('client', newest.cookie), 401, 'session-ended');
    expect(await api.meStatus('client', newest.accessToken)).toBe(401);
    expect(await api.meStatus('client', first.accessToken)).toBe(401);
    const session = await env.db.getRepository(AuthSession).findOneOrFail({ where: { credentialId: (await credentialOf(client.contactId)).id } });
    expect(session.revokeReason).toBe('refresh-token-reuse');
    // The alarm is in the firm's audit log.
    expect(await env.db.getRepository(AuditEvent).count({ where: { action: 'auth.refresh-token-reused', targetId: session.id } })).toBe(1);
    // The password still works: a new sign-in is a new, unrelated session.
    const again = await api.session('client', client.email, client.password);
    expect(await api.meStatus('client', again.accessToken)).toBe(200);
  });

  it('two tabs refreshing with the same cookie at once: one gets the new cookie, the other is told to retry (409)', async () => {
    const client = await newClient();
    const both = await Promise.all([api.refresh('client', client.session.cookie), api.refresh('client', client.session.cookie)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = both.find((r) => r.status === 200)!;
    expect(both.find((r) => r.status === 409)!.json().type).toBe('https://portico.dev/problems/refresh-race');
    const next = await api.refresh('client', refreshCookie(winner, 'client'));
    expect(next.status).toBe(200);
    expect(await api.meStatus('client', next.json().accessToken)).toBe(200);
  });

  it('an idle refresh token expires, and so does a session past its absolute lifetime', async () => {
    const client = await newClient();
    await env.db.getRepository(RefreshToken).update({ tokenHash: sha256(cookieToken(client.session.cookie)) }, { expiresAt: new Date(Date.now() - 1000) });
    expectProblem(await api.refresh('client', client.session.cookie), 401, 'session-ended');

    const other = await api.session('client', client.email, client.password);
    const sessionId = (await api.call('GET', '/api/v1/portal/me/sessions', { token: other.accessToken })).json().find((s: { current: boolean }) => s.current).id;
    await env.db.getRepository(AuthSession).update({ id: sessionId }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await api.meStatus('client', other.accessToken)).toBe(401);
    expectProblem(await api.refresh('client', other.cookie), 401, 'session-ended');
  });

  it('signs out: the session ends and the cookie is cleared', async () => {
    const client = await newClient();
    const out = await api.call('POST', '/api/v1/auth/client/sign-out', { cookie: client.session.cookie });
    expect(out.status).toBe(200);
    expect(setCookieLine(out, 'client')).toMatch(/^portico_rt_client=;/);
    expect(await api.meStatus('client', client.session.accessToken)).toBe(401);
    expectProblem(await api.refresh('client', client.session.cookie), 401, 'session-ended');
    // A browser with no session cookie at all (a first visit) is told so without an error.
    const none = await api.call('POST', '/api/v1/auth/client/refresh', {});
    expect(none.status).toBe(204);
    expect(none.body).toBe('');
    // The login name is not case-sensitive; the sign-in form's fields are checked.
    await api.session('client', client.email.toUpperCase(), client.password);
    const bad = await api.call('POST', '/api/v1/auth/client/sign-in', { body: { email: 'not an address', password: '' } });
    expect(expectProblem(bad, 400, 'validation-failed').errors.map((e: { field: string }) => e.field)).toEqual(['email', 'password']);
  });

  it('lists sessions, signs out one device or every device; a password change ends every session, this one included', async () => {
    const client = await newClient();
    const phone = signedIn(await api.call('POST', '/api/v1/auth/client/sign-in', { body: { email: client.email, password: client.password }, headers: { 'user-agent': 'Phone/1.0' } }), 'client');
    const laptop = client.session;

    const list = await api.call('GET', '/api/v1/portal/me/sessions', { token: laptop.accessToken });
    expect(list.status).toBe(200);
    const sessions = list.json() as Array<{ id: string; userAgent: string | null; current: boolean; lastSeenAt: string }>;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = sessions.find((s) => s.userAgent === 'Phone/1.0')!;
    expect(phoneSession.current).toBe(false);

    expect((await api.call('DELETE', `/api/v1/portal/me/sessions/${phoneSession.id}`, { token: laptop.accessToken })).status).toBe(200);
    expect(await api.meStatus('client', phone.accessToken)).toBe(401);
    expectProblem(await api.refresh('client', phone.cookie), 401, 'session-ended');
    expect(await api.meStatus('client', laptop.accessToken)).toBe(200);
    expectProblem(await api.call('DELETE', `/api/v1/portal/me/sessions/${phoneSession.id}`, { token: laptop.accessToken }), 404, 'not-found');

    const tablet = await api.session('client', client.email, client.password);
    expect((await api.call('POST', '/api/v1/portal/me/sessions/sign-out-everywhere', { token: laptop.accessToken })).status).toBe(200);
    expect(await api.meStatus('client', laptop.accessToken)).toBe(401);
    expect(await api.meStatus('client', tablet.accessToken)).toBe(401);

    // Change of password.
    const a = await api.session('client', client.email, client.password);
    const b = await api.session('client', client.email, client.password);
    const wrong = await api.call('POST', '/api/v1/portal/me/password', { token: a.accessToken, body: { currentPassword: 'not my password at all', newPassword: 'saffron tideline 90210 kettle' } });
    expect(expectProblem(wrong, 400, 'wrong-password').errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const weak = await api.call('POST', '/api/v1/portal/me/password', { token: a.accessToken, body: { currentPassword: client.password, newPassword: 'Qz9 vireo' } });
    expect(expectProblem(weak, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'minLength' })]);
    expect(await api.meStatus('client', a.accessToken)).toBe(200); // refused changes end nothing

    const changed = await api.call('POST', '/api/v1/portal/me/password', { token: a.accessToken, body: { currentPassword: client.password, newPassword: 'saffron tideline 90210 kettle' } });
    expect(changed.status).toBe(200);
    expect(setCookieLine(changed, 'client')).toMatch(/^portico_rt_client=;/);
    expect(await api.meStatus('client', a.accessToken)).toBe(401);
    expect(await api.meStatus('client', b.accessToken)).toBe(401);
    expectProblem(await api.refresh('client', b.cookie), 401, 'session-ended');
    expectProblem(await api.signIn('client', client.email, client.password), 401, 'invalid-credentials');
    await api.session('client', client.email, 'saffron tideline 90210 kettle');
  });

  it('TOTP: a code is accepted once (a replay is refused), and each recovery code works once', async () => {
    const client = await newClient();
    const token = client.session.accessToken;
    const setup = await api.call('POST', '/api/v1/portal/me/mfa/setup', { token });
    expect(setup.status).toBe(200);
    const { secret, otpauthUrl } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUrl).toContain('issuer=Acme');
    // The secret is not stored in clear.
    const stored = await credentialOf(client.contactId);
    expect(stored.mfaPendingSecret).toBeTruthy();
    expect(stored.mfaPendingSecret).not.toContain(secret);

    const t0 = Date.now();
    const first = totp.codeAt(secret, t0);
    const confirm = await api.call('POST', '/api/v1/portal/me/mfa/confirm', { token, body: { code: first } });
    expect(confirm.status).toBe(200);
    const codes = confirm.json().recoveryCodes as string[];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await api.call('GET', '/api/v1/portal/me', { token })).json().mfaEnabled).toBe(true);
    const enabled = await credentialOf(client.contactId);
    expect(enabled.mfaSecret).toBeTruthy();
    expect(enabled.mfaSecret).not.toContain(secret);
    const storedCodes = await env.db.getRepository(RecoveryCode).findBy({ credentialId: enabled.id });
    expect(storedCodes).toHaveLength(10);
    expect(storedCodes.some((r) => codes.some((c) => r.codeHash.includes(c.replace('-', ''))))).toBe(false);

    const challenge = async () => {
      const res = await api.signIn('client', client.email, client.password);
      expect(res.json()).toEqual({ status: 'mfa-required', challengeToken: expect.any(String) });
      expect(res.headers['set-cookie']).toBeUndefined();
      return res.json().challengeToken as string;
    };
    const answer = (challengeToken: string, body: Record<string, string>) => api.call('POST', '/api/v1/auth/client/challenge/mfa', { body: { challengeToken, ...body } });

    // The code used for the set-up cannot be used again.
    let ch = await challenge();
    const replay = await answer(ch, { code: first });
    expect(expectProblem(replay, 400, 'invalid-code').errors).toEqual([expect.objectContaining({ field: 'code', rule: 'valid' })]);
    // The next step's code works (±1 step is accepted), once.
    const next = totp.codeAt(secret, t0 + 30_000);
    signedIn(await answer(ch, { code: next }), 'client');
    ch = await challenge();
    expect(expectProblem(await answer(ch, { code: next }), 400, 'invalid-code').errors[0].field).toBe('code');

    // Recovery codes: each once; typed in capitals and without the dash still counts.
    signedIn(await answer(ch, { recoveryCode: codes[0] }), 'client');
    ch = await challenge();
    expect(expectProblem(await answer(ch, { recoveryCode: codes[0] }), 400, 'invalid-code').errors).toEqual([expect.objectContaining({ field: 'recoveryCode' })]);
    signedIn(await answer(ch, { recoveryCode: codes[1].toUpperCase().replace('-', '') }), 'client');

    // Two requests with the same fresh code at once: exactly one passes.
    await env.db.getRepository(Credential).update({ id: stored.id }, { mfaLastStep: null });
    const [c1, c2] = [await challenge(), await challenge()];
    const now = totp.codeAt(secret, Date.now());
    const both = await Promise.all([answer(c1, { code: now }), answer(c2, { code: now })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 400]);

    // A challenge token is not a session, and is bound to its step and audience.
    expectProblem(await api.call('GET', '/api/v1/portal/me', { token: c1 }), 401, 'sign-in-required');
    expectProblem(await api.call('POST', '/api/v1/auth/staff/challenge/mfa', { body: { challengeToken: c1, code: now } }), 401, 'challenge-expired');
    expectProblem(await api.call('POST', '/api/v1/auth/client/challenge/password', { body: { challengeToken: c1, newPassword: 'a fresh and long password' } }), 401, 'challenge-expired');
    const used = await env.db.getRepository(AuditEvent).count({ where: { action: 'auth.recovery-code-used', targetId: stored.id } });
    expect(used).toBe(2);

    // Five wrong codes in five minutes lock the second step for a while, right code or not.
    // (Each attempt counts before it is checked; a success starts the count again.)
    signedIn(await answer(await challenge(), { code: totp.codeAt(secret, Date.now() + 30_000) }), 'client'); // a success: the count starts again
    ch = await challenge();
    const wrong = [...Array(10).keys()].map((i) => String(i).repeat(6)).find((c) => ![-30_000, 0, 30_000].some((d) => totp.codeAt(secret, Date.now() + d) === c))!;
    for (let i = 0; i < 5; i++) expectProblem(await answer(ch, { code: wrong }), 400, 'invalid-code');
    expectProblem(await answer(ch, { code: totp.codeAt(secret, Date.now() + 30_000) }), 429, 'too-many-attempts');
    expectProblem(await answer(ch, { recoveryCode: codes[2] }), 429, 'too-many-attempts');
  });

  it('answers an unknown e-mail exactly like a wrong password, on sign-in and on forgot-password', async () => {
    const client = await newClient();
    const shape = (body: Record<string, unknown>) => ({ type: body.type, title: body.title, status: body.status, detail: body.detail, errors: body.errors });
    for (const kind of ['client', 'staff'] as const) {
      const known = kind === 'client' ? client.email : acme.adminEmail;
      const wrong = await api.signIn(kind, known, 'not the right password');
      const unknown = await api.signIn(kind, 'nobody-here@clients.test', 'not the right password');
      expectProblem(wrong, 401, 'invalid-credentials');
      expect(shape(unknown.json())).toEqual(shape(wrong.json()));
      expect(unknown.status).toBe(wrong.status);
    }

    const forgotKnown = await api.call('POST', '/api/v1/auth/client/forgot-password', { body: { email: client.email } });
    const forgotUnknown = await api.call('POST', '/api/v1/auth/client/forgot-password', { body: { email: 'nobody-here@clients.test' } });
    expect(forgotKnown.status).toBe(202);
    expect(forgotUnknown.status).toBe(202);
    expect(forgotUnknown.json()).toEqual(forgotKnown.json());
    // Only the real account gets mail.
    await nextMail(env, client.email, /^Reset your password/);
    expect(await env.db.getRepository(MailMessage).count({ where: { to: 'nobody-here@clients.test' } })).toBe(0);
  });

  it('a reset link works once, for at most 30 minutes, and ends every session; an expired one is refused with 410', async () => {
    const client = await newClient();
    const other = await api.session('client', client.email, client.password);
    expect((await api.call('POST', '/api/v1/auth/client/forgot-password', { body: { email: client.email.toUpperCase() } })).status).toBe(202);
    const mail = await nextMail(env, client.email, /^Reset your password for Acme CPA$/);
    const token = linkToken(mail);
    expect(mail.text).toContain(`https://acme.localhost:3000/reset-password?token=${token}`);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16); // ≥ 128 bits
    const row = await env.db.getRepository(OneTimeToken).findOneOrFail({ where: { tokenHash: sha256(token) } });
    expect(row.purpose).toBe('password-reset');
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(30 * 60_000 + 1000);
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    expect(await env.db.getRepository(OneTimeToken).count({ where: { tokenHash: token } })).toBe(0); // stored hashed only

    const weak = await api.call('POST', '/api/v1/auth/client/reset-password', { body: { token, password: 'Qz9 vireo' } });
    expect(expectProblem(weak, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'password', rule: 'minLength' })]);

    const ok = await api.call('POST', '/api/v1/auth/client/reset-password', { body: { token, password: 'marble orchard 5521 drift' } });
    expect(ok.status).toBe(200);
    for (const s of [client.session, other]) {
      expect(await api.meStatus('client', s.accessToken)).toBe(401);
      expectProblem(await api.refresh('client', s.cookie), 401, 'session-ended');
    }
    expectProblem(await api.call('POST', '/api/v1/auth/client/reset-password', { body: { token, password: 'another marble orchard 77' } }), 404, 'link-invalid');
    expectProblem(await api.signIn('client', client.email, client.password), 401, 'invalid-credentials');
    await api.session('client', client.email, 'marble orchard 5521 drift');

    // A second link, past its time.
    await api.call('POST', '/api/v1/auth/client/forgot-password', { body: { email: client.email } });
    const late = linkToken(await nextMail(env, client.email, /^Reset your password/));
    await env.db.getRepository(OneTimeToken).update({ tokenHash: sha256(late) }, { expiresAt: new Date(Date.now() - 1000) });
    expectProblem(await api.call('POST', '/api/v1/auth/client/reset-password', { body: { token: late, password: 'too late orchard 4410' } }), 410, 'link-expired');
    await api.session('client', client.email, 'marble orchard 5521 drift'); // unchanged
    // A reset link is for its audience only.
    await api.call('POST', '/api/v1/auth/staff/forgot-password', { body: { email: acme.adminEmail } });
    const staffToken = linkToken(await nextMail(env, acme.adminEmail, /^Reset your password/));
    expectProblem(await api.call('POST', '/api/v1/auth/client/reset-password', { body: { token: staffToken, password: 'cross audience 8812 try' } }), 404, 'link-invalid');
  });

  it('reminds by e-mail before a password expires, and makes an expired password be changed at the next sign-in', async () => {
    const due = await newClient('Omar', 'Haddad');
    const fresh = await newClient('Ines', 'Berg');
    const dueCredential = await credentialOf(due.contactId);
    const changedAt = new Date(Date.now() - 80 * DAY); // policy: 90 days, reminder 14 days before
    await env.db.getRepository(Credential).update({ id: dueCredential.id }, { passwordChangedAt: changedAt });

    const jobs = env.app.get(JobQueue);
    const runReminders = async () => {
      const id = await jobs.enqueue(PasswordExpiryJob, { tickAt: new Date().toISOString() });
      await eventually(async () => expect((await jobs.get(id))?.state).toBe('completed'));
    };
    await runReminders();
    const reminder = await nextMail(env, due.email, /^Your Acme CPA password expires soon$/);
    const expiresOn = new Date(changedAt.getTime() + 90 * DAY).toISOString().slice(0, 10);
    expect(reminder.text).toContain(expiresOn);
    expect(reminder.text).toContain('https://acme.localhost:3000/account/password');
    expect((await credentialOf(fresh.contactId)).expiryReminderSentAt).toBeNull();
    expect(await env.db.getRepository(MailMessage).count({ where: { to: fresh.email, template: 'password-expiry-reminder' } })).toBe(0);
    // Once only, however often the job runs.
    await runReminders();
    expect(await env.db.getRepository(MailMessage).count({ where: { to: due.email, template: 'password-expiry-reminder' } })).toBe(1);

    // Past 90 days: the sign-in asks for a new password before any session starts.
    await env.db.getRepository(Credential).update({ id: dueCredential.id }, { passwordChangedAt: new Date(Date.now() - 91 * DAY) });
    const res = await api.signIn('client', due.email, due.password);
    expect(res.json()).toEqual({ status: 'password-change-required', reason: 'expired', challengeToken: expect.any(String) });
    expect(res.headers['set-cookie']).toBeUndefined();
    const challengeToken = res.json().challengeToken;
    const same = await api.call('POST', '/api/v1/auth/client/challenge/password', { body: { challengeToken, newPassword: due.password } });
    expect(expectProblem(same, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'newPassword', rule: 'different' })]);
    const changed = signedIn(await api.call('POST', '/api/v1/auth/client/challenge/password', { body: { challengeToken, newPassword: 'lichen quarry 3307 beacon' } }), 'client');
    const me = (await api.call('GET', '/api/v1/portal/me', { token: changed.accessToken })).json();
    expect(Date.parse(me.passwordExpiresAt) - Date.now()).toBeGreaterThan(89 * DAY);
    expect(await api.meStatus('client', due.session.accessToken)).toBe(401); // the old session ended with the change
    await api.session('client', due.email, 'lichen quarry 3307 beacon');
    expect((await credentialOf(due.contactId)).expiryReminderSentAt).toBeNull(); // the next cycle reminds again

    // 0 days turns expiry off.
    const off = await api.call('PATCH', '/api/v1/staff/settings/security', { token: acme.admin.accessToken, body: { passwordMaxAgeDays: 0 } });
    expect(off.json().passwordMaxAgeDays).toBe(0);
    await env.db.getRepository(Credential).update({ id: dueCredential.id }, { passwordChangedAt: new Date(Date.now() - 400 * DAY) });
    await api.session('client', due.email, 'lichen quarry 3307 beacon');
    await runReminders();
    expect(await env.db.getRepository(MailMessage).count({ where: { to: due.email, template: 'password-expiry-reminder' } })).toBe(1);
    await api.call('PATCH', '/api/v1/staff/settings/security', { token: acme.admin.accessToken, body: { passwordMaxAgeDays: 90 } });
  });

  it('refuses the sixth wrong password for an account within 15 minutes with 429, for known and unknown addresses alike', async () => {
    const target = await newClient();
    const bystander = await newClient();
    for (const email of [target.email, 'ghost@clients.test']) {
      for (let i = 1; i <= 5; i++) expectProblem(await api.signIn('client', email, `wrong guess number ${i}`), 401, 'invalid-credentials');
      const blocked = expectProblem(await api.signIn('client', email, email === target.email ? target.password : 'wrong guess number 6'), 429, 'too-many-attempts');
      expect(blocked.retryAfter).toBeGreaterThan(0);
      expect(blocked.retryAfter).toBeLessThanOrEqual(15 * 60);
    }
    // The limit is per account: another client of the same firm (and the same IP) still signs in.
    await api.session('client', bystander.email, bystander.password);
    // Each failure is in the audit log.
    const failures = await env.db.getRepository(AuditEvent).count({ where: { action: 'auth.sign-in-failed', targetId: (await credentialOf(target.contactId)).id } });
    expect(failures).toBe(5);
  });

  it('counts before checking: 20 parallel guesses at one account get at most 5 answers, the rest wait (429)', async () => {
    const client = await newClient();
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      api.call('POST', '/api/v1/auth/client/sign-in', { body: { email: client.email, password: `parallel guess number ${i}` }, headers: { 'x-forwarded-for': `192.0.2.${i + 1}` } })));
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('limits attempts per IP as well: after 100 from one address, even a right password from it waits; other addresses do not', async () => {
    const client = await newClient();
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const attacker = '203.0.113.7';
    for (let i = 0; i < 100; i++) {
      // A different account each time, so that no per-account limit is reached.
      const res = await api.call('POST', '/api/v1/auth/client/sign-in', { body: { email: `spray${i % 25}-${Math.floor(i / 25)}@clients.test`, password: 'Winter2025!!' }, headers: from(attacker) });
      expect(res.status).toBe(401);
    }
    const blocked = await api.call('POST', '/api/v1/auth/client/sign-in', { body: { email: client.email, password: client.password }, headers: from(attacker) });
    expectProblem(blocked, 429, 'too-many-attempts');
    signedIn(await api.call('POST', '/api/v1/auth/client/sign-in', { body: { email: client.email, password: client.password }, headers: from('198.51.100.4') }), 'client');
  });

  it('checks profile names beside each field, accepts any alphabet, and shows a new name everywhere at once', async () => {
    const client = await newClient('Zoe', 'Brien');
    const token = client.session.accessToken;
    const patch = (body: Record<string, string>) => api.call('PATCH', '/api/v1/portal/me/profile', { token, body });

    const digits = expectProblem(await patch({ firstName: 'Zo3', lastName: 'Smith2' }), 400, 'validation-failed');
    expect(digits.errors).toEqual(expect.arrayContaining([
      { field: 'firstName', rule: 'matches', message: 'First name may contain only letters, spaces, hyphens and apostrophes' },
      { field: 'lastName', rule: 'matches', message: 'Last name may contain only letters, spaces, hyphens and apostrophes' },
    ]));
    expect(digits.errors).toHaveLength(2);
    const symbols = expectProblem(await patch({ firstName: 'Zoë!', lastName: 'Smith' }), 400, 'validation-failed');
    expect(symbols.errors).toEqual([expect.objectContaining({ field: 'firstName', message: 'First name may contain only letters, spaces, hyphens and apostrophes' })]);
    for (const firstName of ['Z', "O'", 'A-']) {
      const short = expectProblem(await patch({ firstName, lastName: 'Smith' }), 400, 'validation-failed');
      expect(short.errors).toEqual([expect.objectContaining({ field: 'firstName', message: 'First name must have at least 2 letters' })]);
    }
    const noLast = expectProblem(await patch({ firstName: 'Zoë', lastName: '' }), 400, 'validation-failed');
    expect(noLast.errors).toEqual([expect.objectContaining({ field: 'lastName', message: 'Last name must have at least 1 letter' })]);
    const missing = expectProblem(await patch({ firstName: 'Zoë' }), 400, 'validation-failed');
    expect(missing.errors).toEqual([expect.objectContaining({ field: 'lastName', rule: 'required' })]);

    const ok = await patch({ firstName: 'Zoë', lastName: "O'Brien-Núñez" });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ firstName: 'Zoë', lastName: "O'Brien-Núñez", name: "Zoë O'Brien-Núñez" });
    expect((await patch({ firstName: 'Дмитрий', lastName: '李' })).status).toBe(200);
    expect((await patch({ firstName: 'Zoë', lastName: "O'Brien-Núñez" })).status).toBe(200);
    // Staff see the new name at once.
    const seen = await api.call('GET', `/api/v1/staff/contacts/${client.contactId}`, { token: acme.admin.accessToken });
    expect(seen.json()).toMatchObject({ firstName: 'Zoë', lastName: "O'Brien-Núñez" });
    const found = await api.call('GET', `/api/v1/staff/contacts?q=${encodeURIComponent('núñez')}`, { token: acme.admin.accessToken });
    expect(found.json().items.map((c: { id: string }) => c.id)).toContain(client.contactId);
    // …and the client sees a name staff corrected, without a new invitation.
    const byStaff = await api.call('PATCH', `/api/v1/staff/contacts/${client.contactId}`, { token: acme.admin.accessToken, body: { firstName: 'Zoey' } });
    expect(byStaff.json()).toMatchObject({ firstName: 'Zoey', loginEmail: client.email });
    expect((await api.call('GET', '/api/v1/portal/me', { token })).json()).toMatchObject({ firstName: 'Zoey', lastName: "O'Brien-Núñez" });
    const badByStaff = await api.call('PATCH', `/api/v1/staff/contacts/${client.contactId}`, { token: acme.admin.accessToken, body: { firstName: 'Z-', lastName: 'R2D2' } });
    expect(expectProblem(badByStaff, 400, 'validation-failed').errors).toEqual([
      expect.objectContaining({ field: 'firstName', message: 'First name must have at least 2 letters' }),
      expect.objectContaining({ field: 'lastName', message: 'Last name may contain only letters, spaces, hyphens and apostrophes' }),
    ]);
    const audit = await env.db.getRepository(AuditEvent).find({ where: { action: 'profile.updated', targetId: client.contactId } });
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.actorType === 'client' && a.actorId === client.contactId)).toBe(true);
  });

  it('a firm that requires client MFA: accepting the invitation leads to the MFA set-up, which answers with recovery codes', async () => {
    const secure = await firmWithAdmin(env, 'secure', 'Secure Law');
    const sapi = secure.api;
    const staff = secure.admin.accessToken;
    const before = await activeClient(sapi, staff, { firstName: 'Early', lastName: 'Bird', email: 'early@secure-clients.test' });

    const turnOn = await sapi.call('PATCH', '/api/v1/staff/settings/security', { token: staff, body: { requireClientMfa: true } });
    expect(turnOn.status).toBe(200);
    expect(turnOn.json()).toMatchObject({ requireClientMfa: true, portalUrl: 'https://secure.localhost:3000' });
    const changedBy = await env.db.getRepository(AuditEvent).findOneOrFail({ where: { action: 'settings.security-updated', firmId: secure.firmId } });
    expect({ actorType: changedBy.actorType, data: JSON.parse(changedBy.data!) }).toMatchObject({ actorType: 'staff', data: { changes: { requireClientMfa: true } } });

    const { contactId } = await createContact(sapi, staff, { firstName: 'Maya', lastName: 'Stone', emails: ['maya@secure-clients.test'] });
    const invited = await sapi.call('POST', `/api/v1/staff/contacts/${contactId}/portal-access/invite`, { token: staff, body: { email: 'maya@secure-clients.test' } });
    expect(invited.status).toBe(200);
    const token = linkToken(await nextMail(env, 'maya@secure-clients.test', /^Secure Law invites you/));
    const info = await sapi.call('GET', `/api/v1/auth/client/invitation?token=${token}`);
    expect(info.json()).toMatchObject({ firstName: 'Maya', email: 'maya@secure-clients.test', firmName: 'Secure Law', mfaRequired: true, passwordMinLength: 12 });

    const weak = await sapi.call('POST', '/api/v1/auth/client/invitation/accept', { body: { token, password: 'password1234' } });
    expect(expectProblem(weak, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'password', rule: 'common' })]);
    const accepted = await sapi.call('POST', '/api/v1/auth/client/invitation/accept', { body: { token, password: 'granite willow 6620 sail' } });
    expect(accepted.status).toBe(200);
    expect(accepted.json()).toEqual({ status: 'mfa-setup-required', challengeToken: expect.any(String) });
    expect(accepted.headers['set-cookie']).toBeUndefined();
    const challengeToken = accepted.json().challengeToken;

    const setup = await sapi.call('POST', '/api/v1/auth/client/challenge/mfa-setup', { body: { challengeToken } });
    expect(setup.status).toBe(200);
    const { secret, otpauthUrl } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/.*issuer=Secure%20Law/);
    const now = Date.now();
    const valid = new Set([-30_000, 0, 30_000].map((d) => totp.codeAt(secret, now + d)));
    const wrongCode = [...Array(10).keys()].map((i) => String(i).repeat(6)).find((c) => !valid.has(c))!;
    const bad = await sapi.call('POST', '/api/v1/auth/client/challenge/mfa-setup/confirm', { body: { challengeToken, code: wrongCode } });
    expectProblem(bad, 400, 'invalid-code');
    const done = await sapi.call('POST', '/api/v1/auth/client/challenge/mfa-setup/confirm', { body: { challengeToken, code: totp.codeAt(secret, now) } });
    const session = signedIn(done, 'client');
    expect(done.json().recoveryCodes).toHaveLength(10);
    // The set-up step is spent: its token cannot start a second set-up (and replace the authenticator).
    expectProblem(await sapi.call('POST', '/api/v1/auth/client/challenge/mfa-setup', { body: { challengeToken } }), 401, 'challenge-expired');
    expectProblem(await sapi.call('POST', '/api/v1/auth/client/challenge/mfa-setup/confirm', { body: { challengeToken, code: totp.codeAt(secret, now + 30_000) } }), 401, 'challenge-expired');
    const me = (await sapi.call('GET', '/api/v1/portal/me', { token: session.accessToken })).json();
    expect(me).toMatchObject({ mfaEnabled: true, mfaRequired: true, email: 'maya@secure-clients.test' });
    expectProblem(await sapi.call('POST', '/api/v1/portal/me/mfa/disable', { token: session.accessToken, body: { password: 'granite willow 6620 sail' } }), 403, 'mfa-required');
    // The link is spent; the next sign-in asks for a code, not a set-up.
    expectProblem(await sapi.call('POST', '/api/v1/auth/client/invitation/accept', { body: { token, password: 'granite willow 6620 sail' } }), 404, 'link-invalid');
    expect((await sapi.signIn('client', 'maya@secure-clients.test', 'granite willow 6620 sail')).json().status).toBe('mfa-required');
    const portalAccess = await sapi.call('GET', `/api/v1/staff/contacts/${contactId}/portal-access`, { token: staff });
    expect(portalAccess.json()).toMatchObject({ status: 'verified', mfaEnabled: true });

    // A client who had access before the firm required MFA sets it up at the next sign-in.
    expect(await sapi.meStatus('client', before.session.accessToken)).toBe(200);
    expect((await sapi.signIn('client', before.email, before.password)).json().status).toBe('mfa-setup-required');
  });
});
