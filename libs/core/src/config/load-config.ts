import { existsSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { CronTime } from 'cron';
import type { PorticoConfig } from './portico-config.js';

/** One problem with the configuration, naming the variable to set. */
export interface ConfigIssue {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      'Invalid configuration:\n' + issues.map((i) => `  - ${i.variable}: ${i.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/**
 * Build the configuration from defaults, an optional JSON file
 * (`PORTICO_CONFIG_FILE`, default `./portico.config.json`) and the environment.
 * Throws {@link ConfigError} listing every missing or invalid variable.
 */
export function loadConfig(processEnv: Env = process.env, cwd = process.cwd()): PorticoConfig {
  const fileEnv = readConfigFile(processEnv, cwd);
  // An empty variable counts as unset, so it does not hide the file's value.
  const setEnv = Object.fromEntries(Object.entries(processEnv).filter(([, v]) => v !== undefined && v !== ''));
  const env: Env = { ...fileEnv, ...setEnv };
  const issues: ConfigIssue[] = [];
  const str = (name: string, fallback?: string): string | undefined => {
    const v = env[name];
    return v === undefined || v === '' ? fallback : v;
  };
  const required = (name: string, why: string): string => {
    const v = str(name);
    if (v === undefined) issues.push({ variable: name, message: `is required ${why}` });
    return v ?? '';
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = str(name, fallback)!;
    if (!allowed.includes(v as T)) {
      issues.push({ variable: name, message: `must be one of ${allowed.join(', ')} (got "${v}")` });
      return fallback;
    }
    return v as T;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      issues.push({ variable: name, message: `must be an integer from ${min} to ${max} (got "${raw}")` });
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    issues.push({ variable: name, message: `must be true or false (got "${raw}")` });
    return fallback;
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const dataDir = resolve(cwd, str('DATA_DIR', './data')!);
  const port = int('PORT', 3000, 0, 65535);

  // DB_TYPE defaults from DATABASE_URL so that setting the URL alone switches.
  const databaseUrl = str('DATABASE_URL');
  const dbType = oneOf('DB_TYPE', ['sqlite', 'mysql'] as const, databaseUrl && /^(mysql|mariadb):/.test(databaseUrl) ? 'mysql' : 'sqlite');
  let db: PorticoConfig['db'];
  if (dbType === 'mysql') {
    const url = required('DATABASE_URL', 'when DB_TYPE=mysql (e.g. mysql://user:pass@host:3306/portico)');
    if (url && !/^(mysql|mariadb):\/\//.test(url)) {
      issues.push({ variable: 'DATABASE_URL', message: 'must start with mysql:// when DB_TYPE=mysql' });
    }
    db = { type: 'mysql', url };
  } else {
    db = { type: 'sqlite', path: resolve(cwd, str('SQLITE_PATH', join(dataDir, 'portico.sqlite'))!) };
  }

  const queueDriver = oneOf('QUEUE_DRIVER', ['database', 'bull'] as const, 'database');
  const queue: PorticoConfig['queue'] =
    queueDriver === 'bull'
      ? {
          driver: 'bull',
          redisUrl: required('REDIS_URL', 'when QUEUE_DRIVER=bull (e.g. redis://127.0.0.1:6379)'),
          prefix: str('QUEUE_PREFIX', 'portico')!,
        }
      : { driver: 'database', pollIntervalMs: int('QUEUE_POLL_INTERVAL_MS', 500, 50, 60000) };

  const storageDriver = oneOf('STORAGE_DRIVER', ['local', 's3'] as const, 'local');
  let storage: PorticoConfig['storage'];
  if (storageDriver === 's3') {
    const endpoint = str('S3_ENDPOINT');
    if (endpoint && !/^https?:\/\/[^/]/.test(endpoint)) {
      issues.push({ variable: 'S3_ENDPOINT', message: `must be an http:// or https:// address (got "${endpoint}")` });
    }
    const keyPrefix = str('S3_KEY_PREFIX', '')!.replace(/\/$/, '');
    if (keyPrefix && (/^\/|\\|\0/.test(keyPrefix) || keyPrefix.split('/').some((s) => s === '' || s === '.' || s === '..'))) {
      issues.push({ variable: 'S3_KEY_PREFIX', message: 'must be relative, with "/" separators and no empty, "." or ".." segment (e.g. portico/)' });
    }
    storage = {
      driver: 's3',
      bucket: required('S3_BUCKET', 'when STORAGE_DRIVER=s3'),
      region: str('S3_REGION', 'us-east-1')!,
      endpoint,
      accessKeyId: required('S3_ACCESS_KEY_ID', 'when STORAGE_DRIVER=s3'),
      secretAccessKey: required('S3_SECRET_ACCESS_KEY', 'when STORAGE_DRIVER=s3'),
      forcePathStyle: bool('S3_FORCE_PATH_STYLE', endpoint !== undefined),
      keyPrefix: keyPrefix ? `${keyPrefix}/` : '',
    };
  } else {
    storage = { driver: 'local', root: resolve(cwd, str('STORAGE_LOCAL_ROOT', join(dataDir, 'files'))!) };
  }

  const mailDriver = oneOf('MAIL_DRIVER', ['outbox', 'smtp'] as const, 'outbox');
  const from = str('MAIL_FROM', 'Portico <no-reply@portico.localhost>')!;
  const mail: PorticoConfig['mail'] =
    mailDriver === 'smtp'
      ? { driver: 'smtp', url: required('SMTP_URL', 'when MAIL_DRIVER=smtp (e.g. smtp://user:pass@mail:587)'), from }
      : { driver: 'outbox', dir: resolve(cwd, str('MAIL_OUTBOX_DIR', join(dataDir, 'outbox'))!), from };

  const baseDomain = str('PORTAL_BASE_DOMAIN', 'localhost')!.toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(baseDomain)) {
    issues.push({ variable: 'PORTAL_BASE_DOMAIN', message: 'must be a host name such as portal.example.com' });
  }
  const publicScheme = oneOf('PUBLIC_SCHEME', ['http', 'https'] as const, nodeEnv === 'production' ? 'https' : 'http');
  const givenSecret = str('SECRET_KEY') ?? (nodeEnv === 'production' ? required('SECRET_KEY', 'in production (32+ random bytes, base64)') : undefined);
  if (givenSecret && givenSecret.length < 32) {
    issues.push({ variable: 'SECRET_KEY', message: 'must be at least 32 characters' });
  }

  const heartbeatCron = str('HEARTBEAT_CRON', '0 * * * * *')!;
  try {
    new CronTime(heartbeatCron);
  } catch (e) {
    issues.push({ variable: 'HEARTBEAT_CRON', message: `is not a cron expression (sec min hour day month weekday): ${(e as Error).message}` });
  }
  const trustProxy = parseTrustProxy(str('TRUST_PROXY', 'false')!);
  if (trustProxy === undefined) issues.push({ variable: 'TRUST_PROXY', message: 'must be true, false, a hop count or a comma-separated list of proxy addresses/CIDRs' });

  if (issues.length) throw new ConfigError(issues);
  // Only a valid configuration may write anything (the development secret).
  const secretKey = givenSecret ?? devSecret(dataDir);
  return {
    env: nodeEnv,
    port,
    host: str('HOST', '0.0.0.0')!,
    publicScheme,
    baseDomain,
    publicPort: int('PUBLIC_PORT', publicScheme === 'https' && nodeEnv === 'production' ? 443 : port, 1, 65535),
    dataDir,
    logLevel: str('LOG_LEVEL', nodeEnv === 'test' ? 'warn' : 'info')!,
    runJobs: bool('RUN_JOBS', true),
    runScheduler: bool('RUN_SCHEDULER', true),
    heartbeatCron,
    webRoot: resolve(cwd, str('WEB_ROOT', 'frontend/dist/browser')!),
    trustProxy: trustProxy ?? false,
    secretKey,
    db,
    queue,
    storage,
    mail,
  };
}

/** TRUST_PROXY as Fastify takes it: a boolean, a hop count or a list of addresses. */
function parseTrustProxy(raw: string): boolean | number | string | undefined {
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  if (/^\d+$/.test(raw)) return Number(raw);
  return /^[0-9a-fA-F.:/,\s]+$|^(loopback|linklocal|uniquelocal)(,|$)/.test(raw) ? raw : undefined;
}

function readConfigFile(env: Env, cwd: string): Env {
  const file = resolve(cwd, env.PORTICO_CONFIG_FILE ?? 'portico.config.json');
  if (!existsSync(file)) {
    if (env.PORTICO_CONFIG_FILE) throw new ConfigError([{ variable: 'PORTICO_CONFIG_FILE', message: `file ${file} does not exist` }]);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError([{ variable: 'PORTICO_CONFIG_FILE', message: `${file} is not valid JSON: ${(e as Error).message}` }]);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([{ variable: 'PORTICO_CONFIG_FILE', message: `${file} must hold an object of VARIABLE: value` }]);
  }
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

/** Development only: a secret kept in the data folder so restarts keep sessions. */
function devSecret(dataDir: string): string {
  const file = join(dataDir, '.secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, key + '\n', { mode: 0o600 });
  return key;
}

/** The public origin of a host name under this deployment, e.g. `http://acme.localhost:3000`. */
export function publicOrigin(config: Pick<PorticoConfig, 'publicScheme' | 'publicPort'>, hostname: string): string {
  const defaultPort = config.publicScheme === 'https' ? 443 : 80;
  const port = config.publicPort === defaultPort ? '' : `:${config.publicPort}`;
  return `${config.publicScheme}://${hostname}${port}`;
}
