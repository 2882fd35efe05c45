import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataSourceOptions, type DatabaseConfig } from '@portico/core';
import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { DatabaseAttemptLimiter, RedisAttemptLimiter, type AttemptLimiter } from './attempt-limiter.js';

/**
 * Real engines only: SQLite always; MariaDB/MySQL when DATABASE_URL is set (a database of its
 * own, dropped afterwards); Redis when REDIS_URL is set (a key prefix of its own).
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newKey = () => `login:test:${randomBytes(6).toString('hex')}`;

interface Backend {
  limiter: AttemptLimiter;
  /** Seconds from the engine's own UTC clock to the stored end of the key's window (databases only). */
  secondsToExpiry?: (key: string) => Promise<number>;
  close(): Promise<void>;
}

function limiterContract(name: string, open: () => Promise<Backend>, { dated = true } = {}): void {
  describe(name, () => {
    let backend: Backend;
    let limiter: AttemptLimiter;
    beforeAll(async () => {
      backend = await open();
      limiter = backend.limiter;
    });
    afterAll(() => backend?.close());

    it('allows `limit` hits in a window, then refuses with the time left', async () => {
      const key = newKey();
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await limiter.hit(key, 3, 60_000));
      expect(results.slice(0, 3)).toEqual([
        { allowed: true, remaining: 2, retryAfterMs: 0 },
        { allowed: true, remaining: 1, retryAfterMs: 0 },
        { allowed: true, remaining: 0, retryAfterMs: 0 },
      ]);
      for (const r of results.slice(3)) {
        expect(r).toMatchObject({ allowed: false, remaining: 0 });
        expect(r.retryAfterMs).toBeGreaterThan(55_000);
        expect(r.retryAfterMs).toBeLessThanOrEqual(60_000);
      }
    });

    it('peeks without counting', async () => {
      const key = newKey();
      expect(await limiter.peek(key, 2, 60_000)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
      await limiter.hit(key, 2, 60_000);
      expect(await limiter.peek(key, 2, 60_000)).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
      expect(await limiter.peek(key, 2, 60_000)).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
      await limiter.hit(key, 2, 60_000);
      const full = await limiter.peek(key, 2, 60_000);
      expect(full).toMatchObject({ allowed: false, remaining: 0 });
      expect(full.retryAfterMs).toBeGreaterThan(55_000);
    });

    it('starts a new window when the old one ends', async () => {
      const key = newKey();
      await limiter.hit(key, 2, 300);
      await limiter.hit(key, 2, 300);
      expect((await limiter.hit(key, 2, 300)).allowed).toBe(false);
      await sleep(350);
      expect(await limiter.peek(key, 2, 300)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
      expect(await limiter.hit(key, 2, 300)).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
      expect((await limiter.hit(key, 2, 300)).allowed).toBe(true);
      expect((await limiter.hit(key, 2, 300)).allowed).toBe(false);
    });

    it('counts parallel hits exactly', async () => {
      const key = newKey();
      const results = await Promise.all(Array.from({ length: 50 }, () => limiter.hit(key, 10, 60_000)));
      expect(results.filter((r) => r.allowed)).toHaveLength(10);
      expect(results.map((r) => r.remaining).sort((a, b) => b - a).slice(0, 10)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(await limiter.peek(key, 60, 60_000)).toMatchObject({ remaining: 10 }); // all 50 were counted
    });

    it('resets a key and keeps keys apart', async () => {
      const [a, b] = [newKey(), newKey()];
      await limiter.hit(a, 1, 60_000);
      await limiter.hit(b, 1, 60_000);
      expect((await limiter.hit(a, 1, 60_000)).allowed).toBe(false);
      await limiter.reset(a);
      expect(await limiter.peek(a, 1, 60_000)).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0 });
      expect((await limiter.hit(a, 1, 60_000)).allowed).toBe(true);
      expect((await limiter.peek(b, 1, 60_000)).allowed).toBe(false);
      await limiter.reset(newKey()); // unknown keys are fine
    });

    it('refuses nonsense limits', async () => {
      await expect(limiter.hit(newKey(), 0, 1000)).rejects.toThrow(RangeError);
      await expect(limiter.peek(newKey(), 1, 0)).rejects.toThrow(RangeError);
    });

    // Redis keeps a TTL, not a date.
    if (dated) it('stores the end of the window in UTC, whatever the process time zone', async () => {
      const key = newKey();
      await limiter.hit(key, 1, 60_000);
      const seconds = await backend.secondsToExpiry!(key);
      expect(Math.abs(seconds - 60)).toBeLessThan(3);
    });
  });
}

/** The DataSource the app would open, with only the rate-limit migration run. */
async function openDatabase(db: DatabaseConfig): Promise<DataSource> {
  const options = dataSourceOptions(db, []);
  const migration = (options.migrations as Array<{ name: string }>).filter((m) => m.name === 'RateLimit1763970000000');
  if (migration.length !== 1) throw new Error('RateLimit1763970000000 is not registered in libs/core/src/database/migrations/index.ts');
  const ds = await new DataSource({ ...options, migrations: migration } as typeof options).initialize();
  await ds.runMigrations();
  return ds;
}

const bucket = (key: string) => createHash('sha256').update(key).digest('hex');

limiterContract('DatabaseAttemptLimiter on SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-rl-'));
  const ds = await openDatabase({ type: 'sqlite', path: join(dir, 'rl.sqlite') });
  const limiter = new DatabaseAttemptLimiter(ds);
  return {
    limiter,
    secondsToExpiry: async (key) => {
      const [row] = await ds.query(
        `SELECT (julianday(expires_at) - julianday('now')) * 86400 AS s FROM rate_limit_bucket WHERE bucket_key = ?`, [bucket(key)]);
      return Number(row.s);
    },
    close: async () => {
      await ds.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const databaseUrl = process.env.DATABASE_URL;
if (databaseUrl && /^(mysql|mariadb):/.test(databaseUrl)) {
  limiterContract('DatabaseAttemptLimiter on MariaDB/MySQL', async () => {
    const name = `portico_rl_${randomBytes(5).toString('hex')}`;
    const server = new URL(databaseUrl);
    server.pathname = '/';
    const admin = await createConnection(server.toString());
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const ds = await openDatabase({ type: 'mysql', url: url.toString() });
    return {
      limiter: new DatabaseAttemptLimiter(ds),
      secondsToExpiry: async (key) => {
        const [row] = await ds.query(
          'SELECT TIMESTAMPDIFF(MICROSECOND, UTC_TIMESTAMP(3), expires_at) / 1000000 AS s FROM rate_limit_bucket WHERE bucket_key = ?', [bucket(key)]);
        return Number(row.s);
      },
      close: async () => {
        await ds.destroy();
        await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.end();
      },
    };
  });
}

const redisUrl = process.env.REDIS_URL;
if (redisUrl) {
  limiterContract('RedisAttemptLimiter', async () => {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    const prefix = `portico-t-rl-${randomBytes(4).toString('hex')}`;
    return {
      limiter: new RedisAttemptLimiter(redis, prefix),
      close: async () => {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      },
    };
  }, { dated: false });
}

describe('DatabaseAttemptLimiter housekeeping', () => {
  it('purges ended windows only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-rl-'));
    const ds = await openDatabase({ type: 'sqlite', path: join(dir, 'rl.sqlite') });
    try {
      const limiter = new DatabaseAttemptLimiter(ds);
      await limiter.hit('short', 5, 50);
      await limiter.hit('long', 5, 60_000);
      await sleep(80);
      await limiter.purgeExpired();
      expect(await ds.query('SELECT bucket_key FROM rate_limit_bucket')).toEqual([{ bucket_key: bucket('long') }]);
    } finally {
      await ds.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
