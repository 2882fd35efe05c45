import { randomUUID } from 'node:crypto';
import { createTestEnvironment, type TestEnvironment, type TestResponse } from '@portico/testing';
import { AuditEvent } from '@portico/core';
import { activeClient, expectProblem, firmWithAdmin, type ActiveClient, type FirmWithAdmin } from './identity-support.js';

/**
 * The client's side and tenant isolation: a client sees only what is shared with their own
 * account (another client's or another firm's engagement is 404, as is an unshared item);
 * another firm's staff get 404 for every engagement endpoint that takes an Acme id.
 */
describe('engagements: client portal and isolation', () => {
  let env: TestEnvironment;
  let acme: FirmWithAdmin;
  let beta: FirmWithAdmin;
  let xena: ActiveClient; // Acme, account X
  let yuri: ActiveClient; // Acme, account Y
  let bo: ActiveClient; // Beta
  let shared: string; // X, shared
  let unshared: string; // X, not shared
  let yuris: string; // Y, shared
  let betas: string; // Beta, shared
  const staff = (f: FirmWithAdmin, method: string, path: string, body?: unknown) => f.api.call(method, `/api/v1/staff${path}`, { token: f.admin.accessToken, body });
  const portal = (c: ActiveClient, method: string, path: string, body?: unknown, f = acme) => f.api.call(method, `/api/v1/portal/engagements${path}`, { token: c.session.accessToken, body });
  const create = async (f: FirmWithAdmin, body: Record<string, unknown>) => {
    const res = await staff(f, 'POST', '/engagements', body);
    if (res.status !== 201) throw new Error(`not created: ${res.status} ${res.body}`);
    return res.json().id as string;
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    acme = await firmWithAdmin(env, 'acme', 'Acme CPA');
    beta = await firmWithAdmin(env, 'beta', 'Beta Law');
    xena = await activeClient(acme.api, acme.admin.accessToken, { firstName: 'Xena', lastName: 'Holt', email: 'xena@x.test' });
    yuri = await activeClient(acme.api, acme.admin.accessToken, { firstName: 'Yuri', lastName: 'Vance', email: 'yuri@y.test' });
    bo = await activeClient(beta.api, beta.admin.accessToken, { firstName: 'Bo', lastName: 'Ek', email: 'bo@b.test' });
    const types = (await staff(acme, 'GET', '/settings/engagement-types')).json();
    const tax = types.find((t: { name: string }) => t.name === 'Tax return');
    shared = await create(acme, {
      accountId: xena.accountId, name: 'Tax return 2025', typeId: tax.id, subtypeId: tax.subtypes[0].id, status: 'in-progress', expectedCompletion: '2026-04-15',
      shareWithClient: true, parties: [{ contactId: xena.contactId, role: 'taxpayer' }], description: 'Staff-only notes',
      customFields: [{ name: 'Filing status', value: 'single', showToClient: true }, { name: 'Fee agreed', value: '$900' }, { name: 'Portal note', value: 'bring ID', showToClient: true }],
    });
    unshared = await create(acme, { accountId: xena.accountId, name: 'Internal review' });
    yuris = await create(acme, { accountId: yuri.accountId, name: 'Yuri’s audit', shareWithClient: true });
    betas = await create(beta, { accountId: bo.accountId, name: 'Bo’s matter', shareWithClient: true });
  });
  afterAll(() => env.close());

  it('a client sees the engagements shared with their account: status, expected completion, type, and only the fields shown to clients', async () => {
    const list = await portal(xena, 'GET', '');
    expect(list.status).toBe(200);
    expect(list.json()).toEqual([{
      id: shared, name: 'Tax return 2025', type: 'Tax return', subtype: 'Individual', status: 'in-progress', expectedCompletion: '2026-04-15',
      customFields: [{ name: 'Filing status', value: 'single' }, { name: 'Portal note', value: 'bring ID' }], updatedAt: expect.any(String),
    }]);
    expect(list.body).not.toContain('Fee agreed');
    expect(list.body).not.toContain('Staff-only notes');
    const one = await portal(xena, 'GET', `/${shared}`);
    expect(one.json()).toEqual(list.json()[0]);
    expect((await portal(yuri, 'GET', '')).json().map((e: { id: string }) => e.id)).toEqual([yuris]);
  });

  it('an unshared engagement, another client’s and another firm’s are 404 alike', async () => {
    const unknown = await portal(xena, 'GET', `/${randomUUID()}`);
    for (const res of [
      await portal(xena, 'GET', `/${unshared}`),
      await portal(xena, 'GET', `/${yuris}`),
      await portal(xena, 'GET', `/${betas}`),
      await portal(bo, 'GET', `/${shared}`, undefined, beta),
      await portal(xena, 'GET', `/${yuris}/items`),
    ]) {
      expect(expectProblem(res, 404, 'not-found').detail).toBe(unknown.json().detail);
    }
    // A client token on the staff API, and nobody at all.
    expect((await acme.api.call('GET', `/api/v1/staff/engagements/${shared}`, { token: xena.session.accessToken })).status).toBe(404);
    expect((await acme.api.call('GET', '/api/v1/portal/engagements')).status).toBe(401);
    expect((await acme.api.call('GET', `/api/v1/portal/engagements`, { token: acme.admin.accessToken })).status).toBe(404);
  });

  it('another firm’s staff get 404 for every engagement endpoint that takes an Acme id, and change nothing', async () => {
    const b = (method: string, path: string, body?: unknown) => staff(beta, method, path, body);
    const acmeType = (await staff(acme, 'GET', '/settings/engagement-types')).json()[0].id;
    const cases: Array<[string, (id: string) => Promise<TestResponse>, string]> = [
      ['GET', (id) => b('GET', `/engagements/${id}`), shared],
      ['PATCH', (id) => b('PATCH', `/engagements/${id}`, { name: 'Taken' }), shared],
      ['DELETE', (id) => b('DELETE', `/engagements/${id}`), shared],
      ['waiting', (id) => b('GET', `/engagements/${id}/waiting-for-invitation`), shared],
      ['items', (id) => b('GET', `/engagements/${id}/items`), shared],
      ['new item', (id) => b('POST', `/engagements/${id}/items`, { kind: 'note', title: 'x' }), shared],
      ['create on account', (id) => b('POST', '/engagements', { accountId: id, name: 'x' }), xena.accountId],
      ['create with party', (id) => b('POST', '/engagements', { accountId: bo.accountId, name: 'x', parties: [{ contactId: id }] }), xena.contactId],
      ['create with staff', (id) => b('POST', '/engagements', { accountId: bo.accountId, name: 'x', staffIds: [id] }), (await acme.api.call('GET', '/api/v1/staff/me', { token: acme.admin.accessToken })).json().id],
      ['create with type', (id) => b('POST', '/engagements', { accountId: bo.accountId, name: 'x', typeId: id }), acmeType],
      ['PATCH type', (id) => b('PATCH', `/settings/engagement-types/${id}`, { name: 'x' }), acmeType],
      ['DELETE type', (id) => b('DELETE', `/settings/engagement-types/${id}`), acmeType],
      ['subtype of', (id) => b('POST', '/settings/engagement-types', { name: 'x', parentId: id }), acmeType],
    ];
    for (const [name, call, id] of cases) {
      const foreign = await call(id);
      const unknown = await call(randomUUID());
      expect({ name, status: foreign.status, detail: foreign.json().detail }).toEqual({ name, status: 404, detail: unknown.json().detail });
    }
    expect((await b('GET', '/engagements')).json().items.map((e: { id: string }) => e.id)).toEqual([betas]);
    expect((await staff(acme, 'GET', `/engagements/${shared}`)).json().name).toBe('Tax return 2025');
  });

  it('clients see only shared notes, tasks and appointments, and tick tasks only when the firm allows', async () => {
    const item = async (body: Record<string, unknown>) => {
      const res = await staff(acme, 'POST', `/engagements/${shared}/items`, body);
      expect(res.status).toBe(201);
      return res.json();
    };
    const note = await item({ kind: 'note', title: 'We received your W-2', sharedWithClient: true });
    const task = await item({ kind: 'task', title: 'Send the 1099-INT', dueDate: '2026-02-01', sharedWithClient: true });
    const hiddenTask = await item({ kind: 'task', title: 'Check last year’s return' });
    const meeting = await item({ kind: 'appointment', title: 'Review call', startsAt: '2026-03-02T15:00:00Z', endsAt: '2026-03-02T15:30:00Z', sharedWithClient: true });
    expect(expectProblem(await staff(acme, 'POST', `/engagements/${shared}/items`, { kind: 'appointment', title: 'x', dueDate: '2026-01-01' }), 400, 'validation-failed').errors.map((e: { field: string }) => e.field).sort())
      .toEqual(['dueDate', 'startsAt']);
    expect(expectProblem(await staff(acme, 'POST', `/engagements/${shared}/items`, { kind: 'memo', title: '' }), 400, 'validation-failed').errors.map((e: { field: string }) => e.field).sort())
      .toEqual(['kind', 'title']);

    const seen = (await portal(xena, 'GET', `/${shared}/items`)).json();
    expect(seen.map((i: { title: string }) => i.title)).toEqual(['We received your W-2', 'Send the 1099-INT', 'Review call']);
    expect(seen[2]).toMatchObject({ kind: 'appointment', startsAt: '2026-03-02T15:00:00.000Z', endsAt: '2026-03-02T15:30:00.000Z' });
    expect((await staff(acme, 'GET', `/engagements/${shared}/items`)).json()).toHaveLength(4);

    expectProblem(await portal(xena, 'POST', `/${shared}/items/${hiddenTask.id}/done`, { done: true }), 404, 'not-found');
    expectProblem(await portal(yuri, 'POST', `/${shared}/items/${task.id}/done`, { done: true }), 404, 'not-found');
    expectProblem(await portal(xena, 'POST', `/${shared}/items/${task.id}/done`, { done: true }), 403, 'clients-may-not-complete-tasks');
    expect((await staff(acme, 'GET', '/settings/engagements')).json()).toEqual({ clientsMayCompleteTasks: false });
    expect((await staff(acme, 'PATCH', '/settings/engagements', { clientsMayCompleteTasks: true })).json()).toEqual({ clientsMayCompleteTasks: true });

    const ticked = await portal(xena, 'POST', `/${shared}/items/${task.id}/done`, { done: true });
    expect(ticked.status).toBe(200);
    expect(ticked.json()).toMatchObject({ done: true, doneBy: 'client' });
    expect(expectProblem(await portal(xena, 'POST', `/${shared}/items/${note.id}/done`, { done: true }), 400, 'validation-failed').errors[0].field).toBe('done');
    const audit = await env.db.getRepository(AuditEvent).findOneByOrFail({ targetId: task.id, action: 'engagement-item.done' });
    expect(audit).toMatchObject({ actorType: 'client', actorId: xena.contactId });

    // Unsharing or deleting takes the item out of the client's view at once.
    expect((await staff(acme, 'PATCH', `/engagements/${shared}/items/${meeting.id}`, { sharedWithClient: false })).json().sharedWithClient).toBe(false);
    expect((await staff(acme, 'DELETE', `/engagements/${shared}/items/${note.id}`)).status).toBe(204);
    expect((await portal(xena, 'GET', `/${shared}/items`)).json().map((i: { title: string }) => i.title)).toEqual(['Send the 1099-INT']);
    const done = await staff(acme, 'PATCH', `/engagements/${shared}/items/${task.id}`, { done: false });
    expect(done.json()).toMatchObject({ done: false, doneBy: null });
  });

  it('unsharing or deleting an engagement takes it out of the client’s view', async () => {
    const id = await create(acme, { accountId: yuri.accountId, name: 'Short-lived', shareWithClient: true });
    expect((await portal(yuri, 'GET', `/${id}`)).status).toBe(200);
    await staff(acme, 'PATCH', `/engagements/${id}`, { sharedWithClient: false });
    expectProblem(await portal(yuri, 'GET', `/${id}`), 404, 'not-found');
    await staff(acme, 'PATCH', `/engagements/${id}`, { sharedWithClient: true });
    expect((await staff(acme, 'DELETE', `/engagements/${id}`)).status).toBe(204);
    expectProblem(await portal(yuri, 'GET', `/${id}`), 404, 'not-found');
    expect((await portal(yuri, 'GET', '')).json().map((e: { id: string }) => e.id)).toEqual([yuris]);
  });
});
