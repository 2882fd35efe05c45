import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type PrincipalKind = 'staff' | 'client';

/**
 * How one person signs in to one firm: a staff member, or a client contact with
 * portal access. The login e-mail is fixed here; editing the contact's e-mail
 * addresses does not change it (a change of login e-mail is verified).
 */
@Entity('credential')
export class Credential {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: PrincipalKind;

  /** `staff_user.id` or `contact.id`. */
  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  /** Lower-cased login name. */
  @Column({ name: 'login_email', type: 'varchar', length: 320 })
  loginEmail: string;

  /** argon2id; null until the person sets a password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3, nullable: true })
  passwordChangedAt: Date | null;

  /** A temporary or expired password: the next sign-in must set a new one. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @Column({ name: 'temp_password_expires_at', type: 'datetime', precision: 3, nullable: true })
  tempPasswordExpiresAt: Date | null;

  @Column({ name: 'expiry_reminder_sent_at', type: 'datetime', precision: 3, nullable: true })
  expiryReminderSentAt: Date | null;

  /** TOTP secret sealed with the deployment's SECRET_KEY. */
  @Column({ name: 'mfa_secret', type: 'text', nullable: true })
  mfaSecret: string | null;

  /** A secret shown during set-up, not yet confirmed with a code. */
  @Column({ name: 'mfa_pending_secret', type: 'text', nullable: true })
  mfaPendingSecret: string | null;

  @Column({ name: 'mfa_enabled_at', type: 'datetime', precision: 3, nullable: true })
  mfaEnabledAt: Date | null;

  /** The last accepted TOTP time step: a code is never accepted twice. */
  @Column({ name: 'mfa_last_step', type: 'int', nullable: true })
  mfaLastStep: number | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'verified_at', type: 'datetime', precision: 3, nullable: true })
  verifiedAt: Date | null;

  @Column({ name: 'last_sign_in_at', type: 'datetime', precision: 3, nullable: true })
  lastSignInAt: Date | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;
}
