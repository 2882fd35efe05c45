import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { IsNull } from 'typeorm';
import { createTestEnvironment, eventually, type TestEnvironment } from '@portico/testing';
import { AuditEvent } from '@portico/core';
import { Document } from '@portico/documents';
import { activeClient, activeStaff, expectProblem, firmWithAdmin, type ActiveClient, type ActiveStaff, type FirmWithAdmin } from './identity-support.js';
import { PDF, PNG, bytes, inject, multipartBody, upload, type RawResponse, type UploadFile } from './documents-support.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * The document exchange end to end on the real database and storage: staff send, clients
 * download with Range; clients upload into "new files"; visibility (unshared, another
 * client's, another firm's: 404); a cut-off upload leaves nothing; names and types; limits.
 */
describe('documents: the two-way exchange', () => {
  let env: TestEnvironment;
  let acme: FirmWithAdmin;
  let beta: FirmWithAdmin;
  let xena: ActiveClient; // Acme, account X
  let yuri: ActiveClient; // Acme, account Y
  let bo: ActiveClient; // Beta
  let sharedCase: string; // X, shared with the client
  let internalCase: string; // X, not shared
  let betaDoc: string;

  const staffUpload = (fields: Record<string, string>, files: UploadFile[], token = acme.admin.accessToken, f = acme) =>
    upload(env, f.api.host, '/api/v1/staff/documents', token, fields, files);
  const clientUpload = (c: ActiveClient, fields: Record<string, string>, files: UploadFile[], f = acme) =>
    upload(env, f.api.host, '/api/v1/portal/documents', c.session.accessToken, fields, files);
  const staff = (method: string, path: string, body?: unknown, token = acme.admin.accessToken) => acme.api.call(method, `/api/v1/staff${path}`, { token, body });
  const portal = (c: ActiveClient, method: string, path: string, f = acme) => f.api.call(method, `/api/v1/portal${path}`, { token: c.session.accessToken });
  const download = (who: 'staff' | ActiveClient, id: string, headers: Record<string, string> = {}, f = acme): Promise<RawResponse> =>
    inject(env, f.api.host, 'GET', `/api/v1/${who === 'staff' ? 'staff' : 'portal'}/documents/${id}/content`, { token: who === 'staff' ? f.admin.accessToken : who.session.accessToken, headers });
  const one = (res: RawResponse) => {
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.body}`);
    return res.json().documents[0];
  };
  /** Every stored object (and write in progress) of a firm. */
  const blobs = async (firmId: string) => {
    const root = (env.config.storage as { root: string }).root;
    const list = async (dir: string): Promise<string[]> => (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []))
      .filter((e) => e.isFile()).map((e) => join(e.parentPath ?? dir, e.name));
    return { stored: await list(join(root, 'firms', firmId)), temporary: await list(join(root, '.tmp')) };
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    acme = await firmWithAdmin(env, 'acme', 'Acme CPA');
    beta = await firmWithAdmin(env, 'beta', 'Beta Law');
    xena = await activeClient(acme.api, acme.admin.accessToken, { firstName: 'Xena', lastName: 'Holt', email: 'xena@x.test' });
    yuri = await activeClient(acme.api, acme.admin.accessToken, { firstName: 'Yuri', lastName: 'Vance', email: 'yuri@y.test' });
    bo = await activeClient(beta.api, beta.admin.accessToken, { firstName: 'Bo', lastName: 'Ek', email: 'bo@b.test' });
    sharedCase = (await staff('POST', '/engagements', { accountId: xena.accountId, name: 'Tax return 2025', shareWithClient: true })).json().id;
    internalCase = (await staff('POST', '/engagements', { accountId: xena.accountId, name: 'Internal review' })).json().id;
    betaDoc = one(await staffUpload({ accountId: bo.accountId, share: 'true' }, [{ name: 'bo.pdf', data: PDF }], beta.admin.accessToken, beta)).id;
  });
  afterAll(() => env.close());

  it('staff send files (one request, many files) and the client downloads them, whole and by Range', async () => {
    const big = bytes(300_000, 11);
    const res = await staffUpload({ engagementId: sharedCase, share: 'true' }, [
      { name: 'Engagement letter.pdf', data: PDF, type: 'application/pdf' },
      { name: 'ledger.bin', data: big },
    ]);
    expect(res.status).toBe(201);
    const [letter, ledger] = res.json().documents;
    expect(letter).toMatchObject({
      accountId: xena.accountId, engagementId: sharedCase, folderId: null, name: 'Engagement letter.pdf', size: PDF.length, sha256: sha(PDF),
      contentType: 'application/pdf', direction: 'staff-to-client', sharedWithClient: true, uploadedBy: { type: 'staff', name: 'Ada Admin' }, downloadedByFirmAt: null, deletedAt: null,
    });
    expect(ledger).toMatchObject({ size: big.length, sha256: sha(big), contentType: 'application/octet-stream' });

    const list = await portal(xena, 'GET', '/documents');
    expect(list.status).toBe(200);
    expect(list.json().map((d: { name: string }) => d.name).sort()).toEqual(['Engagement letter.pdf', 'ledger.bin']);
    expect(list.json()[0]).not.toHaveProperty('sha256');

    const whole = await download(xena, ledger.id);
    expect(whole.status).toBe(200);
    expect(whole.raw.equals(big)).toBe(true);
    expect(whole.headers).toMatchObject({
      'accept-ranges': 'bytes', 'content-length': String(big.length), 'content-type': 'application/octet-stream',
      'x-content-type-options': 'nosniff', 'content-disposition': `attachment; filename="ledger.bin"; filename*=UTF-8''ledger.bin`,
    });

    const part = await download(xena, ledger.id, { range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${big.length}`);
    expect(part.headers['content-length']).toBe('1000');
    expect(part.raw.equals(big.subarray(1000, 2000))).toBe(true);
    const tail = await download(xena, ledger.id, { range: 'bytes=-10' });
    expect(tail.status).toBe(206);
    expect(tail.raw.equals(big.subarray(big.length - 10))).toBe(true);
    const open = await download(xena, ledger.id, { range: `bytes=${big.length - 5}-` });
    expect(open.raw.equals(big.subarray(big.length - 5))).toBe(true);

    const bad = await download(xena, ledger.id, { range: `bytes=${big.length}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${big.length}`);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('names are sanitised and the type comes from the bytes: a PNG named x.pdf is image/png', async () => {
    const png = one(await staffUpload({ accountId: xena.accountId }, [{ name: '../../secret/x.pdf', data: PNG, type: 'application/pdf' }]));
    expect(png).toMatchObject({ name: 'x.pdf', contentType: 'image/png', sharedWithClient: false });
    const odd = one(await staffUpload({ accountId: xena.accountId }, [{ name: ' Núñez\u0007 W-2:2025.pdf ', data: PDF }]));
    expect(odd.name).toBe('Núñez W-2_2025.pdf');
    const res = await download('staff', odd.id);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Nunez W-2_2025.pdf"; filename*=UTF-8''N%C3%BA%C3%B1ez%20W-2_2025.pdf`);
    expect(res.headers['content-type']).toBe('application/pdf');
    const long = one(await staffUpload({ accountId: xena.accountId }, [{ name: `${'a'.repeat(300)}.xlsx`, data: bytes(10) }]));
    expect(long.name).toHaveLength(255);
    expect(long.name.endsWith('.xlsx')).toBe(true);
  });

  it('unshared documents, another client’s and another firm’s are 404 to a client, alike', async () => {
    const unshared = one(await staffUpload({ accountId: xena.accountId, share: 'false' }, [{ name: 'internal.pdf', data: PDF }]));
    const inInternalCase = one(await staffUpload({ engagementId: internalCase, share: 'true' }, [{ name: 'draft.pdf', data: PDF }]));
    const yuris = one(await staffUpload({ accountId: yuri.accountId, share: 'true' }, [{ name: 'yuri.pdf', data: PDF }]));
    const names = (await portal(xena, 'GET', '/documents')).json().map((d: { name: string }) => d.name);
    expect(names).not.toEqual(expect.arrayContaining(['internal.pdf']));
    expect(names).not.toContain('draft.pdf');
    expect(names).not.toContain('yuri.pdf');
    const unknown = await download(xena, randomUUID());
    for (const res of [
      await download(xena, unshared.id), await download(xena, inInternalCase.id), await download(xena, yuris.id), await download(xena, betaDoc),
      await download(bo, unshared.id, {}, beta),
    ]) {
      expect(res.status).toBe(404);
      expect(res.json().detail).toBe(unknown.json().detail);
    }
    expectProblem(await portal(xena, 'GET', `/documents?engagementId=${internalCase}`), 404, 'not-found');
    // Another firm's staff, and a client token on the staff API.
    expect((await beta.api.call('GET', `/api/v1/staff/documents/${unshared.id}`, { token: beta.admin.accessToken })).status).toBe(404);
    expect((await download('staff', betaDoc)).status).toBe(404);
    expect((await acme.api.call('GET', `/api/v1/staff/documents/${unshared.id}`, { token: xena.session.accessToken })).status).toBe(404);
    expect((await inject(env, acme.api.host, 'GET', `/api/v1/portal/documents/${unshared.id}/content`)).status).toBe(401);
  });

  it('client uploads land in “new files” (per account and firm-wide); a staff download or a bulk mark takes them out', async () => {
    const res = await clientUpload(xena, { engagementId: sharedCase }, [{ name: 'W-2.pdf', data: PDF }, { name: 'receipt.png', data: PNG }]);
    expect(res.status).toBe(201);
    const [w2, receipt] = res.json().documents;
    expect(w2).toMatchObject({ name: 'W-2.pdf', direction: 'client-to-staff', engagementId: sharedCase });
    await clientUpload(yuri, {}, [{ name: 'yuri-id.png', data: PNG }]);
    // Another client's engagement is 404 to the uploader.
    expectProblem(await clientUpload(yuri, { engagementId: sharedCase }, [{ name: 'sneaky.pdf', data: PDF }]), 404, 'not-found');

    const inbox = (await staff('GET', '/documents/new')).json();
    expect(inbox.items.map((d: { name: string }) => d.name)).toEqual(['W-2.pdf', 'receipt.png', 'yuri-id.png']);
    expect(inbox.items[0]).toMatchObject({ uploadedBy: { type: 'client', id: xena.contactId, name: 'Xena Holt' }, downloadedByFirmAt: null });
    expect((await staff('GET', `/documents/new?accountId=${xena.accountId}`)).json().total).toBe(2);
    // The client sees their own uploads.
    expect((await portal(xena, 'GET', '/documents')).json().map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['W-2.pdf', 'receipt.png']));

    const got = await download('staff', w2.id, { range: 'bytes=0-3' });
    expect(got.status).toBe(206);
    expect(got.raw.toString()).toBe('%PDF');
    expect((await staff('GET', `/documents/new?accountId=${xena.accountId}`)).json().items.map((d: { id: string }) => d.id)).toEqual([receipt.id]);
    expect((await staff('GET', `/documents/${w2.id}`)).json().downloadedByFirmAt).toEqual(expect.any(String));

    const yuris = (await staff('GET', `/documents/new?accountId=${yuri.accountId}`)).json().items[0];
    const marked = await staff('POST', '/documents/mark-downloaded', { ids: [receipt.id, yuris.id, w2.id, betaDoc] });
    expect(marked.status).toBe(200);
    expect(marked.json()).toEqual({ marked: 2 });
    expect((await staff('GET', '/documents/new')).json()).toEqual({ items: [], total: 0 });
    expectProblem(await staff('POST', '/documents/mark-downloaded', { ids: ['nope'] }), 400, 'validation-failed');
  });

  it('a client cannot upload when the firm switched uploads off (403 with the reason)', async () => {
    const sam = await activeStaff(acme.api, acme.admin.accessToken, { name: 'Sam Lee', email: 'sam@acme.test', role: 'staff' });
    expectProblem(await staff('PATCH', '/settings/documents', { clientsMayUpload: false }, sam.session.accessToken), 403, 'admin-only');
    expect((await staff('PATCH', '/settings/documents', { clientsMayUpload: false })).json()).toEqual({ clientsMayUpload: false, maxUploadBytes: 5 * 1024 ** 3, retentionDays: 30 });
    const refused = expectProblem(await clientUpload(xena, {}, [{ name: 'late.pdf', data: PDF }]), 403, 'client-uploads-disabled');
    expect(refused.detail).toMatch(/does not accept uploads/);
    expect((await staff('PATCH', '/settings/documents', { clientsMayUpload: true })).status).toBe(200);
    expect((await clientUpload(xena, {}, [{ name: 'late.pdf', data: PDF }])).status).toBe(201);
  });

  it('over the firm’s size limit: 413 problem+json, and no row or blob stays', async () => {
    const before = await blobs(acme.firmId);
    const rows = await env.db.getRepository(Document).count();
    expect((await staff('PATCH', '/settings/documents', { maxUploadBytes: 100_000 })).status).toBe(200);
    const res = await staffUpload({ accountId: xena.accountId }, [{ name: 'small.pdf', data: PDF }, { name: 'huge.bin', data: bytes(250_000) }]);
    const doc = expectProblem(res, 413, 'file-too-large');
    expect(doc).toMatchObject({ maxUploadBytes: 100_000 });
    expect(await env.db.getRepository(Document).count()).toBe(rows);
    await eventually(async () => expect(await blobs(acme.firmId)).toEqual(before));
    expect((await staff('PATCH', '/settings/documents', { maxUploadBytes: 5 * 1024 ** 3 })).status).toBe(200);
  });

  it('an upload cut off midway leaves no row and no blob', async () => {
    await env.app.listen(0, '127.0.0.1');
    const { port } = env.app.getHttpServer().address() as AddressInfo;
    const before = await blobs(acme.firmId);
    const rows = await env.db.getRepository(Document).count();
    const { body, contentType } = multipartBody({ accountId: xena.accountId }, [{ name: 'killed.bin', data: bytes(4 * 1024 * 1024) }]);
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1', port, method: 'POST', path: '/api/v1/staff/documents',
        headers: { host: acme.api.host, authorization: `Bearer ${acme.admin.accessToken}`, 'content-type': contentType, 'content-length': body.length },
      });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      req.write(body.subarray(0, 1024 * 1024));
      // Let the server stream part of the file into storage, then kill the connection.
      setTimeout(() => { req.destroy(); resolve(); }, 500);
    });
    await eventually(async () => {
      expect(await blobs(acme.firmId)).toEqual(before);
      expect(await env.db.getRepository(Document).count()).toBe(rows);
    });
    expect(await env.db.getRepository(Document).count({ where: { name: 'killed.bin' } })).toBe(0);
  });

  it('delete is soft: the client loses the file at once, the tombstone keeps name, size, dates and who deleted', async () => {
    const doc = one(await staffUpload({ accountId: xena.accountId, share: 'true' }, [{ name: 'old.pdf', data: PDF }]));
    expect((await download(xena, doc.id)).status).toBe(200);
    expect((await staff('DELETE', `/documents/${doc.id}?reason=${encodeURIComponent('sent by mistake')}`)).status).toBe(204);
    expect((await download(xena, doc.id)).status).toBe(404);
    expect((await portal(xena, 'GET', '/documents')).json().map((d: { id: string }) => d.id)).not.toContain(doc.id);
    expect((await download('staff', doc.id)).status).toBe(404);
    const tomb = (await staff('GET', `/documents/${doc.id}`)).json();
    expect(tomb).toMatchObject({ name: 'old.pdf', size: PDF.length, uploadedAt: doc.uploadedAt, deletedAt: expect.any(String), deletedBy: expect.any(String), deleteReason: 'sent by mistake' });
    expect((await staff('GET', `/documents?accountId=${xena.accountId}`)).json().items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    expect((await staff('GET', `/documents?accountId=${xena.accountId}&deleted=true`)).json().items.map((d: { id: string }) => d.id)).toContain(doc.id);
    const row = await env.db.getRepository(Document).findOneByOrFail({ id: doc.id });
    expect(row.blobRemovedAt).toBeInstanceOf(Date);
    expect((await blobs(acme.firmId)).stored.some((p) => p.endsWith(doc.id))).toBe(false);
    const events = await env.db.getRepository(AuditEvent).find({ where: { targetId: doc.id } });
    expect(events.map((e) => e.action).sort()).toEqual(['document.deleted', 'document.uploaded']);
    expect(await env.db.getRepository(Document).count({ where: { id: doc.id, deletedAt: IsNull() } })).toBe(0);
  });

  it('staff lists filter by account, engagement, direction and share', async () => {
    const all = (await staff('GET', `/documents?accountId=${xena.accountId}&limit=200`)).json();
    expect(all.total).toBe(all.items.length);
    const up = (await staff('GET', `/documents?accountId=${xena.accountId}&direction=client-to-staff`)).json();
    expect(up.items.every((d: { direction: string }) => d.direction === 'client-to-staff')).toBe(true);
    const inCase = (await staff('GET', `/documents?engagementId=${sharedCase}`)).json();
    expect(inCase.items.every((d: { engagementId: string }) => d.engagementId === sharedCase)).toBe(true);
    expect(inCase.total).toBe(4);
    const unshared = (await staff('GET', `/documents?accountId=${xena.accountId}&shared=false`)).json();
    expect(unshared.items.every((d: { sharedWithClient: boolean }) => !d.sharedWithClient)).toBe(true);
    expectProblem(await staff('GET', `/documents?engagementId=${randomUUID()}`), 404, 'not-found');
  });
});
