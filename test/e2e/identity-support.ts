// Shared steps of the identity e2e tests (test/e2e/identity-*.e2e-spec.ts): sign-in flows,
// cookies, caught e-mails and their links. Everything goes through the real HTTP API.
import type { CaughtMail, TestEnvironment, TestResponse } from '@portico/testing';
import { Totp } from '@portico/identity';

export const PROBLEM = 'https://portico.dev/problems/';
export const totp = new Totp();

export type Kind = 'staff' | 'client';

export interface Session {
  accessToken: string;
  /** `portico_rt_<kind>=…`, ready for a Cookie header. */
  cookie: string;
}

interface CallOptions {
  token?: string;
  cookie?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A caller on one firm's host. */
export class FirmApi {
  constructor(
    readonly env: TestEnvironment,
    readonly slug: string,
  ) {}

  get host(): string {
    return this.env.firmHost(this.slug);
  }

  call(method: string, path: string, options: CallOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.cookie) headers.cookie = options.cookie;
    return this.env.request(method, path, { host: this.host, body: options.body, headers });
  }

  signIn(kind: Kind, email: string, password: string): Promise<TestResponse> {
    return this.call('POST', `/api/v1/auth/${kind}/sign-in`, { body: { email, password } });
  }

  refresh(kind: Kind, cookie: string): Promise<TestResponse> {
    return this.call('POST', `/api/v1/auth/${kind}/refresh`, { cookie });
  }

  /** Sign in with a password that needs no further step; the session. */
  async session(kind: Kind, email: string, password: string): Promise<Session> {
    return signedIn(await this.signIn(kind, email, password), kind);
  }

  /** GET /api/v1/{staff,portal}/me with the token: its status says whether the session lives. */
  async meStatus(kind: Kind, token: string): Promise<number> {
    return (await this.call('GET', kind === 'staff' ? '/api/v1/staff/me' : '/api/v1/portal/me', { token })).status;
  }
}

/** The session of a `signed-in` answer (fails the test otherwise). */
export function signedIn(res: TestResponse, kind: Kind): Session {
  if (res.status !== 200 || res.json().status !== 'signed-in') {
    throw new Error(`expected signed-in, got ${res.status} ${res.body}`);
  }
  return { accessToken: res.json().accessToken, cookie: refreshCookie(res, kind) };
}

/** The Set-Cookie line of the refresh cookie. */
export function setCookieLine(res: TestResponse, kind: Kind): string {
  const raw = res.headers['set-cookie'];
  const lines = Array.isArray(raw) ? raw : raw === undefined ? [] : [String(raw)];
  const line = lines.find((l) => l.startsWith(`portico_rt_${kind}=`));
  if (!line) throw new Error(`no portico_rt_${kind} cookie in ${JSON.stringify(raw)}`);
  return line;
}

export function refreshCookie(res: TestResponse, kind: Kind): string {
  return setCookieLine(res, kind).split(';')[0];
}

/** Problem type, as the API publishes it. */
export const problem = (slug: string) => PROBLEM + slug;

export function expectProblem(res: TestResponse, status: number, slug: string): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  expect({ status: res.status, type: res.json().type }).toEqual({ status, type: problem(slug) });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.json();
}

// ---- e-mail -------------------------------------------------------------------------------

const taken = new WeakSet<CaughtMail>();

/** The next not yet read e-mail to `to` whose subject matches; marks it read. */
export async function nextMail(env: TestEnvironment, to: string, subject: RegExp): Promise<CaughtMail> {
  const mail = await env.mail.waitFor(to, 15_000, (m) => !taken.has(m) && subject.test(m.subject));
  taken.add(mail);
  return mail;
}

/** Whether an e-mail to `to` with that subject arrived that no test has read. */
export function unreadMail(env: TestEnvironment, to: string, subject: RegExp): CaughtMail[] {
  return env.mail.messages.filter((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject) && !taken.has(m));
}

/** The `token=` of the first link in the mail. */
export function linkToken(mail: CaughtMail): string {
  const m = /[?&]token=([A-Za-z0-9_-]{20,})/.exec(mail.text) ?? /[?&]token=([A-Za-z0-9_-]{20,})/.exec(mail.html);
  if (!m) throw new Error(`no token link in: ${mail.text}`);
  return m[1];
}

// ---- firms, staff and clients --------------------------------------------------------------

export interface FirmWithAdmin {
  api: FirmApi;
  firmId: string;
  adminEmail: string;
  adminPassword: string;
  admin: Session;
  /** The one-time set-password link the CLI e-mails along with the temporary password. */
  activationUrl: string;
}

/**
 * A firm made by the CLI; its admin signs in with the printed temporary password and
 * replaces it (the first sign-in must), and ends up signed in.
 */
export async function firmWithAdmin(env: TestEnvironment, slug: string, name = `Firm ${slug}`): Promise<FirmWithAdmin> {
  const created = await env.createFirm(slug, name);
  const api = new FirmApi(env, slug);
  const first = await api.signIn('staff', created.adminEmail, created.temporaryPassword);
  expect(first.status).toBe(200);
  expect(first.json()).toMatchObject({ status: 'password-change-required', reason: 'temporary' });
  expect(first.json().accessToken).toBeUndefined();
  const adminPassword = `quiet harbour lantern of ${slug} 5150`;
  const done = await api.call('POST', '/api/v1/auth/staff/challenge/password', { body: { challengeToken: first.json().challengeToken, newPassword: adminPassword } });
  // The step is spent: its token cannot set another password (nor open another session).
  const replay = await api.call('POST', '/api/v1/auth/staff/challenge/password', { body: { challengeToken: first.json().challengeToken, newPassword: `someone else's ${slug} password 77` } });
  expectProblem(replay, 401, 'challenge-expired');
  return { api, firmId: created.firmId, adminEmail: created.adminEmail, adminPassword, admin: signedIn(done, 'staff'), activationUrl: created.activationUrl };
}

export interface NewContact {
  accountId: string;
  contactId: string;
}

/** A client account (a person) with one contact and these addresses, made by staff. */
export async function createContact(
  api: FirmApi,
  staffToken: string,
  person: { firstName: string; lastName: string; emails: string[]; accountName?: string },
): Promise<NewContact> {
  const res = await api.call('POST', '/api/v1/staff/accounts', {
    token: staffToken,
    body: {
      name: person.accountName ?? `${person.firstName} ${person.lastName}`,
      kind: 'person',
      contacts: [{ firstName: person.firstName, lastName: person.lastName, emails: person.emails.map((address) => ({ address })) }],
    },
  });
  if (res.status !== 201) throw new Error(`account not created: ${res.status} ${res.body}`);
  return { accountId: res.json().id, contactId: res.json().contacts[0].id };
}

export const INVITATION = /invites you to its client portal/;

/** Staff invites the contact with `email`; the token of the link in the caught e-mail. */
export async function invite(api: FirmApi, staffToken: string, contactId: string, email: string): Promise<string> {
  const res = await api.call('POST', `/api/v1/staff/contacts/${contactId}/portal-access/invite`, { token: staffToken, body: { email } });
  if (res.status !== 200) throw new Error(`invite failed: ${res.status} ${res.body}`);
  return linkToken(await nextMail(api.env, email, INVITATION));
}

export interface ActiveClient extends NewContact {
  email: string;
  password: string;
  session: Session;
}

/** A contact invited by staff who accepted the invitation (and is signed in). */
export async function activeClient(
  api: FirmApi,
  staffToken: string,
  person: { firstName: string; lastName: string; email: string; otherEmails?: string[] },
  password = 'violet canyon ledger 4419',
): Promise<ActiveClient> {
  const ids = await createContact(api, staffToken, { ...person, emails: [person.email, ...(person.otherEmails ?? [])] });
  const token = await invite(api, staffToken, ids.contactId, person.email);
  const res = await api.call('POST', '/api/v1/auth/client/invitation/accept', { body: { token, password } });
  return { ...ids, email: person.email, password, session: signedIn(res, 'client') };
}

export interface ActiveStaff {
  id: string;
  email: string;
  password: string;
  session: Session;
}

/** An admin adds a staff member, who sets a password with the e-mailed link and signs in. */
export async function activeStaff(
  api: FirmApi,
  adminToken: string,
  member: { name: string; email: string; role: 'admin' | 'staff'; engagementAccess?: 'all' | 'assigned' },
  password = 'amber meadow compass 2287',
): Promise<ActiveStaff> {
  const res = await api.call('POST', '/api/v1/staff/users', { token: adminToken, body: member });
  if (res.status !== 201) throw new Error(`staff not added: ${res.status} ${res.body}`);
  const token = linkToken(await nextMail(api.env, member.email, /^Set your password for/));
  const activated = await api.call('POST', '/api/v1/staff/activation', { body: { token, password } });
  if (activated.status !== 200) throw new Error(`activation failed: ${activated.status} ${activated.body}`);
  return { id: res.json().id, email: member.email, password, session: await api.session('staff', member.email, password) };
}
