import { ConfigError, loadConfig } from './load-config.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cwd = mkdtempSync(join(tmpdir(), 'portico-config-'));

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, cwd);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.map((i) => i.variable);
    throw e;
  }
  return [];
}

describe('loadConfig', () => {
  it('defaults to the embedded footprint', () => {
    const c = loadConfig({}, cwd);
    expect(c.db).toEqual({ type: 'sqlite', path: join(cwd, 'data', 'portico.sqlite') });
    expect(c.queue.driver).toBe('database');
    expect(c.storage).toEqual({ driver: 'local', root: join(cwd, 'data', 'files') });
    expect(c.mail.driver).toBe('outbox');
    expect(c.port).toBe(3000);
  });

  it('names the missing variable when a driver lacks its settings', () => {
    expect(issuesOf({ QUEUE_DRIVER: 'bull' })).toEqual(['REDIS_URL']);
    expect(issuesOf({ DB_TYPE: 'mysql' })).toEqual(['DATABASE_URL']);
    expect(issuesOf({ MAIL_DRIVER: 'smtp' })).toEqual(['SMTP_URL']);
    expect(issuesOf({ STORAGE_DRIVER: 's3' })).toEqual(['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']);
    expect(() => loadConfig({ QUEUE_DRIVER: 'bull' }, cwd)).toThrow(/REDIS_URL: is required when QUEUE_DRIVER=bull/);
  });

  it('reads the S3 settings, with path-style addressing by default for a custom endpoint', () => {
    const keys = { STORAGE_DRIVER: 's3', S3_BUCKET: 'files', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };
    expect(loadConfig(keys, cwd).storage).toEqual({
      driver: 's3',
      bucket: 'files',
      region: 'us-east-1',
      endpoint: undefined,
      accessKeyId: 'id',
      secretAccessKey: 'secret',
      forcePathStyle: false,
      keyPrefix: '',
    });
    const minio = loadConfig({ ...keys, S3_ENDPOINT: 'http://127.0.0.1:9000', S3_KEY_PREFIX: 'portico', S3_REGION: 'eu-west-3' }, cwd);
    expect(minio.storage).toMatchObject({ endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, keyPrefix: 'portico/', region: 'eu-west-3' });
    expect(loadConfig({ ...keys, S3_ENDPOINT: 'https://s3.example.com', S3_FORCE_PATH_STYLE: 'false' }, cwd).storage).toMatchObject({
      forcePathStyle: false,
    });
    expect(loadConfig({ ...keys, S3_KEY_PREFIX: 'a/b/' }, cwd).storage).toMatchObject({ keyPrefix: 'a/b/' });
    expect(issuesOf({ ...keys, S3_ENDPOINT: 'minio:9000', S3_FORCE_PATH_STYLE: 'maybe', S3_KEY_PREFIX: '../up' })).toEqual([
      'S3_ENDPOINT',
      'S3_KEY_PREFIX',
      'S3_FORCE_PATH_STYLE',
    ]);
  });

  it('refuses unknown driver names and bad numbers', () => {
    expect(issuesOf({ QUEUE_DRIVER: 'kafka', PORT: 'x' })).toEqual(['PORT', 'QUEUE_DRIVER']);
  });

  it('switches to MySQL when DATABASE_URL is a mysql URL', () => {
    const c = loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/portico' }, cwd);
    expect(c.db).toEqual({ type: 'mysql', url: 'mysql://root@127.0.0.1:3306/portico' });
  });

  it('lets the environment win over the config file', () => {
    const file = join(cwd, 'custom.json');
    writeFileSync(file, JSON.stringify({ PORT: 4000, MAIL_FROM: 'Firm <a@b.c>' }));
    const c = loadConfig({ PORTICO_CONFIG_FILE: file, PORT: '5000' }, cwd);
    expect(c.port).toBe(5000);
    expect(c.mail.from).toBe('Firm <a@b.c>');
  });

  it('requires SECRET_KEY in production', () => {
    expect(issuesOf({ NODE_ENV: 'production' })).toEqual(['SECRET_KEY']);
  });
});

describe('loadConfig edge cases', () => {
  it('treats mariadb:// as MySQL and an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: 'mariadb://root@db/portico' }, cwd).db.type).toBe('mysql');
    expect(loadConfig({ PORT: '' }, cwd).port).toBe(3000);
  });

  it('refuses a bad HEARTBEAT_CRON and TRUST_PROXY by name', () => {
    expect(issuesOf({ HEARTBEAT_CRON: 'every minute', TRUST_PROXY: 'sometimes' })).toEqual(['HEARTBEAT_CRON', 'TRUST_PROXY']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }, cwd).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
    expect(loadConfig({ TRUST_PROXY: '1' }, cwd).trustProxy).toBe(1);
  });
});
