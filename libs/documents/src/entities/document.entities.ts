import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export const DIRECTIONS = ['staff-to-client', 'client-to-staff'] as const;
export type DocumentDirection = (typeof DIRECTIONS)[number];

/** Sizes up to terabytes: a `bigint` column, read back as a number (mysql2 answers with a string). */
const bigintAsNumber = { to: (v: number) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

/** A folder (category) of a client account or of one of its engagements; nestable. */
@Entity('document_folder')
export class DocumentFolder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'engagement_id', type: 'varchar', length: 36, nullable: true })
  engagementId: string | null;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** `<account>:<engagement>:<parent>:<lower-cased name>`, unique per firm: names are unique among siblings. */
  @Column({ name: 'sibling_key', type: 'varchar', length: 400 })
  siblingKey: string;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}

/** One of the firm's default folders (applied to an engagement or account on request). */
@Entity('document_folder_template')
export class DocumentFolderTemplate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ name: 'name_key', type: 'varchar', length: 120 })
  nameKey: string;

  @Column({ type: 'int', default: 0 })
  position: number;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}

/** A file exchanged between the firm and a client account. Soft-deleted rows stay as tombstones. */
@Entity('document')
export class Document {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'engagement_id', type: 'varchar', length: 36, nullable: true })
  engagementId: string | null;

  @Column({ name: 'folder_id', type: 'varchar', length: 36, nullable: true })
  folderId: string | null;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  size: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  /** Sniffed from the bytes; the declared type only when the bytes say nothing. */
  @Column({ name: 'content_type', type: 'varchar', length: 127 })
  contentType: string;

  @Column({ name: 'storage_driver', type: 'varchar', length: 32 })
  storageDriver: string;

  /** Firm-relative key for TenantStorage. */
  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey: string;

  @Column({ type: 'varchar', length: 16 })
  direction: DocumentDirection;

  @Column({ name: 'shared_with_client', type: 'boolean', default: false })
  sharedWithClient: boolean;

  @Column({ name: 'uploaded_by_type', type: 'varchar', length: 16 })
  uploadedByType: 'staff' | 'client';

  @Column({ name: 'uploaded_by_id', type: 'varchar', length: 36 })
  uploadedById: string;

  @Column({ name: 'uploaded_at', type: 'datetime', precision: 3 })
  uploadedAt: Date;

  /** Client uploads: when the firm first downloaded it (or marked it); null = in the "new files" inbox. */
  @Column({ name: 'downloaded_by_firm_at', type: 'datetime', precision: 3, nullable: true })
  downloadedByFirmAt: Date | null;

  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'deleted_by', type: 'varchar', length: 36, nullable: true })
  deletedBy: string | null;

  @Column({ name: 'delete_reason', type: 'varchar', length: 200, nullable: true })
  deleteReason: string | null;

  /** When the blob was removed (delete is soft; the bytes go later). */
  @Column({ name: 'blob_removed_at', type: 'datetime', precision: 3, nullable: true })
  blobRemovedAt: Date | null;

  /** Retention never removes a held document. */
  @Column({ name: 'legal_hold', type: 'boolean', default: false })
  legalHold: boolean;
}

/** A firm's document switches. */
@Entity('document_settings')
export class DocumentSettings {
  @PrimaryColumn({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'clients_may_upload', type: 'boolean', default: true })
  clientsMayUpload: boolean;

  @Column({ name: 'max_upload_bytes', type: 'bigint', transformer: bigintAsNumber })
  maxUploadBytes: number;

  /** Documents go this many days after their upload date; 0 = keep. */
  @Column({ name: 'retention_days', type: 'int', default: 30 })
  retentionDays: number;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}

/** An engagement's retention: its own days (null = the firm's) and a legal hold. */
@Entity('engagement_retention')
export class EngagementRetention {
  @PrimaryColumn({ name: 'engagement_id', type: 'varchar', length: 36 })
  engagementId: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'retention_days', type: 'int', nullable: true })
  retentionDays: number | null;

  @Column({ name: 'legal_hold', type: 'boolean', default: false })
  legalHold: boolean;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}

export const DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 ** 3;

export const DEFAULT_RETENTION_DAYS = 30;

export const documentEntities = [DocumentFolder, DocumentFolderTemplate, Document, DocumentSettings, EngagementRetention];
