import { AsyncLocalStorage } from 'node:async_hooks';
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
    takeTurns(ds);
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

/**
 * better-sqlite3 gives TypeORM one connection (and one shared query runner). Two
 * transactions open at once would share it ("cannot start a transaction within a
 * transaction"), and a statement of another request or job issued while a
 * transaction is open would run inside it and vanish if it rolled back. So every
 * top-level database operation of the process takes its turn: a transaction runs
 * alone from BEGIN to COMMIT, and a statement outside any transaction waits for
 * the open one to finish. Statements inside a transaction (tracked with
 * AsyncLocalStorage) and nested `transaction()` calls (savepoints) go straight through.
 * better-sqlite3 runs each statement synchronously, so the cost is only the
 * ordering of what would have been serial anyway.
 */
function takeTurns(ds: DataSource): void {
  // The store names the transaction a piece of async work belongs to. Work started from
  // inside a transaction that outlives it (a queue poller kicked by an enqueue) keeps
  // that stale name; only the transaction holding the connection now goes straight through.
  const inside = new AsyncLocalStorage<object>();
  let current: object | null = null;
  const mine = () => current !== null && inside.getStore() === current;
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };

  const manager = ds.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) =>
    mine()
      ? transaction(...args)
      : inTurn(() => {
          const token = {};
          current = token;
          return inside.run(token, () => transaction(...args)).finally(() => {
            current = null;
          });
        })) as typeof manager.transaction;

  const runner = ds.driver.createQueryRunner('master');
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  runner.query = ((...args: unknown[]) => (mine() ? query(...args) : inTurn(() => query(...args)))) as typeof runner.query;

  // TypeORM's implicit transactions (save()/remove() with default options) would hold the
  // connection across turns: refuse them loudly; use `transaction()` or insert/update/delete.
  const start = runner.startTransaction.bind(runner);
  runner.startTransaction = ((...args: Parameters<typeof start>) => {
    if (!mine()) {
      return Promise.reject(new Error('On SQLite, open transactions with DataSource/EntityManager.transaction(), not implicitly (save/remove): see takeTurns in migrate.ts'));
    }
    return start(...args);
  }) as typeof runner.startTransaction;
}
