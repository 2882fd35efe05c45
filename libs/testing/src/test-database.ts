import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';

/**
 * Each test environment gets a database of its own, so tests never see each
 * other's rows: a fresh MariaDB/MySQL schema when DATABASE_URL is set (CI's
 * second leg), a fresh SQLite file otherwise.
 */
export async function createTestDatabase(dataDir: string): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base || !/^(mysql|mariadb):/.test(base)) {
    return { env: { DB_TYPE: 'sqlite', SQLITE_PATH: `${dataDir}/portico.sqlite` }, drop: async () => {} };
  }
  const name = `portico_t_${randomBytes(5).toString('hex')}`;
  const server = new URL(base);
  server.pathname = '/';
  const conn = await createConnection(server.toString());
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: { DB_TYPE: 'mysql', DATABASE_URL: url.toString() },
    drop: async () => {
      const c = await createConnection(server.toString());
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/** Queue settings for tests: Bull on REDIS_URL with a private prefix when set, else the database queue. */
export function testQueueEnv(): Record<string, string> {
  const redis = process.env.REDIS_URL;
  if (redis && process.env.QUEUE_DRIVER !== 'database') {
    return { QUEUE_DRIVER: 'bull', REDIS_URL: redis, QUEUE_PREFIX: `portico-t-${randomBytes(4).toString('hex')}` };
  }
  return { QUEUE_DRIVER: 'database', QUEUE_POLL_INTERVAL_MS: '100' };
}

/** Remove the Redis keys of a test queue made by {@link testQueueEnv} (no-op for the database queue). */
export async function dropTestQueue(env: Record<string, string>): Promise<void> {
  if (env.QUEUE_DRIVER !== 'bull' || !env.QUEUE_PREFIX?.startsWith('portico-t-')) return;
  const { Redis } = await import('ioredis');
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${env.QUEUE_PREFIX}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
