import { TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { created, fk, id, int, str, tableMaker, text, time } from './columns.js';

export class Foundation1763880000000 implements MigrationInterface {
  name = 'Foundation1763880000000';

  async up(q: QueryRunner): Promise<void> {
    const table = tableMaker(q);

    await table('firm', [
      id(), str('slug', 63), str('name', 200), str('custom_domain', 253, true),
      { ...str('primary_color', 7), default: "'#1f4e79'" }, { ...str('accent_color', 7), default: "'#e0a526'" },
      created(), { ...created(), name: 'updated_at' },
    ], {
      uniques: [
        { name: 'uq_firm_slug', columnNames: ['slug'] },
        { name: 'uq_firm_custom_domain', columnNames: ['custom_domain'] },
      ],
    });

    await table('staff_user', [
      id(), fk('firm_id'), str('email', 320), str('name', 200), str('role', 16),
      str('password_hash', 255, true), str('activation_token_hash', 64, true), time('activation_expires_at', true),
      { name: 'enabled', type: 'boolean', default: 1 },
      created(), { ...created(), name: 'updated_at' },
    ], { indices: [new TableIndex({ name: 'uq_staff_firm_email', columnNames: ['firm_id', 'email'], isUnique: true })] });
    await q.createForeignKey('staff_user', new TableForeignKey({
      name: 'fk_staff_user_firm', columnNames: ['firm_id'], referencedTableName: 'firm', referencedColumnNames: ['id'], onDelete: 'CASCADE',
    }));

    await table('job', [
      id(), str('name', 120), text('payload'), str('status', 16), int('attempts'), int('max_attempts', 1), int('backoff_ms', 0),
      time('run_at'), str('locked_by', 120, true), time('locked_until', true), int('progress'),
      text('result', true), text('last_error', true), created(), { ...created(), name: 'updated_at' }, time('finished_at', true),
    ], { indices: [new TableIndex({ name: 'idx_job_claim', columnNames: ['status', 'run_at'] })] });

    await table('scheduled_task_lock', [
      { ...str('task_id', 120), isPrimary: true }, { ...str('tick_at', 30), isPrimary: true }, str('locked_by', 120), created(),
    ]);

    await table('audit_event', [
      id(), fk('firm_id', true), str('actor_type', 16), fk('actor_id', true), str('action', 120),
      str('target_type', 60, true), fk('target_id', true), text('data', true), str('ip', 64, true), str('request_id', 64, true), created(),
    ], { indices: [new TableIndex({ name: 'idx_audit_firm_time', columnNames: ['firm_id', 'created_at'] })] });

    await table('mail_message', [
      id(), fk('firm_id', true), str('to_address', 320), str('template', 80), text('data'), str('subject', 300, true),
      str('status', 16), int('attempts'), text('last_error', true), str('provider_message_id', 300, true), created(), time('sent_at', true),
    ], { indices: [new TableIndex({ name: 'idx_mail_status', columnNames: ['status', 'created_at'] })] });

    await table('platform_setting', [
      { ...str('key', 120), isPrimary: true }, text('value'), { ...created(), name: 'updated_at' },
    ]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['platform_setting', 'mail_message', 'audit_event', 'scheduled_task_lock', 'job', 'staff_user', 'firm']) {
      await q.dropTable(t);
    }
  }
}
