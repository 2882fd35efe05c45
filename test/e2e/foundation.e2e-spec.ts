import { readFileSync } from 'node:fs';
import { createTestEnvironment, eventually, type TestEnvironment } from '@portico/testing';
import { AuditEvent, Firm, MailMessage } from '@portico/core';
import { Credential, StaffUser } from '@portico/identity';

describe('foundation: setup, tenancy, problems, mail through the queue', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(() => env.close());

  it('health reports database, queue and storage', async () => {
    const res = await env.request('GET', '/api/health');
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(Object.keys(body.details).sort()).toEqual(['database', 'queue', 'storage']);
    expect(body.details.queue.driver).toBe(env.config.queue.driver);
    expect(body.details.database.type).toBe(env.config.db.type);
  });

  it('answers 404 problem+json for an unknown firm host, with nothing written', async () => {
    const res = await env.request('GET', '/api/v1/portal/firm', { host: 'nobody.localhost:3000' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, title: 'Not found', detail: 'No firm portal is served at nobody.localhost:3000.' });
  });

  it('refuses malformed JSON with a clear problem', async () => {
    const token = await env.setupToken();
    const res = await env.request('POST', '/api/v1/setup', { rawBody: `{"token": "${token}", "firmName": ` });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().type).toBe('https://portico.dev/problems/malformed-json');
    expect(res.json().detail).toMatch(/not valid JSON/);
    expect(await env.db.getRepository(Firm).count()).toBe(0);
  });

  it('names each invalid field and its rule, and writes nothing', async () => {
    const token = await env.setupToken();
    const res = await env.request('POST', '/api/v1/setup', {
      body: { token, firmName: 'A', firmSlug: '-Bad Slug', adminName: 'Jane Doe', adminEmail: 'not-an-email', adminPassword: 'short', extra: 1 },
    });
    expect(res.status).toBe(400);
    const errors = res.json().errors as Array<{ field: string; rule: string }>;
    expect(errors.map((e) => `${e.field}:${e.rule}`).sort()).toEqual(
      ['adminEmail:isEmail', 'adminPassword:minLength', 'extra:whitelistValidation', 'firmName:isLength', 'firmSlug:matches'].sort(),
    );
    expect(await env.db.getRepository(Firm).count()).toBe(0);
  });

  it('refuses setup with a wrong token', async () => {
    await env.setupToken();
    const res = await env.request('POST', '/api/v1/setup', {
      body: { token: 'x'.repeat(43), firmName: 'Acme CPA', firmSlug: 'acme', adminName: 'Jane Doe', adminEmail: 'jane@acme.test', adminPassword: 'a long enough password' },
    });
    expect(res.status).toBe(403);
    expect(await env.db.getRepository(Firm).count()).toBe(0);
  });

  it('sets up the first firm, e-mails its admin through the queue, and spends the token', async () => {
    const token = await env.setupToken();
    expect((await env.request('GET', '/api/v1/setup')).json()).toEqual({ needsSetup: true });
    const body = { token, firmName: 'Acme CPA', firmSlug: 'acme', adminName: 'Jane Doe', adminEmail: 'Jane@Acme.test', adminPassword: 'a long enough password' };
    const res = await env.request('POST', '/api/v1/setup', { body });
    expect(res.status).toBe(201);
    expect(res.json()).toEqual({ firm: { slug: 'acme', name: 'Acme CPA' }, staffUrl: 'http://acme.localhost:3000/staff' });

    const admin = await env.db.getRepository(StaffUser).findOneOrFail({ where: { email: 'jane@acme.test' } });
    expect(admin.role).toBe('admin');
    const credential = await env.db.getRepository(Credential).findOneOrFail({ where: { subjectId: admin.id, kind: 'staff' } });
    expect(credential.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);

    const mail = await env.mail.waitFor('jane@acme.test');
    expect(mail.subject).toBe('Your portal Acme CPA is ready');
    expect(mail.html).toContain('http://acme.localhost:3000/staff');
    await eventually(async () => {
      const row = await env.db.getRepository(MailMessage).findOneOrFail({ where: { to: 'jane@acme.test' } });
      expect(row.status).toBe('sent');
    });

    const audit = await env.db.getRepository(AuditEvent).find({ where: { firmId: admin.firmId }, order: { createdAt: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual(['firm.created', 'staff.created']);
    expect(audit.every((a) => a.actorType === 'anonymous' && a.requestId)).toBe(true); // the installer, not signed in

    // The token is spent and the platform says so.
    expect((await env.request('POST', '/api/v1/setup', { body: { ...body, firmSlug: 'other' } })).status).toBe(409);
    expect((await env.request('GET', '/api/v1/setup')).json()).toEqual({ needsSetup: false });

    // The firm's host now serves its portal; the platform host does not.
    const portal = await env.request('GET', '/api/v1/portal/firm', { host: env.firmHost('acme') });
    expect(portal.status).toBe(200);
    expect(portal.json()).toMatchObject({ slug: 'acme', name: 'Acme CPA', portalUrl: 'http://acme.localhost:3000' });
    expect((await env.request('GET', '/api/v1/portal/firm')).status).toBe(404);
    expect((await env.request('GET', '/api/v1/portal/host')).json()).toEqual({ kind: 'platform' });
    expect((await env.request('GET', '/api/v1/portal/host', { host: env.firmHost('acme') })).json()).toMatchObject({ kind: 'firm', firm: { slug: 'acme' } });
    // …and setup is a platform route: invisible on a firm host.
    expect((await env.request('GET', '/api/v1/setup', { host: env.firmHost('acme') })).status).toBe(404);
  });

  it('activates a CLI-created admin once with the e-mailed link', async () => {
    const { activationUrl, adminEmail } = await env.createFirm('beta', 'Beta Law');
    const mail = await env.mail.waitFor(adminEmail);
    expect(mail.subject).toBe('Set your password for Beta Law');
    expect(mail.text).toContain(activationUrl);
    const token = new URL(activationUrl).searchParams.get('token')!;

    // Another firm's host does not know this token.
    const elsewhere = await env.request('POST', '/api/v1/staff/activation', { host: env.firmHost('acme'), body: { token, password: 'another long password' } });
    expect(elsewhere.status).toBe(404);

    const ok = await env.request('POST', '/api/v1/staff/activation', { host: env.firmHost('beta'), body: { token, password: 'another long password' } });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ staffUrl: 'http://beta.localhost:3000/staff' });
    const again = await env.request('POST', '/api/v1/staff/activation', { host: env.firmHost('beta'), body: { token, password: 'another long password' } });
    expect(again.status).toBe(404);
  });

  it('refuses a taken portal address with 409 naming the field', async () => {
    await expect(env.createFirm('acme')).rejects.toMatchObject({ status: 409 });
  });

  it('sends security headers and a request id', async () => {
    const res = await env.request('GET', '/api/v1/portal/firm', { host: env.firmHost('acme'), headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the OpenAPI document', async () => {
    const res = await env.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/setup', '/api/v1/portal/firm', '/api/health', '/api/v1/staff/activation']));
    // The front end's types are generated from docs/openapi.json: it must match the live API.
    const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(doc).toEqual(committed); // if this fails, run: npm run api:spec
  });
});
