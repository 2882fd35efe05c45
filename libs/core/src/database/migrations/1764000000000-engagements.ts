import { TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, created, fk, id, int, str, tableMaker, text, time } from './columns.js';

/**
 * Engagements (issue 4): the engagement grows type/subtype (firm lists in
 * `engagement_type`), expected completion (a `YYYY-MM-DD` string: a calendar date,
 * not an instant, so no time zone can shift it), description and a soft-delete
 * tombstone; parties, custom fields, shared items (notes, tasks, appointments) and
 * the firm's engagement settings get their tables. Owned by `libs/engagements`.
 */
export class Engagements1764000000000 implements MigrationInterface {
  name = 'Engagements1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const table = tableMaker(q);
    const cascade = (from: string, column: string, to: string, onDelete: 'CASCADE' | 'SET NULL' = 'CASCADE', referenced = 'id') =>
      q.createForeignKey(from, new TableForeignKey({
        name: `fk_${from}_${column}`.slice(0, 64), columnNames: [column], referencedTableName: to, referencedColumnNames: [referenced], onDelete,
      }));

    await table('engagement_type', [id(), fk('firm_id'), fk('parent_id', true), str('name', 100), int('position', 0), created()], {
      indices: [new TableIndex({ name: 'idx_engagement_type_firm', columnNames: ['firm_id', 'parent_id', 'position'] })],
    });
    await cascade('engagement_type', 'firm_id', 'firm');
    await cascade('engagement_type', 'parent_id', 'engagement_type');

    await q.addColumns('engagement', [
      new TableColumn(fk('type_id', true)), new TableColumn(fk('subtype_id', true)),
      new TableColumn(str('expected_completion', 10, true)), new TableColumn(text('description', true)),
      new TableColumn(fk('created_by', true)), new TableColumn(time('deleted_at', true)), new TableColumn(fk('deleted_by', true)),
    ]);
    await q.createIndex('engagement', new TableIndex({ name: 'idx_engagement_firm_status', columnNames: ['firm_id', 'status'] }));
    await cascade('engagement', 'type_id', 'engagement_type', 'SET NULL');
    await cascade('engagement', 'subtype_id', 'engagement_type', 'SET NULL');

    await table('engagement_party', [id(), fk('firm_id'), fk('engagement_id'), fk('contact_id'), str('role', 60, true), int('position', 0)], {
      indices: [new TableIndex({ name: 'uq_engagement_party', columnNames: ['engagement_id', 'contact_id'], isUnique: true })],
    });
    await cascade('engagement_party', 'engagement_id', 'engagement');
    await cascade('engagement_party', 'contact_id', 'contact');

    await table('engagement_custom_field', [
      id(), fk('firm_id'), fk('engagement_id'), str('name', 60), text('value'), bool('show_to_client', false), int('position', 0),
    ], { indices: [new TableIndex({ name: 'idx_engagement_custom_field', columnNames: ['engagement_id', 'position'] })] });
    await cascade('engagement_custom_field', 'engagement_id', 'engagement');

    await table('engagement_item', [
      id(), fk('firm_id'), fk('engagement_id'), str('kind', 16), str('title', 200), text('body', true),
      str('due_date', 10, true), time('starts_at', true), time('ends_at', true),
      time('done_at', true), str('done_by_type', 16, true), fk('done_by_id', true),
      bool('shared_with_client', false), fk('created_by', true), created(), created('updated_at'), time('deleted_at', true),
    ], { indices: [new TableIndex({ name: 'idx_engagement_item', columnNames: ['engagement_id', 'kind'] })] });
    await cascade('engagement_item', 'engagement_id', 'engagement');

    await table('engagement_settings', [
      { ...fk('firm_id'), isPrimary: true }, bool('clients_may_complete_tasks', false), time('types_seeded_at', true), created(),
    ]);
    await cascade('engagement_settings', 'firm_id', 'firm');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['engagement_settings', 'engagement_item', 'engagement_custom_field', 'engagement_party']) await q.dropTable(t);
    await q.dropForeignKey('engagement', 'fk_engagement_subtype_id');
    await q.dropForeignKey('engagement', 'fk_engagement_type_id');
    await q.dropIndex('engagement', 'idx_engagement_firm_status');
    for (const c of ['type_id', 'subtype_id', 'expected_completion', 'description', 'created_by', 'deleted_at', 'deleted_by']) await q.dropColumn('engagement', c);
    await q.dropTable('engagement_type');
  }
}
