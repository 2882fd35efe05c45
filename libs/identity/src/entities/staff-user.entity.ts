import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type StaffRole = 'admin' | 'staff';
/** `all`: every engagement not restricted to a list; `assigned`: only engagements listing this member. */
export type EngagementAccess = 'all' | 'assigned';

/** A member of a firm's staff. Sign-in secrets live in {@link Credential}. */
@Entity('staff_user')
@Index('uq_staff_firm_email', ['firmId', 'email'], { unique: true })
export class StaffUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  /** Lower-cased e-mail, also the login name. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: StaffRole;

  /** Whether the member may sign in (an admin can switch it off without deleting). */
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'engagement_access', type: 'varchar', length: 16, default: 'all' })
  engagementAccess: EngagementAccess;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;
}
