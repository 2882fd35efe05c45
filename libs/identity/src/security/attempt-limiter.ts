import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';

/** The verdict on one key's window. */
export interface AttemptResult {
  /** `hit`: this attempt is within the limit. `peek`: an attempt now would be. */
  allowed: boolean;
  /** Attempts still available in the current window. */
  remaining: number;
  /** When refused: milliseconds until the window ends (for `Retry-After`); 0 when allowed. */
  retryAfterMs: number;
}

/**
 * Brute-force limiting that holds across processes: at most `limit` attempts per key in a fixed
 * window of `windowMs`, the window starting at the key's first attempt. Keys name what is
 * guarded, e.g. `login:email:jane@acme.com`, `mfa:user:<id>`.
 */
export interface AttemptLimiter {
  /** Counts one attempt and says whether it is within the limit. */
  hit(key: string, limit: number, windowMs: number): Promise<AttemptResult>;
  /** The same verdict for an attempt made now, without counting one. */
  peek(key: string, limit: number, windowMs: number): Promise<AttemptResult>;
  /** Forgets the key's attempts (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
}

/** Injection token for the process's AttemptLimiter. */
export const ATTEMPT_LIMITER = Symbol.for('portico.AttemptLimiter');

function checkArgs(limit: number, windowMs: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  if (!Number.isSafeInteger(windowMs) || windowMs < 1) throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`);
}

function verdict(hits: number, limit: number, msLeft: number, counted: boolean): AttemptResult {
  const allowed = counted ? hits <= limit : hits < limit;
  return { allowed, remaining: Math.max(0, limit - hits), retryAfterMs: allowed ? 0 : Math.max(0, msLeft) };
}

// INCR, and start the window on the first hit; PTTL < 0 also repairs a key left without expiry.
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}`;

/** Counters in Redis: one key per bucket (`<prefix>:<key>`), expiring with its window. Atomic by a Lua script. */
export class RedisAttemptLimiter implements AttemptLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'portico:attempts',
  ) {}

  async hit(key: string, limit: number, windowMs: number): Promise<AttemptResult> {
    checkArgs(limit, windowMs);
    const [hits, ttl] = (await this.redis.eval(HIT_SCRIPT, 1, this.key(key), String(windowMs))) as [number, number];
    return verdict(hits, limit, ttl, true);
  }

  async peek(key: string, limit: number, windowMs: number): Promise<AttemptResult> {
    checkArgs(limit, windowMs);
    const replies = await this.redis.multi().get(this.key(key)).pttl(this.key(key)).exec();
    const [[, value], [, ttl]] = replies as [[Error | null, string | null], [Error | null, number]];
    return verdict(value === null ? 0 : Number(value), limit, ttl, false);
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  private key(key: string): string {
    return `${this.prefix}:${key}`;
  }
}

const TABLE = 'rate_limit_bucket';
const DEADLOCK_RETRIES = 5;

/** UTC `YYYY-MM-DD HH:MM:SS.mmm`: compares as text in SQLite and converts without any time zone in MySQL. */
const utc = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
const parseUtc = (s: string) => Date.parse(`${s.replace(' ', 'T').slice(0, 23)}Z`);

/**
 * Counters in the `rate_limit_bucket` table (migration RateLimit1763970000000), for the
 * embedded footprint and for clusters without Redis. Each hit is one upsert, so concurrent
 * processes count exactly: on SQLite a single statement with RETURNING; on MySQL/MariaDB the
 * upsert and its read-back share a transaction, the row lock keeping other hits out between them.
 *
 * Keys are stored as their sha256 (no e-mail addresses or IPs in the table, any length, no
 * collation surprises). Times are written as UTC strings, never as Dates, so neither the process
 * nor the connection time zone matters.
 */
export class DatabaseAttemptLimiter implements AttemptLimiter {
  private readonly sqlite: boolean;

  constructor(private readonly db: DataSource) {
    const type = db.options.type;
    if (type !== 'better-sqlite3' && type !== 'mysql' && type !== 'mariadb') {
      throw new Error(`DatabaseAttemptLimiter supports better-sqlite3 and mysql/mariadb, not ${type}`);
    }
    this.sqlite = type === 'better-sqlite3';
  }

  async hit(key: string, limit: number, windowMs: number): Promise<AttemptResult> {
    checkArgs(limit, windowMs);
    const now = Date.now();
    const params = [bucket(key), utc(now + windowMs), utc(now)];
    const row = this.sqlite ? await this.hitSqlite(params) : await this.hitMysql(params);
    return verdict(Number(row.hits), limit, parseUtc(row.expires_at) - Date.now(), true);
  }

  async peek(key: string, limit: number, windowMs: number): Promise<AttemptResult> {
    checkArgs(limit, windowMs);
    const [row] = await this.select(this.db.manager, bucket(key));
    const now = Date.now();
    const msLeft = row ? parseUtc(row.expires_at) - now : 0;
    return verdict(row && msLeft > 0 ? Number(row.hits) : 0, limit, msLeft, false);
  }

  async reset(key: string): Promise<void> {
    await this.db.query(`DELETE FROM ${TABLE} WHERE bucket_key = ?`, [bucket(key)]);
  }

  /** Deletes buckets whose window has ended (housekeeping; correctness does not depend on it). */
  async purgeExpired(): Promise<void> {
    await this.db.query(`DELETE FROM ${TABLE} WHERE expires_at <= ?`, [utc(Date.now())]);
  }

  private async hitSqlite([key, expires, now]: string[]): Promise<Row> {
    const rows: Row[] = await this.db.query(
      `INSERT INTO ${TABLE} (bucket_key, hits, expires_at) VALUES (?, 1, ?)
       ON CONFLICT(bucket_key) DO UPDATE SET
         hits = CASE WHEN expires_at <= ? THEN 1 ELSE hits + 1 END,
         expires_at = CASE WHEN expires_at <= ? THEN excluded.expires_at ELSE expires_at END
       RETURNING hits, expires_at`,
      [key, expires, now, now],
    );
    return rows[0];
  }

  private async hitMysql([key, expires, now]: string[]): Promise<Row> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async (tx) => {
          // MySQL assigns left to right: `hits` must be computed before `expires_at` changes.
          await tx.query(
            `INSERT INTO ${TABLE} (bucket_key, hits, expires_at) VALUES (?, 1, ?)
             ON DUPLICATE KEY UPDATE
               hits = IF(expires_at <= ?, 1, hits + 1),
               expires_at = IF(expires_at <= ?, ?, expires_at)`,
            [key, expires, now, now, expires],
          );
          return (await this.select(tx, key))[0];
        });
      } catch (err) {
        // Concurrent first inserts of one key can deadlock in InnoDB; the loser is safe to retry.
        if (attempt >= DEADLOCK_RETRIES || !isDeadlock(err)) throw err;
      }
    }
  }

  private select(em: EntityManager, key: string): Promise<Row[]> {
    const expires = this.sqlite ? 'expires_at' : 'CAST(expires_at AS CHAR)';
    return em.query(`SELECT hits, ${expires} AS expires_at FROM ${TABLE} WHERE bucket_key = ?`, [key]);
  }
}

interface Row {
  hits: number | string;
  expires_at: string;
}

const bucket = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

function isDeadlock(err: unknown): boolean {
  const e = err as { errno?: number; driverError?: { errno?: number } };
  return e.errno === 1213 || e.driverError?.errno === 1213;
}
