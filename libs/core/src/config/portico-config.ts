/**
 * The whole deployment configuration as one validated object. Each concern has a
 * discriminator (`db.type`, `queue.driver`, …) and the settings its driver needs.
 * Layers: built-in defaults → optional `portico.config.json` → environment
 * (the environment wins).
 */
export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; url: string };

export type QueueConfig =
  | { driver: 'database'; pollIntervalMs: number }
  | { driver: 'bull'; redisUrl: string; prefix: string };

export type StorageConfig =
  | { driver: 'local'; root: string }
  | {
      driver: 's3';
      bucket: string;
      region: string;
      endpoint?: string;
      accessKeyId: string;
      secretAccessKey: string;
      /** Bucket in the path (`host/bucket/key`) rather than the host name; default true when `endpoint` is set. */
      forcePathStyle: boolean;
      /** Every object key starts with this (e.g. `portico/`); empty for none. */
      keyPrefix: string;
    };

export type MailConfig =
  | { driver: 'outbox'; dir: string; from: string }
  | { driver: 'smtp'; url: string; from: string };

export interface PorticoConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  /** Public scheme of the portal addresses we print and e-mail. */
  publicScheme: 'http' | 'https';
  /** Firms live at `<slug>.<baseDomain>`; the bare domain is the platform host. */
  baseDomain: string;
  /** Port shown in public addresses (omitted when 80/443). */
  publicPort: number;
  dataDir: string;
  logLevel: string;
  /** Whether this process consumes jobs (the embedded footprint: yes). */
  runJobs: boolean;
  /** Whether this process triggers scheduled tasks. */
  runScheduler: boolean;
  /** Cron (with seconds) of the platform heartbeat task. */
  heartbeatCron: string;
  /** Directory of the built Angular app. */
  webRoot: string;
  /** Fastify `trustProxy`: whose X-Forwarded-For to believe (client IPs in logs and the audit log). */
  trustProxy: boolean | number | string;
  secretKey: string;
  db: DatabaseConfig;
  queue: QueueConfig;
  storage: StorageConfig;
  mail: MailConfig;
}

export const PORTICO_CONFIG = Symbol.for('portico.Config');
