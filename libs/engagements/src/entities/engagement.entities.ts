import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const ENGAGEMENT_STATUSES = ['open', 'in-progress', 'waiting-for-client', 'completed', 'closed'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

/** A case, matter or project of a client account. */
@Entity('engagement')
export class Engagement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'type_id', type: 'varchar', length: 36, nullable: true })
  typeId: string | null;

  @Column({ name: 'subtype_id', type: 'varchar', length: 36, nullable: true })
  subtypeId: string | null;

  @Column({ type: 'varchar', length: 32, default: 'open' })
  status: string;

  /** A calendar date, `YYYY-MM-DD` (stored as text so that no time zone shifts it). */
  @Column({ name: 'expected_completion', type: 'varchar', length: 10, nullable: true })
  expectedCompletion: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Only the listed staff (and admins) may see a restricted engagement. */
  @Column({ type: 'boolean', default: false })
  restricted: boolean;

  @Column({ name: 'shared_with_client', type: 'boolean', default: false })
  sharedWithClient: boolean;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  /** Soft delete: the row stays as a tombstone; nobody sees it any more. */
  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'deleted_by', type: 'varchar', length: 36, nullable: true })
  deletedBy: string | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;
}

/** The staff access list of an engagement. */
@Entity('engagement_staff')
export class EngagementStaff {
  @PrimaryColumn({ name: 'engagement_id', type: 'varchar', length: 36 })
  engagementId: string;

  @PrimaryColumn({ name: 'staff_id', type: 'varchar', length: 36 })
  staffId: string;
}

/** A firm's engagement type (no parent) or subtype (parent = its type). */
@Entity('engagement_type')
export class EngagementType {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'int', default: 0 })
  position: number;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}

/** A contact of the engagement's account taking part in it, with a free-text role. */
@Entity('engagement_party')
export class EngagementParty {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'engagement_id', type: 'varchar', length: 36 })
  engagementId: string;

  @Column({ name: 'contact_id', type: 'varchar', length: 36 })
  contactId: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  role: string | null;

  @Column({ type: 'int', default: 0 })
  position: number;
}

@Entity('engagement_custom_field')
export class EngagementCustomField {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'engagement_id', type: 'varchar', length: 36 })
  engagementId: string;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'text' })
  value: string;

  @Column({ name: 'show_to_client', type: 'boolean', default: false })
  showToClient: boolean;

  @Column({ type: 'int', default: 0 })
  position: number;
}

export const ITEM_KINDS = ['note', 'task', 'appointment'] as const;
export type EngagementItemKind = (typeof ITEM_KINDS)[number];

/** A note, task or appointment of an engagement, shared with the client or not. */
@Entity('engagement_item')
export class EngagementItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'engagement_id', type: 'varchar', length: 36 })
  engagementId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: EngagementItemKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  /** Tasks: `YYYY-MM-DD`. */
  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  /** Appointments. */
  @Column({ name: 'starts_at', type: 'datetime', precision: 3, nullable: true })
  startsAt: Date | null;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3, nullable: true })
  endsAt: Date | null;

  @Column({ name: 'done_at', type: 'datetime', precision: 3, nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by_type', type: 'varchar', length: 16, nullable: true })
  doneByType: 'staff' | 'client' | null;

  @Column({ name: 'done_by_id', type: 'varchar', length: 36, nullable: true })
  doneById: string | null;

  @Column({ name: 'shared_with_client', type: 'boolean', default: false })
  sharedWithClient: boolean;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'deleted_at', type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;
}

/** A firm's engagement switches; the row also marks that the default types were seeded. */
@Entity('engagement_settings')
export class EngagementSettings {
  @PrimaryColumn({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'clients_may_complete_tasks', type: 'boolean', default: false })
  clientsMayCompleteTasks: boolean;

  @Column({ name: 'types_seeded_at', type: 'datetime', precision: 3, nullable: true })
  typesSeededAt: Date | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}

export const engagementEntities = [Engagement, EngagementStaff, EngagementType, EngagementParty, EngagementCustomField, EngagementItem, EngagementSettings];
