import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createTestEnvironment, eventually, type TestEnvironment } from '@portico/testing';
import { AuditEvent } from '@portico/core';
import { Document, RetentionTask } from '@portico/documents';
import { activeClient, activeStaff, expectProblem, firmWithAdmin, type ActiveClient, type FirmWithAdmin } from './identity-support.js';
import { PDF, upload } from './documents-support.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Retention: the clock starts at the upload date; the firm's days (default 30, 0 = keep),
 * an engagement's override and legal holds (engagement or document) decide. The scheduled
 * task enqueues purge jobs; a purge deletes the blob and keeps a tombstone, audited.
 */
describe('documents: retention', () => {
  let env: TestEnvironment;
  let acme: FirmWithAdmin;
  let beta: FirmWithAdmin;
  let xena: ActiveClient;
  let bo: ActiveClient;
  const staff = (method: string, path: string, body?: unknown, token = acme.admin.accessToken) => acme.api.call(method, `/api/v1/staff${path}`, { token, body });
  const put = async (f: FirmWithAdmin, fields: Record<string, string>, name: string, ageDays: number) => {
    const res = await upload(env, f.api.host, '/api/v1/staff/documents', f.admin.accessToken, { share: 'true', ...fields }, [{ name, data: PDF }]);
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.body}`);
    const id = res.json().documents[0].id as string;
    await env.db.getRepository(Document).update({ id }, { uploadedAt: new Date(Date.now() - ageDays * DAY) });
    return id;
  };
  const blobExists = async (firmId: string, id: string) => {
    const root = (env.config.storage as { root: string }).root;
    return (await readdir(join(root, 'firms', firmId, 'documents')).catch(() => [] as string[])).includes(id);
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    acme = await firmWithAdmin(env, 'acme', 'Acme CPA');
    beta = await firmWithAdmin(env, 'beta', 'Beta Law');
    xena = await activeClient(acme.api, acme.admin.accessToken, { firstName: 'Xena', lastName: 'Holt', email: 'xena@x.test' });
    bo = await activeClient(beta.api, beta.admin.accessToken, { firstName: 'Bo', lastName: 'Ek', email: 'bo@b.test' });
  });
  afterAll(() => env.close());

  it('purges only expired, un-held documents and keeps their tombstones; the preview shows the next 7 days', async () => {
    const held = (await staff('POST', '/engagements', { accountId: xena.accountId, name: 'Litigation', shareWithClient: true })).json().id;
    const longer = (await staff('POST', '/engagements', { accountId: xena.accountId, name: 'Estate', shareWithClient: true })).json().id;
    const sam = await activeStaff(acme.api, acme.admin.accessToken, { name: 'Sam Lee', email: 'sam@acme.test', role: 'staff' });
    expectProblem(await staff('PUT', `/engagements/${held}/retention`, { legalHold: true }, sam.session.accessToken), 403, 'admin-only');
    expect((await staff('PUT', `/engagements/${held}/retention`, { legalHold: true })).json()).toEqual({ retentionDays: null, legalHold: true });
    expect((await staff('PUT', `/engagements/${longer}/retention`, { retentionDays: 90 })).json()).toEqual({ retentionDays: 90, legalHold: false });
    expect((await staff('GET', `/engagements/${longer}/retention`, undefined, sam.session.accessToken)).json()).toEqual({ retentionDays: 90, legalHold: false });

    const expired = await put(acme, { accountId: xena.accountId }, 'old.pdf', 31);
    const young = await put(acme, { accountId: xena.accountId }, 'young.pdf', 10);
    const soon = await put(acme, { accountId: xena.accountId }, 'soon.pdf', 26); // due in 4 days
    const heldByCase = await put(acme, { engagementId: held }, 'evidence.pdf', 400);
    const heldItself = await put(acme, { accountId: xena.accountId }, 'held.pdf', 400);
    expect((await staff('PATCH', `/documents/${heldItself}`, { legalHold: true })).json().legalHold).toBe(true);
    const estateOld = await put(acme, { engagementId: longer }, 'deed.pdf', 60); // 90 days here
    const estateExpired = await put(acme, { engagementId: longer }, 'will.pdf', 92);
    const betaOld = await put(beta, { accountId: bo.accountId }, 'beta-old.pdf', 31);
    expect((await beta.api.call('PATCH', '/api/v1/staff/settings/documents', { token: beta.admin.accessToken, body: { retentionDays: 0 } })).json().retentionDays).toBe(0);

    const preview = (await staff('GET', '/documents-retention/preview')).json();
    expect(preview.map((d: { name: string }) => d.name)).toEqual(['will.pdf', 'old.pdf', 'soon.pdf']);
    expect(new Date(preview[2].removeAt).getTime() - new Date(preview[2].uploadedAt).getTime()).toBe(30 * DAY);
    expect((await staff('GET', '/documents-retention/preview?days=1')).json().map((d: { name: string }) => d.name)).toEqual(['will.pdf', 'old.pdf']);

    await env.app.get(RetentionTask).run(new Date());
    const repo = env.db.getRepository(Document);
    await eventually(async () => expect((await repo.findOneByOrFail({ id: expired })).blobRemovedAt).toBeInstanceOf(Date), 15_000);
    await eventually(async () => expect((await repo.findOneByOrFail({ id: estateExpired })).blobRemovedAt).toBeInstanceOf(Date), 15_000);

    const tomb = (await staff('GET', `/documents/${expired}`)).json();
    expect(tomb).toMatchObject({ name: 'old.pdf', size: PDF.length, deletedAt: expect.any(String), deletedBy: null, deleteReason: 'removed by retention' });
    expect(await blobExists(acme.firmId, expired)).toBe(false);
    expectProblem(await acme.api.call('GET', `/api/v1/portal/documents/${expired}/content`, { token: xena.session.accessToken }), 404, 'not-found');
    const audit = await env.db.getRepository(AuditEvent).findOneByOrFail({ targetId: expired, action: 'document.purged' });
    expect(JSON.parse(audit.data!)).toMatchObject({ name: 'old.pdf', reason: 'removed by retention' });
    expect(audit.actorType).toBe('system');

    for (const id of [young, soon, heldByCase, heldItself, estateOld]) {
      const row = await repo.findOneByOrFail({ id });
      expect({ id, deletedAt: row.deletedAt, blobRemovedAt: row.blobRemovedAt }).toEqual({ id, deletedAt: null, blobRemovedAt: null });
      expect(await blobExists(acme.firmId, id)).toBe(true);
    }
    expect((await repo.findOneByOrFail({ id: betaOld })).blobRemovedAt).toBeNull(); // 0 = keep
    expect((await staff('GET', '/documents-retention/preview')).json().map((d: { name: string }) => d.name)).toEqual(['soon.pdf']);

    // A second run finds nothing more to do (and a purge job run again changes nothing).
    await env.app.get(RetentionTask).run(new Date());
    expect(await env.db.getRepository(AuditEvent).countBy({ targetId: expired, action: 'document.purged' })).toBe(1);
  });
});
