import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Fixed-window attempt counters shared by every process (DatabaseAttemptLimiter in
 * @portico/identity): one row per bucket, `expires_at` in UTC. Expired rows are reused on the
 * next hit and may be purged at any time.
 */
export class RateLimit1763970000000 implements MigrationInterface {
  name = 'RateLimit1763970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'rate_limit_bucket',
      columns: [
        { name: 'bucket_key', type: 'varchar', length: '191', isPrimary: true },
        { name: 'hits', type: 'int', isNullable: false },
        { name: 'expires_at', type: 'datetime', precision: 3, isNullable: false },
      ],
      indices: [new TableIndex({ name: 'idx_rate_limit_bucket_expires', columnNames: ['expires_at'] })],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('rate_limit_bucket');
  }
}
