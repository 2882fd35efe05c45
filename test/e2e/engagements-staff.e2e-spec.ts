import { createTestEnvironment, type TestEnvironment } from '@portico/testing';
import { AuditEvent, MailMessage } from '@portico/core';
import { Engagement } from '@portico/engagements';
import {
  INVITATION, activeClient, activeStaff, createContact, expectProblem, firmWithAdmin, linkToken, nextMail, signedIn, unreadMail,
  type ActiveStaff, type FirmApi, type FirmWithAdmin,
} from './identity-support.js';

/** Engagements on the staff side: creation options, waiting for invitation, visibility, types, edits, validation. */
describe('engagements: staff', () => {
  let env: TestEnvironment;
  let acme: FirmWithAdmin;
  let api: FirmApi;
  let admin: string;
  let immigration: { id: string; subtypes: Array<{ id: string; name: string }> };
  let tax: { id: string; subtypes: Array<{ id: string; name: string }> };
  const call = (method: string, path: string, body?: unknown, token = admin) => api.call(method, `/api/v1/staff${path}`, { token, body });
  const mails = () => env.db.getRepository(MailMessage).count();
  const auditOf = (targetId: string) => env.db.getRepository(AuditEvent).find({ where: { targetId }, order: { createdAt: 'ASC' } });

  beforeAll(async () => {
    env = await createTestEnvironment();
    acme = await firmWithAdmin(env, 'acme', 'Acme Law');
    api = acme.api;
    admin = acme.admin.accessToken;
    const types = (await call('GET', '/settings/engagement-types')).json();
    immigration = types.find((t: { name: string }) => t.name === 'Immigration case');
    tax = types.find((t: { name: string }) => t.name === 'Tax return');
  });
  afterAll(() => env.close());

  it('creates with both options off: nothing is e-mailed, a contact without e-mail is warned about, and the client waits for an invitation', async () => {
    const before = await mails();
    const res = await call('POST', '/engagements', {
      newAccount: { name: 'Núñez household', kind: 'household' },
      name: 'Green card — Núñez',
      typeId: immigration.id,
      subtypeId: immigration.subtypes.find((s) => s.name === 'Family-based')!.id,
      expectedCompletion: '2026-03-31',
      parties: [
        { newContact: { firstName: 'Ana', lastName: 'Núñez', email: 'Ana@Nunez.test' }, role: 'petitioner' },
        { newContact: { firstName: 'Luis', lastName: 'Núñez' }, role: 'beneficiary' },
      ],
      customFields: [{ name: 'Receipt number', value: 'IOE0912345678', showToClient: true }, { name: 'Internal note', value: 'check I-864' }],
    });
    expect(res.status).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      name: 'Green card — Núñez', accountName: 'Núñez household', typeName: 'Immigration case', subtypeName: 'Family-based',
      status: 'open', expectedCompletion: '2026-03-31', restricted: false, sharedWithClient: false, invited: [],
      warnings: ['Luis Núñez has no e-mail; the portal will need one.'],
      customFields: [{ name: 'Receipt number', value: 'IOE0912345678', showToClient: true }, { name: 'Internal note', value: 'check I-864', showToClient: false }],
    });
    expect(created.parties.map((p: { firstName: string; role: string; portalStatus: string }) => [p.firstName, p.role, p.portalStatus]))
      .toEqual([['Ana', 'petitioner', 'none'], ['Luis', 'beneficiary', 'none']]);
    expect(await mails()).toBe(before); // nothing queued at all
    expect(unreadMail(env, 'ana@nunez.test', /./)).toEqual([]);

    const waiting = (await call('GET', `/engagements/${created.id}/waiting-for-invitation`)).json();
    expect(waiting.sharedWithClient).toBe(false);
    expect(waiting.parties).toEqual([
      expect.objectContaining({ firstName: 'Ana', role: 'petitioner', portalStatus: 'none', emails: ['ana@nunez.test'], actions: ['invite', 'temporary-password'], needsEmail: false }),
      expect.objectContaining({ firstName: 'Luis', portalStatus: 'none', emails: [], actions: [], needsEmail: true }),
    ]);

    // Invite from there (the portal-access action); Ana then waits for herself, not for the firm.
    const ana = waiting.parties[0].contactId;
    expect((await call('POST', `/contacts/${ana}/portal-access/invite`, { email: 'ana@nunez.test' })).status).toBe(200);
    await nextMail(env, 'ana@nunez.test', INVITATION);
    const after = (await call('GET', `/engagements/${created.id}/waiting-for-invitation`)).json();
    expect(after.parties.map((p: { firstName: string }) => p.firstName)).toEqual(['Luis']);

    const audit = await auditOf(created.id);
    expect(audit[0]).toMatchObject({ action: 'engagement.created', actorType: 'staff' });
    expect(JSON.parse(audit[0].data!)).toMatchObject({ name: 'Green card — Núñez', sharedWithClient: false, sendInvitation: false });
  });

  it('creates with both options on: parties without access are invited, portal users only get the share', async () => {
    const existing = await activeClient(api, admin, { firstName: 'Omar', lastName: 'Haddad', email: 'omar@haddad.test' });
    const { contactId: rana } = await createContact(api, admin, { firstName: 'Rana', lastName: 'Haddad', emails: ['rana@haddad.test'], accountName: 'Rana Haddad' });
    // Rana belongs to another account: she cannot be a party of Omar's engagement.
    const wrong = await call('POST', '/engagements', { accountId: existing.accountId, name: 'Tax 2025', parties: [{ contactId: rana }] });
    expect(expectProblem(wrong, 400, 'validation-failed').errors).toEqual([expect.objectContaining({ field: 'parties.0.contactId', rule: 'sameAccount' })]);

    const before = await mails();
    const res = await call('POST', '/engagements', {
      accountId: existing.accountId, name: 'Tax return 2025', typeId: tax.id, sendInvitation: true, shareWithClient: true,
      parties: [
        { contactId: existing.contactId, role: 'client' },
        { newContact: { firstName: 'Lina', lastName: 'Haddad', email: 'lina@haddad.test' }, role: 'spouse' },
        { newContact: { firstName: 'Sami', lastName: 'Haddad' }, role: 'dependent' },
      ],
    });
    expect(res.status).toBe(201);
    const created = res.json();
    expect(created.sharedWithClient).toBe(true);
    const lina = created.parties.find((p: { firstName: string }) => p.firstName === 'Lina').contactId;
    expect(created.invited).toEqual([lina]);
    expect(created.warnings).toEqual(['Sami Haddad has no e-mail; the portal will need one.']);
    expect(await mails()).toBe(before + 1); // Omar already has access: no e-mail for him

    const invitation = await nextMail(env, 'lina@haddad.test', INVITATION);
    const accepted = await api.call('POST', '/api/v1/auth/client/invitation/accept', { body: { token: linkToken(invitation), password: 'violet canyon ledger 4419' } });
    const linaSession = signedIn(accepted, 'client');
    const seen = await api.call('GET', '/api/v1/portal/engagements', { token: linaSession.accessToken });
    expect(seen.json().map((e: { name: string }) => e.name)).toEqual(['Tax return 2025']);
    const forOmar = await api.call('GET', '/api/v1/portal/engagements', { token: existing.session.accessToken });
    expect(forOmar.json().map((e: { id: string }) => e.id)).toEqual([created.id]);
    expect(unreadMail(env, 'omar@haddad.test', INVITATION)).toEqual([]);

    const waiting = (await call('GET', `/engagements/${created.id}/waiting-for-invitation`)).json();
    expect(waiting.parties.map((p: { firstName: string }) => p.firstName)).toEqual(['Sami']);
    expect(waiting.needShareOnly).toEqual([]);
    const invitedAudit = await env.db.getRepository(AuditEvent).findOne({ where: { targetId: lina, action: 'portal.invited' } });
    expect(invitedAudit).not.toBeNull();
  });

  it('lists portal users who only need the share while the engagement is not shared', async () => {
    const client = await activeClient(api, admin, { firstName: 'Pia', lastName: 'Berg', email: 'pia@berg.test' });
    const created = (await call('POST', '/engagements', { accountId: client.accountId, name: 'Bookkeeping Q1', parties: [{ contactId: client.contactId }] })).json();
    const waiting = (await call('GET', `/engagements/${created.id}/waiting-for-invitation`)).json();
    expect(waiting).toEqual({ sharedWithClient: false, parties: [], needShareOnly: [{ contactId: client.contactId, firstName: 'Pia', lastName: 'Berg' }] });
    expect((await api.call('GET', '/api/v1/portal/engagements', { token: client.session.accessToken })).json()).toEqual([]);
    expect((await api.call('GET', `/api/v1/portal/engagements/${created.id}`, { token: client.session.accessToken })).status).toBe(404);

    const shared = await call('PATCH', `/engagements/${created.id}`, { sharedWithClient: true });
    expect(shared.json().sharedWithClient).toBe(true);
    expect((await call('GET', `/engagements/${created.id}/waiting-for-invitation`)).json().needShareOnly).toEqual([]);
    expect((await api.call('GET', `/api/v1/portal/engagements/${created.id}`, { token: client.session.accessToken })).status).toBe(200);
  });

  describe('who of the staff sees what', () => {
    let sam: ActiveStaff; // assigned: only engagements listing him
    let alex: ActiveStaff; // all: every engagement not restricted
    let lee: ActiveStaff; // all, and on the restricted engagement's list
    let accountId: string;
    let restricted: string;
    let open: string;

    beforeAll(async () => {
      sam = await activeStaff(api, admin, { name: 'Sam Lee', email: 'sam@acme.test', role: 'staff', engagementAccess: 'assigned' });
      alex = await activeStaff(api, admin, { name: 'Alex Kim', email: 'alex@acme.test', role: 'staff', engagementAccess: 'all' });
      lee = await activeStaff(api, admin, { name: 'Lee Park', email: 'lee@acme.test', role: 'staff', engagementAccess: 'all' });
      accountId = (await createContact(api, admin, { firstName: 'Vera', lastName: 'Stone', emails: ['vera@stone.test'] })).accountId;
      restricted = (await call('POST', '/engagements', { accountId, name: 'Audit defence', restricted: true, staffIds: [lee.id, lee.id] })).json().id;
      open = (await call('POST', '/engagements', { accountId, name: 'Payroll' })).json().id;
    });

    it('a restricted engagement is 404 to unlisted staff and visible to listed staff and admins', async () => {
      const detail = (await call('GET', `/engagements/${restricted}`)).json();
      expect(detail).toMatchObject({ restricted: true, staff: [{ id: lee.id, name: 'Lee Park' }] });
      expect((await call('GET', `/engagements/${restricted}`, undefined, lee.session.accessToken)).status).toBe(200);
      for (const token of [alex.session.accessToken, sam.session.accessToken]) {
        expectProblem(await call('GET', `/engagements/${restricted}`, undefined, token), 404, 'not-found');
        expectProblem(await call('PATCH', `/engagements/${restricted}`, { name: 'Mine now' }, token), 404, 'not-found');
        expectProblem(await call('GET', `/engagements/${restricted}/waiting-for-invitation`, undefined, token), 404, 'not-found');
        expectProblem(await call('DELETE', `/engagements/${restricted}`, undefined, token), 404, 'not-found');
      }
      const names = async (token: string) => ((await call('GET', `/engagements?accountId=${accountId}`, undefined, token)).json().items as Array<{ name: string }>).map((e) => e.name).sort();
      expect(await names(admin)).toEqual(['Audit defence', 'Payroll']);
      expect(await names(lee.session.accessToken)).toEqual(['Audit defence', 'Payroll']);
      expect(await names(alex.session.accessToken)).toEqual(['Payroll']);
      expect(await names(sam.session.accessToken)).toEqual([]);
      expectProblem(await call('GET', `/engagements/${open}`, undefined, sam.session.accessToken), 404, 'not-found');
      expect((await env.db.getRepository(Engagement).findOneByOrFail({ id: restricted })).name).toBe('Audit defence');
    });

    it('a member who sees only assigned engagements is put on the list of what they create', async () => {
      const mine = await call('POST', '/engagements', { accountId, name: 'Sam’s matter', restricted: true }, sam.session.accessToken);
      expect(mine.status).toBe(201);
      expect(mine.json().staff).toEqual([{ id: sam.id, name: 'Sam Lee' }]);
      expect((await call('GET', `/engagements/${mine.json().id}`, undefined, sam.session.accessToken)).status).toBe(200);
      expectProblem(await call('GET', `/engagements/${mine.json().id}`, undefined, alex.session.accessToken), 404, 'not-found');
    });

    it('the disable refusal counts engagements through the seam: shared, restricted, not deleted', async () => {
      const client = await activeClient(api, admin, { firstName: 'Ida', lastName: 'Moss', email: 'ida@moss.test' });
      const hidden = (await call('POST', '/engagements', { accountId: client.accountId, name: 'Estate', restricted: true, staffIds: [lee.id], shareWithClient: true })).json();
      const refused = expectProblem(await call('POST', `/contacts/${client.contactId}/portal-access/disable`, undefined, alex.session.accessToken), 409, 'shares-not-visible');
      expect(refused.hidden).toEqual([{ type: 'engagement', id: hidden.id, name: 'Estate' }]);
      expect((await call('DELETE', `/engagements/${hidden.id}`, undefined, lee.session.accessToken)).status).toBe(204);
      const done = await call('POST', `/contacts/${client.contactId}/portal-access/disable`, undefined, alex.session.accessToken);
      expect(done.json().status).toBe('disabled');
      const waiting = await call('POST', '/engagements', { accountId: client.accountId, name: 'Next year', parties: [{ contactId: client.contactId }] });
      expect((await call('GET', `/engagements/${waiting.json().id}/waiting-for-invitation`)).json().parties)
        .toEqual([expect.objectContaining({ firstName: 'Ida', portalStatus: 'disabled', actions: ['enable'] })]);
    });
  });

  it('edits are audited with before and after; delete is soft and hides the engagement', async () => {
    const { accountId, contactId } = await createContact(api, admin, { firstName: 'Tom', lastName: 'Reed', emails: ['tom@reed.test'] });
    const created = (await call('POST', '/engagements', { accountId, name: 'Tax return 2024', typeId: tax.id, parties: [{ contactId, role: 'client' }] })).json();
    const individual = tax.subtypes.find((s) => s.name === 'Individual')!.id;
    const res = await call('PATCH', `/engagements/${created.id}`, {
      status: 'waiting-for-client', subtypeId: individual, expectedCompletion: '2025-04-15', description: 'Waiting for the 1099s',
      customFields: [{ name: 'Filing', value: 'joint', showToClient: true }], parties: [{ contactId, role: 'taxpayer' }],
    });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'waiting-for-client', typeName: 'Tax return', subtypeName: 'Individual', expectedCompletion: '2025-04-15', description: 'Waiting for the 1099s',
      customFields: [{ name: 'Filing', value: 'joint', showToClient: true }], parties: [expect.objectContaining({ contactId, role: 'taxpayer' })],
    });
    const updated = (await auditOf(created.id)).find((a) => a.action === 'engagement.updated')!;
    expect(JSON.parse(updated.data!)).toMatchObject({
      before: { status: 'open', subtypeId: null, expectedCompletion: null },
      after: { status: 'waiting-for-client', subtypeId: individual, expectedCompletion: '2025-04-15' },
    });

    const filtered = async (query: string) => ((await call('GET', `/engagements?${query}`)).json().items as Array<{ id: string }>).map((e) => e.id);
    expect(await filtered('status=waiting-for-client')).toEqual([created.id]);
    expect(await filtered(`typeId=${individual}`)).toEqual([created.id]);
    expect(await filtered('q=reed')).toEqual([created.id]); // the account's name
    expect(await filtered('q=2024')).toEqual([created.id]);

    expect((await call('DELETE', `/engagements/${created.id}`)).status).toBe(204);
    expectProblem(await call('GET', `/engagements/${created.id}`), 404, 'not-found');
    expect(await filtered(`accountId=${accountId}`)).toEqual([]);
    const tombstone = await env.db.getRepository(Engagement).findOneByOrFail({ id: created.id });
    expect(tombstone).toMatchObject({ name: 'Tax return 2024', deletedBy: expect.any(String) });
    expect(tombstone.deletedAt).toBeInstanceOf(Date);
    expect((await auditOf(created.id)).map((a) => a.action)).toEqual(['engagement.created', 'engagement.updated', 'engagement.deleted']);
  });

  it('engagement types: defaults seeded once, every member reads, only admins edit, used types stay', async () => {
    const list = (await call('GET', '/settings/engagement-types')).json();
    expect(list.map((t: { name: string }) => t.name)).toEqual(['Tax return', 'Bookkeeping', 'Legal matter', 'Immigration case', 'Project']);
    const staff = await activeStaff(api, admin, { name: 'Nia Holt', email: 'nia@acme.test', role: 'staff' });
    const token = staff.session.accessToken;
    expect((await call('GET', '/settings/engagement-types', undefined, token)).json()).toEqual(list);
    expectProblem(await call('POST', '/settings/engagement-types', { name: 'Payroll' }, token), 403, 'admin-only');

    const added = await call('POST', '/settings/engagement-types', { name: 'Naturalization' });
    expect(added.status).toBe(201);
    const nat = added.json().find((t: { name: string }) => t.name === 'Naturalization');
    expect(nat).toMatchObject({ position: 5, subtypes: [] });
    const withSub = (await call('POST', '/settings/engagement-types', { name: 'N-400', parentId: nat.id })).json();
    const n400 = withSub.find((t: { id: string }) => t.id === nat.id).subtypes[0];
    expect(n400).toMatchObject({ name: 'N-400', position: 0 });
    expect(expectProblem(await call('POST', '/settings/engagement-types', { name: 'naturalization' }), 409, 'type-exists').errors)
      .toEqual([expect.objectContaining({ field: 'name', rule: 'unique' })]);
    expect(expectProblem(await call('POST', '/settings/engagement-types', { name: 'Deeper', parentId: n400.id }), 400, 'validation-failed').errors)
      .toEqual([expect.objectContaining({ field: 'parentId' })]);
    const renamed = (await call('PATCH', `/settings/engagement-types/${nat.id}`, { name: 'Citizenship', position: 0 })).json();
    expect(renamed[0]).toMatchObject({ id: nat.id, name: 'Citizenship' });

    const { accountId } = await createContact(api, admin, { firstName: 'Eva', lastName: 'Lind', emails: [] });
    const e = (await call('POST', '/engagements', { accountId, name: 'Citizenship — Lind', typeId: nat.id, subtypeId: n400.id })).json();
    expectProblem(await call('DELETE', `/settings/engagement-types/${n400.id}`), 409, 'type-in-use');
    expectProblem(await call('DELETE', `/settings/engagement-types/${nat.id}`), 409, 'type-in-use');
    expect((await call('PATCH', `/engagements/${e.id}`, { typeId: null })).json()).toMatchObject({ typeId: null, subtypeId: null });
    expect((await call('DELETE', `/settings/engagement-types/${nat.id}`)).status).toBe(204);
    expect((await call('GET', '/settings/engagement-types')).json().map((t: { name: string }) => t.name)).not.toContain('Citizenship');
    const actions = (await env.db.getRepository(AuditEvent).find({ where: { targetId: nat.id } })).map((a) => a.action).sort();
    expect(actions).toEqual(['engagement-type.created', 'engagement-type.deleted', 'engagement-type.updated']);
  });

  it('bad input answers 400 naming each field', async () => {
    const { accountId, contactId } = await createContact(api, admin, { firstName: 'Kai', lastName: 'Berg', emails: [] });
    const res = await call('POST', '/engagements', {
      accountId, name: '   ', status: 'pending', expectedCompletion: '2026-02-30', restricted: 'yes',
      parties: [{ newContact: { firstName: 'K', lastName: 'Berg', email: 'not-an-address' } }],
      customFields: [{ name: 'x', value: 'y', showToClient: 'no' }],
      staffIds: ['nope'],
    });
    const fields = expectProblem(res, 400, 'validation-failed').errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual([
      'customFields.0.showToClient', 'expectedCompletion', 'name', 'parties.0.newContact.email', 'parties.0.newContact.firstName', 'restricted', 'staffIds', 'status',
    ]);
    expect(expectProblem(await call('POST', '/engagements', { name: 'No account' }), 400, 'validation-failed').errors)
      .toEqual([expect.objectContaining({ field: 'accountId', rule: 'oneOf' })]);
    expect(expectProblem(await call('POST', '/engagements', { accountId, name: 'Both', parties: [{ contactId, newContact: { firstName: 'Kim', lastName: 'B' } }] }), 400, 'validation-failed').errors)
      .toEqual([expect.objectContaining({ field: 'parties.0.contactId', rule: 'oneOf' })]);
    expect(expectProblem(await call('POST', '/engagements', { accountId, name: 'Twice', parties: [{ contactId }, { contactId }] }), 400, 'validation-failed').errors)
      .toEqual([expect.objectContaining({ field: 'parties.1.contactId', rule: 'unique' })]);
    expect(expectProblem(await call('POST', '/engagements', { accountId, name: 'Mixed', typeId: tax.id, subtypeId: immigration.subtypes[0].id }), 400, 'validation-failed').errors)
      .toEqual([expect.objectContaining({ field: 'subtypeId', rule: 'ofType' })]);
    expect(expectProblem(await call('POST', '/engagements', { accountId, name: 'Dup', customFields: [{ name: 'A', value: '1' }, { name: 'a', value: '2' }] }), 400, 'validation-failed').errors)
      .toEqual([expect.objectContaining({ field: 'customFields.1.name', rule: 'unique' })]);
    expect(expectProblem(await call('GET', '/engagements?status=lost&limit=500'), 400, 'validation-failed').errors.map((e: { field: string }) => e.field).sort())
      .toEqual(['limit', 'status']);
    expectProblem(await call('POST', '/engagements', { accountId, name: 'x', surprise: 1 }), 400, 'validation-failed');
    expect(await env.db.getRepository(Engagement).countBy({ accountId })).toBe(0); // nothing half-made
  });
});
