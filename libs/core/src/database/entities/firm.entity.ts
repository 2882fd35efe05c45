import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A tenant: one firm with its own portal address, branding and data. */
@Entity('firm')
export class Firm {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Sub-domain label: the portal lives at `<slug>.<PORTAL_BASE_DOMAIN>`. */
  @Column({ type: 'varchar', length: 63, unique: true })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Optional custom domain such as `portal.acme-cpa.com`. */
  @Column({ name: 'custom_domain', type: 'varchar', length: 253, nullable: true, unique: true })
  customDomain: string | null;

  @Column({ name: 'primary_color', type: 'varchar', length: 7, default: '#1f4e79' })
  primaryColor: string;

  @Column({ name: 'accent_color', type: 'varchar', length: 7, default: '#e0a526' })
  accentColor: string;

  /** Days an invitation link stays valid. */
  @Column({ name: 'invitation_ttl_days', type: 'int', default: 7 })
  invitationTtlDays: number;

  /** Days a temporary password stays valid. */
  @Column({ name: 'temp_password_ttl_days', type: 'int', default: 7 })
  tempPasswordTtlDays: number;

  @Column({ name: 'password_min_length', type: 'int', default: 12 })
  passwordMinLength: number;

  /** Days before a password must be changed; 0 turns expiry off. */
  @Column({ name: 'password_max_age_days', type: 'int', default: 90 })
  passwordMaxAgeDays: number;

  /** Days before expiry that the reminder e-mail goes out. */
  @Column({ name: 'password_reminder_days', type: 'int', default: 14 })
  passwordReminderDays: number;

  @Column({ name: 'require_client_mfa', type: 'boolean', default: false })
  requireClientMfa: boolean;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;
}
