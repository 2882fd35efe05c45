import { DataSource, type DataSourceOptions } from 'typeorm';

const LOCK = 'portico_migrations';

/**
 * Open the database and bring its schema up to date. Several processes may boot
 * at once (two API nodes and a worker): on MySQL a named lock lets one migrate
 * while the others wait; SQLite serialises writers by itself.
 */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  const ds = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (options.type !== 'mysql') {
    await ds.runMigrations({ transaction: 'all' });
    return ds;
  }
  const runner = ds.createQueryRunner();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, 120) AS got', [LOCK])) as Array<{ got: number | string }>;
    if (Number(row?.got) !== 1) throw new Error('could not take the migration lock within 120 s');
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK]);
    }
  } finally {
    await runner.release();
  }
  return ds;
}
