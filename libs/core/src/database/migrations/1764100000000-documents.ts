import { TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { bool, created, fk, id, int, str, tableMaker, time } from './columns.js';

/**
 * Documents (issue 4): folders of a client account or engagement (nestable, names unique
 * among siblings through `sibling_key`), documents with their blob's key, size, sha256 and
 * sniffed type, direction, share flag, "new files" marker and a soft-delete tombstone, and
 * the firm's document settings (uploads on/off, size limit, retention days), and each
 * engagement's retention override and legal hold; the firm's default folder templates. Owned by `libs/documents`.
 */
export class Documents1764100000000 implements MigrationInterface {
  name = 'Documents1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const table = tableMaker(q);
    const foreign = (from: string, column: string, to: string, onDelete: 'CASCADE' | 'SET NULL' = 'CASCADE') =>
      q.createForeignKey(from, new TableForeignKey({
        name: `fk_${from}_${column}`.slice(0, 64), columnNames: [column], referencedTableName: to, referencedColumnNames: ['id'], onDelete,
      }));
    const big = (name: string) => ({ name, type: 'bigint' });

    await table('document_folder', [
      id(), fk('firm_id'), fk('account_id'), fk('engagement_id', true), fk('parent_id', true), str('name', 120), str('sibling_key', 400),
      fk('created_by', true), created(),
    ], {
      indices: [
        new TableIndex({ name: 'uq_document_folder_sibling', columnNames: ['firm_id', 'sibling_key'], isUnique: true }),
        new TableIndex({ name: 'idx_document_folder_account', columnNames: ['account_id', 'engagement_id'] }),
      ],
    });
    await foreign('document_folder', 'firm_id', 'firm');
    await foreign('document_folder', 'account_id', 'client_account');
    await foreign('document_folder', 'engagement_id', 'engagement');
    await foreign('document_folder', 'parent_id', 'document_folder');

    await table('document', [
      id(), fk('firm_id'), fk('account_id'), fk('engagement_id', true), fk('folder_id', true), str('name', 255), big('size'), str('sha256', 64),
      str('content_type', 127), str('storage_driver', 32), str('storage_key', 200), str('direction', 16), bool('shared_with_client', false),
      str('uploaded_by_type', 16), fk('uploaded_by_id'), time('uploaded_at'), time('downloaded_by_firm_at', true),
      time('deleted_at', true), fk('deleted_by', true), str('delete_reason', 200, true), time('blob_removed_at', true), bool('legal_hold', false),
    ], {
      indices: [
        new TableIndex({ name: 'idx_document_account', columnNames: ['firm_id', 'account_id', 'uploaded_at'] }),
        new TableIndex({ name: 'idx_document_engagement', columnNames: ['engagement_id', 'uploaded_at'] }),
        new TableIndex({ name: 'idx_document_inbox', columnNames: ['firm_id', 'direction', 'downloaded_by_firm_at'] }),
      ],
    });
    await foreign('document', 'firm_id', 'firm');
    await foreign('document', 'account_id', 'client_account');
    await foreign('document', 'engagement_id', 'engagement');
    await foreign('document', 'folder_id', 'document_folder', 'SET NULL');

    await table('document_settings', [
      { ...fk('firm_id'), isPrimary: true }, bool('clients_may_upload', true), big('max_upload_bytes'), int('retention_days', 30), created(),
    ]);
    await foreign('document_settings', 'firm_id', 'firm');

    // The firm's default folders, applied to an engagement or account on request.
    await table('document_folder_template', [id(), fk('firm_id'), str('name', 120), str('name_key', 120), int('position', 0), created()], {
      indices: [new TableIndex({ name: 'uq_document_folder_template', columnNames: ['firm_id', 'name_key'], isUnique: true })],
    });
    await foreign('document_folder_template', 'firm_id', 'firm');

    // Retention of an engagement's documents: an override of the firm's days, and a legal hold.
    await table('engagement_retention', [
      { ...fk('engagement_id'), isPrimary: true }, fk('firm_id'), int('retention_days', 0, true), bool('legal_hold', false), created('updated_at'),
    ], { indices: [new TableIndex({ name: 'idx_engagement_retention_firm', columnNames: ['firm_id'] })] });
    await foreign('engagement_retention', 'engagement_id', 'engagement');
    await foreign('engagement_retention', 'firm_id', 'firm');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['engagement_retention', 'document_folder_template', 'document_settings', 'document', 'document_folder']) await q.dropTable(t);
  }
}
