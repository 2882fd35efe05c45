import { randomUUID } from 'node:crypto';
import { createTestEnvironment, type TestEnvironment } from '@portico/testing';
import { activeClient, activeStaff, expectProblem, firmWithAdmin, type ActiveClient, type ActiveStaff, type FirmWithAdmin } from './identity-support.js';
import { PDF, inject, upload, type UploadFile } from './documents-support.js';

/**
 * Folders (per account or engagement, nestable, unique among siblings) and who of the staff
 * sees which document: a restricted engagement's documents are 404 to unlisted staff, and the
 * "disable portal access" check lists the shared documents such a member cannot see.
 */
describe('documents: folders and staff visibility', () => {
  let env: TestEnvironment;
  let acme: FirmWithAdmin;
  let beta: FirmWithAdmin;
  let xena: ActiveClient;
  let yuri: ActiveClient;
  let alex: ActiveStaff; // engagement access: all (not restricted ones)
  let lee: ActiveStaff; // listed on the restricted engagement
  let sharedCase: string;
  let restricted: string;

  const staff = (method: string, path: string, body?: unknown, token = acme.admin.accessToken, f = acme) => f.api.call(method, `/api/v1/staff${path}`, { token, body });
  const portal = (c: ActiveClient, path: string) => acme.api.call('GET', `/api/v1/portal${path}`, { token: c.session.accessToken });
  const staffUpload = (fields: Record<string, string>, files: UploadFile[], token = acme.admin.accessToken) =>
    upload(env, acme.api.host, '/api/v1/staff/documents', token, fields, files);
  const folder = async (body: Record<string, unknown>) => {
    const res = await staff('POST', '/folders', body);
    if (res.status !== 201) throw new Error(`folder not created: ${res.status} ${res.body}`);
    return res.json().id as string;
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    acme = await firmWithAdmin(env, 'acme', 'Acme CPA');
    beta = await firmWithAdmin(env, 'beta', 'Beta Law');
    xena = await activeClient(acme.api, acme.admin.accessToken, { firstName: 'Xena', lastName: 'Holt', email: 'xena@x.test' });
    yuri = await activeClient(acme.api, acme.admin.accessToken, { firstName: 'Yuri', lastName: 'Vance', email: 'yuri@y.test' });
    alex = await activeStaff(acme.api, acme.admin.accessToken, { name: 'Alex Kim', email: 'alex@acme.test', role: 'staff', engagementAccess: 'all' });
    lee = await activeStaff(acme.api, acme.admin.accessToken, { name: 'Lee Park', email: 'lee@acme.test', role: 'staff', engagementAccess: 'all' });
    sharedCase = (await staff('POST', '/engagements', { accountId: xena.accountId, name: 'Tax return 2025', shareWithClient: true })).json().id;
    restricted = (await staff('POST', '/engagements', { accountId: xena.accountId, name: 'Estate', restricted: true, staffIds: [lee.id], shareWithClient: true })).json().id;
  });
  afterAll(() => env.close());

  it('folders nest per account or engagement; names are unique among siblings, case-insensitively', async () => {
    const tax = await folder({ accountId: xena.accountId, name: 'Tax documents' });
    const y2025 = await folder({ parentId: tax, name: '2025' });
    await folder({ parentId: tax, name: '2024' });
    const inCase = await folder({ engagementId: sharedCase, name: 'Tax documents' }); // another place: allowed
    expectProblem(await staff('POST', '/folders', { accountId: xena.accountId, name: 'tax DOCUMENTS' }), 409, 'folder-name-taken');
    expectProblem(await staff('POST', '/folders', { parentId: tax, name: '2025' }), 409, 'folder-name-taken');
    expect((await staff('POST', '/folders', { accountId: yuri.accountId, name: 'Tax documents' })).status).toBe(201);
    expectProblem(await staff('POST', '/folders', { engagementId: sharedCase, parentId: tax, name: 'Mixed' }), 404, 'not-found');
    expectProblem(await staff('POST', '/folders', { name: 'Nowhere' }), 400, 'validation-failed');

    const list = (await staff('GET', `/folders?accountId=${xena.accountId}`)).json();
    expect(list.map((f: { name: string; parentId: string | null }) => [f.name, f.parentId])).toEqual([['2024', tax], ['2025', tax], ['Tax documents', null]]);
    expect((await staff('GET', `/folders?engagementId=${sharedCase}`)).json().map((f: { id: string }) => f.id)).toEqual([inCase]);

    expectProblem(await staff('PATCH', `/folders/${y2025}`, { name: '2024' }), 409, 'folder-name-taken');
    expect((await staff('PATCH', `/folders/${y2025}`, { name: 'Year 2025' })).json()).toMatchObject({ id: y2025, name: 'Year 2025', parentId: tax });

    // Upload into a folder; the folder then cannot go; the client sees the folders and the file.
    const doc = (await staffUpload({ folderId: y2025, share: 'true' }, [{ name: 'return.pdf', data: PDF }])).json().documents[0];
    expect(doc).toMatchObject({ accountId: xena.accountId, engagementId: null, folderId: y2025 });
    expectProblem(await staff('DELETE', `/folders/${tax}`), 409, 'folder-not-empty');
    expectProblem(await staff('DELETE', `/folders/${y2025}`), 409, 'folder-not-empty');
    expect((await portal(xena, '/folders')).json().map((f: { name: string }) => f.name)).toEqual(['2024', 'Tax documents', 'Year 2025']);
    expect((await portal(xena, `/documents?folderId=${y2025}`)).json().map((d: { id: string }) => d.id)).toEqual([doc.id]);
    expectProblem(await portal(yuri, `/documents?folderId=${y2025}`), 404, 'not-found');
    const yFolder = (await staff('GET', `/folders?accountId=${yuri.accountId}`)).json()[0].id;
    expectProblem(await upload(env, acme.api.host, '/api/v1/portal/documents', xena.session.accessToken, { folderId: yFolder }, [{ name: 'x.pdf', data: PDF }]), 404, 'not-found');

    // Moved out, the folder is empty and goes.
    expect((await staff('PATCH', `/documents/${doc.id}`, { folderId: null })).json().folderId).toBeNull();
    expect((await staff('DELETE', `/folders/${y2025}`)).status).toBe(204);
    expectProblem(await staff('GET', `/folders?accountId=${randomUUID()}`), 404, 'not-found');
    expect((await staff('GET', `/folders/${tax}`, undefined, beta.admin.accessToken, beta)).status).toBe(404);
    expectProblem(await staff('POST', '/folders', { parentId: tax, name: 'Theirs' }, beta.admin.accessToken, beta), 404, 'not-found');
  });

  it('the firm’s default folders (admins edit) are applied to an engagement or account, skipping names already there', async () => {
    expect((await staff('GET', '/settings/folder-templates')).json()).toEqual({ names: [] });
    expectProblem(await staff('PUT', '/settings/folder-templates', { names: ['Signed'] }, alex.session.accessToken), 403, 'admin-only');
    expectProblem(await staff('PUT', '/settings/folder-templates', { names: ['Signed', 'signed'] }), 400, 'validation-failed');
    expect((await staff('PUT', '/settings/folder-templates', { names: [' Tax documents ', 'Correspondence', 'Signed'] })).json())
      .toEqual({ names: ['Tax documents', 'Correspondence', 'Signed'] });
    const engagement = (await staff('POST', '/engagements', { accountId: yuri.accountId, name: 'Payroll' })).json().id;
    await folder({ engagementId: engagement, name: 'SIGNED' });
    const applied = await staff('POST', '/folders/apply-templates', { engagementId: engagement }, alex.session.accessToken);
    expect(applied.status).toBe(200);
    expect(applied.json().map((f: { name: string }) => f.name)).toEqual(['Correspondence', 'SIGNED', 'Tax documents']);
    // Twice changes nothing; Beta's list is its own.
    expect((await staff('POST', '/folders/apply-templates', { engagementId: engagement })).json()).toEqual(applied.json());
    expect((await staff('GET', '/settings/folder-templates', undefined, beta.admin.accessToken, beta)).json()).toEqual({ names: [] });
    expectProblem(await staff('POST', '/folders/apply-templates', { engagementId: engagement }, beta.admin.accessToken, beta), 404, 'not-found');
  });

  it('a client uploads into a folder of a shared engagement', async () => {
    const drop = await folder({ engagementId: sharedCase, name: 'From you' });
    const res = await upload(env, acme.api.host, '/api/v1/portal/documents', xena.session.accessToken, { folderId: drop }, [{ name: 'id.pdf', data: PDF }]);
    expect(res.status).toBe(201);
    expect(res.json().documents[0]).toMatchObject({ engagementId: sharedCase, folderId: drop, direction: 'client-to-staff' });
    expect((await portal(xena, `/folders?engagementId=${sharedCase}`)).json().map((f: { name: string }) => f.name)).toContain('From you');
  });

  it('a restricted engagement’s documents are 404 to unlisted staff and seen by listed staff and admins', async () => {
    const doc = (await staffUpload({ engagementId: restricted, share: 'true' }, [{ name: 'will.pdf', data: PDF }], lee.session.accessToken)).json().documents[0];
    expect(doc).toMatchObject({ engagementId: restricted, sharedWithClient: true });
    const get = (token: string) => staff('GET', `/documents/${doc.id}`, undefined, token);
    expect((await get(lee.session.accessToken)).status).toBe(200);
    expect((await get(acme.admin.accessToken)).status).toBe(200);
    expectProblem(await get(alex.session.accessToken), 404, 'not-found');
    expect((await inject(env, acme.api.host, 'GET', `/api/v1/staff/documents/${doc.id}/content`, { token: alex.session.accessToken })).status).toBe(404);
    const alexList = (await staff('GET', `/documents?accountId=${xena.accountId}`, undefined, alex.session.accessToken)).json();
    expect(alexList.items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
    expectProblem(await staffUpload({ engagementId: restricted }, [{ name: 'x.pdf', data: PDF }], alex.session.accessToken), 404, 'not-found');
    expectProblem(await staff('DELETE', `/documents/${doc.id}`, undefined, alex.session.accessToken), 404, 'not-found');
    // The client sees it (the engagement is shared with them).
    expect((await portal(xena, '/documents')).json().map((d: { id: string }) => d.id)).toContain(doc.id);

    // Disabling the client's access: the refusal lists the engagement and its shared document.
    const refused = expectProblem(await staff('POST', `/contacts/${xena.contactId}/portal-access/disable`, undefined, alex.session.accessToken), 409, 'shares-not-visible');
    expect(refused.hidden).toEqual([{ type: 'engagement', id: restricted, name: 'Estate' }, { type: 'document', id: doc.id, name: 'will.pdf' }]);
    // Once deleted, the document no longer counts.
    expect((await staff('DELETE', `/documents/${doc.id}`, undefined, lee.session.accessToken)).status).toBe(204);
    const again = expectProblem(await staff('POST', `/contacts/${xena.contactId}/portal-access/disable`, undefined, alex.session.accessToken), 409, 'shares-not-visible');
    expect(again.hidden).toEqual([{ type: 'engagement', id: restricted, name: 'Estate' }]);
  });

  it('a non-multipart upload is 415; fields after a file, or a bad id, are 400', async () => {
    expectProblem(await staff('POST', '/documents', { accountId: xena.accountId }), 415, 'multipart-required');
    expectProblem(await staffUpload({ accountId: 'nope' }, [{ name: 'a.pdf', data: PDF }]), 400, 'validation-failed');
    expectProblem(await staffUpload({}, [{ name: 'a.pdf', data: PDF }]), 400, 'validation-failed');
    expectProblem(await staffUpload({ accountId: xena.accountId }, []), 400, 'validation-failed');
    const b = 'xyzBOUNDARY';
    const late = Buffer.from([
      `--${b}`, 'Content-Disposition: form-data; name="accountId"', '', xena.accountId,
      `--${b}`, 'Content-Disposition: form-data; name="files"; filename="a.pdf"', 'Content-Type: application/pdf', '', '%PDF-1.7 tiny',
      `--${b}`, 'Content-Disposition: form-data; name="share"', '', 'true', `--${b}--`, '',
    ].join('\r\n'));
    const res = await inject(env, acme.api.host, 'POST', '/api/v1/staff/documents', { token: acme.admin.accessToken, payload: late, headers: { 'content-type': `multipart/form-data; boundary=${b}` } });
    expect(expectProblem(res, 400, 'validation-failed').errors).toEqual([{ field: 'share', rule: 'order', message: 'Send the form fields before the files' }]);
    expect((await staff('GET', `/documents?accountId=${xena.accountId}&q=a.pdf`)).json().total).toBe(0);
  });
});
