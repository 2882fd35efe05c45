import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A case, matter or project of a client account. Identity owns the access list
 * (who of the staff may see it); the document exchange (issue 4) adds the rest.
 */
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

  @Column({ type: 'varchar', length: 32, default: 'open' })
  status: string;

  /** Only the listed staff (and admins) may see a restricted engagement. */
  @Column({ type: 'boolean', default: false })
  restricted: boolean;

  @Column({ name: 'shared_with_client', type: 'boolean', default: false })
  sharedWithClient: boolean;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;
}

@Entity('engagement_staff')
export class EngagementStaff {
  @PrimaryColumn({ name: 'engagement_id', type: 'varchar', length: 36 })
  engagementId: string;

  @PrimaryColumn({ name: 'staff_id', type: 'varchar', length: 36 })
  staffId: string;
}
