import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';
import { PlatformSetting } from './entities/platform-setting.entity.js';
import { openDatabase } from './migrate.js';

/** The embedded footprint's one SQLite connection, shared safely by concurrent requests and jobs. */
describe('SQLite: concurrent work on one connection', () => {
  let dir: string;
  let ds: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portico-turns-'));
    ds = await openDatabase(dataSourceOptions({ type: 'sqlite', path: join(dir, 'db.sqlite') }, [PlatformSetting]));
  });

  afterAll(async () => {
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = () => ds.getRepository(PlatformSetting);
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('a statement issued while another transaction is open survives that transaction’s rollback', async () => {
    let opened!: () => void;
    const isOpen = new Promise<void>((r) => (opened = r));
    const failing = ds.transaction(async (m) => {
      await m.getRepository(PlatformSetting).insert({ key: 'in-rolled-back-tx', value: 'x' });
      opened();
      await pause(100);
      throw new Error('roll back');
    });
    await isOpen;
    await settings().insert({ key: 'outside', value: 'y' }); // another request, meanwhile
    await expect(failing).rejects.toThrow('roll back');
    expect(await settings().findOneBy({ key: 'outside' })).not.toBeNull();
    expect(await settings().findOneBy({ key: 'in-rolled-back-tx' })).toBeNull();
  });

  it('work started from inside a finished transaction (a queue poller) does not slip into a later one', async () => {
    let poll!: Promise<void>;
    await ds.transaction(async () => {
      // Like enqueue() kicking the poller: this async work outlives the transaction that started it.
      poll = (async () => {
        await pause(50);
        await settings().insert({ key: 'from-poller', value: 'p' });
      })();
    });
    const failing = ds.transaction(async (m) => {
      await m.getRepository(PlatformSetting).insert({ key: 'later-rolled-back', value: 'x' });
      await pause(100);
      throw new Error('roll back');
    });
    await poll;
    await expect(failing).rejects.toThrow('roll back');
    expect(await settings().findOneBy({ key: 'from-poller' })).not.toBeNull();
  });

  it('concurrent transactions each commit their own work', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        ds.transaction(async (m) => {
          await m.getRepository(PlatformSetting).insert({ key: `tx-${i}`, value: String(i) });
          await pause(5);
          if (i % 2) throw new Error(`tx ${i} fails`);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const keys = (await settings().find()).map((s) => s.key).filter((k) => k.startsWith('tx-')).sort();
    expect(keys).toEqual(['tx-0', 'tx-2', 'tx-4', 'tx-6', 'tx-8']);
  });

  it('refuses an implicit transaction (save) rather than let it span other work', async () => {
    await expect(settings().save({ key: 'implicit', value: 'z' })).rejects.toThrow(/EntityManager.transaction/);
    await expect(settings().save({ key: 'explicit', value: 'z' }, { transaction: false })).resolves.toBeDefined();
  });
});
