import type { DataSourceOptions } from 'typeorm';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseConfig } from '../config/portico-config.js';
import { migrations } from './migrations/index.js';

/**
 * TypeORM options for either footprint. Migrations run at boot (see migrate.ts); `synchronize`
 * is never used. Dates are stored in UTC whatever the process time zone.
 */
export function dataSourceOptions(db: DatabaseConfig, entities: DataSourceOptions['entities']): DataSourceOptions {
  const common = { entities, migrations, migrationsRun: false, synchronize: false, logging: false };
  if (db.type === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: db.url,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      extra: { connectionLimit: 10 },
    } as DataSourceOptions;
  }
  if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    // WAL lets the API and a worker share the file; busy_timeout waits for a writer.
    prepareDatabase: (conn: { pragma(s: string): unknown }) => {
      conn.pragma('journal_mode = WAL');
      conn.pragma('busy_timeout = 5000');
      conn.pragma('foreign_keys = ON');
    },
  } as DataSourceOptions;
}
