import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Bull from 'bull';
import { DataSource } from 'typeorm';
import { Job, coreEntities, dataSourceOptions, loadConfig } from '@portico/core';
import {
  MailCatcher,
  createTestDatabase,
  dropTestQueue,
  eventually,
  freePort,
  httpRequest,
  spawnPortico,
  testQueueEnv,
  type PorticoProcess,
} from '@portico/testing';

/**
 * Real processes from the compiled build, sharing one database and one queue:
 * SQLite + the database queue on the embedded leg, MariaDB + Bull when
 * DATABASE_URL/REDIS_URL are set.
 */
describe('scale-out: separate API and worker processes', () => {
  let dataDir: string;
  let mail: MailCatcher;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  const procs: PorticoProcess[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'portico-scale-'));
    mail = await MailCatcher.start();
    const db = await createTestDatabase(dataDir);
    drop = db.drop;
    env = {
      NODE_ENV: 'development', // so that the API prints its setup address
      DATA_DIR: dataDir,
      SECRET_KEY: 'scale-out-test-secret-0123456789abcdefghij',
      MAIL_DRIVER: 'smtp',
      SMTP_URL: mail.url,
      HEARTBEAT_CRON: '*/2 * * * * *',
      ...db.env,
      ...testQueueEnv(),
    };
  });

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await mail.stop();
    await drop();
    await dropTestQueue(env);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function startApi(): Promise<number> {
    const port = await freePort();
    const api = spawnPortico('api', { ...env, PORT: String(port), RUN_JOBS: 'false' });
    procs.push(api);
    await api.waitFor(/Portico is listening/);
    return port;
  }

  it('runs a job enqueued by an API process in the worker process', async () => {
    const port = await startApi();
    const api = procs[0];
    const [, token] = await api.waitFor(/\/setup\?token=([\w-]+)/);
    const worker = spawnPortico('worker', env);
    procs.push(worker);
    await worker.waitFor(/worker \d+ is consuming/);

    const res = await httpRequest(port, 'POST', '/api/v1/setup', {
      body: { token, firmName: 'Scale Partners', firmSlug: 'scale', adminName: 'Sam Scale', adminEmail: 'sam@scale.test', adminPassword: 'workers share one queue' },
    });
    expect(res.status).toBe(201);
    // The API does not consume jobs (RUN_JOBS=false): the e-mail can only come from the worker.
    const mailed = await mail.waitFor('sam@scale.test', 20_000);
    expect(mailed.subject).toBe('Your portal Scale Partners is ready');
    const health = await httpRequest(port, 'GET', '/api/health');
    expect(health.json().details.queue.driver).toBe(env.QUEUE_DRIVER);
  });

  it('runs each scheduler tick exactly once with two API processes and a worker', async () => {
    await startApi(); // a second API process; the first and the worker are still running
    expect(procs.filter((p) => p.child.exitCode === null)).toHaveLength(3);
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 11_000));

    const heartbeats = await heartbeatJobs();
    const ticks = heartbeats.filter((h) => Date.parse(h.tickAt) >= started);
    const perTick = new Map<string, number>();
    for (const h of ticks) perTick.set(h.tickAt, (perTick.get(h.tickAt) ?? 0) + 1);

    expect(perTick.size).toBeGreaterThanOrEqual(4);
    expect([...perTick.values()].every((n) => n === 1)).toBe(true);
    // Consecutive ticks are one schedule step (2 s) apart: none was skipped.
    const times = [...perTick.keys()].map(Date.parse).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(2000);
    // …and the worker ran them.
    await eventually(async () => {
      const done = (await heartbeatJobs()).filter((h) => Date.parse(h.tickAt) >= started && h.state === 'completed');
      expect(done.length).toBeGreaterThanOrEqual(perTick.size - 1);
    });
  });

  it('refuses to boot with a chosen driver but its setting missing, naming the variable, writing nothing', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'portico-misconfigured-'));
    try {
      const api = spawnPortico('api', { NODE_ENV: 'development', DATA_DIR: emptyDir, PORT: String(await freePort()), QUEUE_DRIVER: 'bull' });
      const code = await new Promise<number | null>((r) => api.child.once('exit', r));
      expect(code).toBe(78);
      expect(api.output()).toContain('REDIS_URL: is required when QUEUE_DRIVER=bull');
      expect(readdirSync(emptyDir)).toEqual([]);
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  /** Every heartbeat job in the shared queue, whichever driver holds it. */
  async function heartbeatJobs(): Promise<Array<{ tickAt: string; state: string }>> {
    if (env.QUEUE_DRIVER === 'bull') {
      const queue = new Bull('portico', env.REDIS_URL, { prefix: env.QUEUE_PREFIX });
      try {
        const jobs = await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed']);
        return Promise.all(
          jobs.filter((j) => j?.name === 'platform.heartbeat').map(async (j) => ({ tickAt: j.data.tickAt as string, state: await j.getState() })),
        );
      } finally {
        await queue.close();
      }
    }
    const config = loadConfig({ ...env }, process.cwd());
    const ds = await new DataSource(dataSourceOptions(config.db, coreEntities)).initialize();
    try {
      const rows = await ds.getRepository(Job).find({ where: { name: 'platform.heartbeat' } });
      return rows.map((r) => ({ tickAt: JSON.parse(r.payload).tickAt as string, state: r.status }));
    } finally {
      await ds.destroy();
    }
  }
});
