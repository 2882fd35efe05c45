import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DynamicModule, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadConfig, RequestContext, type PorticoConfig } from '@portico/core';
import { FirmProvisioning } from '@portico/identity';
import { createApiApp } from '../../../apps/api/src/create-app.js';
import { MailCatcher } from './mail-catcher.js';
import { createTestDatabase, dropTestQueue, testQueueEnv } from './test-database.js';

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface TestEnvironment {
  app: NestFastifyApplication;
  config: PorticoConfig;
  mail: MailCatcher;
  dataDir: string;
  /** An HTTP request through the real Fastify stack, with the given Host. */
  request(method: string, path: string, options?: { host?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> }): Promise<TestResponse>;
  /** Host header of a firm's portal, e.g. `acme.localhost:3000`. */
  firmHost(slug: string): string;
  /** Create a firm and its admin (as the platform CLI does). */
  createFirm(slug: string, name?: string): Promise<{ firmId: string; adminEmail: string; activationUrl: string; temporaryPassword: string }>;
  /** A fresh setup token, as printed at start on a fresh install. */
  setupToken(): Promise<string>;
  db: DataSource;
  /** Shut the application down (as on SIGTERM); `close()` then only cleans up. */
  stopApp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Boot the whole API in-process on a real database (its own SQLite file, or
 * its own MariaDB schema when DATABASE_URL is set), the real queue driver
 * (Bull when REDIS_URL is set) and a real SMTP server catching mail.
 */
export async function createTestEnvironment(
  overrides: Record<string, string> = {},
  options: { imports?: Array<Type | DynamicModule> } = {},
): Promise<TestEnvironment> {
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-test-'));
  const mail = await MailCatcher.start();
  const database = await createTestDatabase(dataDir);
  const queueEnv = testQueueEnv();
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PORT: '3000',
      SECRET_KEY: 'test-secret-key-0123456789abcdef0123456789',
      MAIL_DRIVER: 'smtp',
      SMTP_URL: mail.url,
      RUN_SCHEDULER: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      WEB_ROOT: join(dataDir, 'no-web'),
      ...database.env,
      ...queueEnv,
      ...overrides,
    },
    process.cwd(),
  );
  const app = await createApiApp(config, { extraImports: options.imports });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get(DataSource);
  let stopping: Promise<void> | null = null;
  const stopApp = () => (stopping ??= app.close());

  const env: TestEnvironment = {
    app,
    config,
    mail,
    dataDir,
    db,
    async request(method, path, options = {}) {
      const res = await app.inject({
        method: method as 'GET',
        url: path,
        headers: {
          host: options.host ?? `localhost:${config.port}`,
          ...(options.body !== undefined || options.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
        },
        payload: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      });
      return { status: res.statusCode, headers: res.headers, body: res.body, json: () => JSON.parse(res.body) };
    },
    firmHost: (slug) => `${slug}.${config.baseDomain}:${config.port}`,
    async createFirm(slug, name = `Firm ${slug}`) {
      const adminEmail = `admin@${slug}.test`;
      const res = await app
        .get(FirmProvisioning)
        .createFirm(RequestContext.system(db.manager), { firmName: name, firmSlug: slug, adminName: 'Ada Admin', adminEmail });
      return { firmId: res.firm.id, adminEmail, activationUrl: res.activationUrl, temporaryPassword: res.temporaryPassword };
    },
    async setupToken() {
      const token = await app.get(FirmProvisioning).issueSetupToken();
      if (!token) throw new Error('this environment is already set up');
      return token;
    },
    stopApp,
    async close() {
      await stopApp();
      await mail.stop();
      await database.drop();
      await dropTestQueue(queueEnv);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return env;
}
