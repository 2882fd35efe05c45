import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type StaffRole = 'admin' | 'staff';

/** A member of a firm's staff. The first admin comes from the setup page or the CLI. */
@Entity('staff_user')
@Index('uq_staff_firm_email', ['firmId', 'email'], { unique: true })
export class StaffUser {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  /** Lower-cased login e-mail. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: StaffRole;

  /** argon2id hash; null until the account is activated. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  /** sha256 of the one-time activation token (never the token itself). */
  @Column({ name: 'activation_token_hash', type: 'varchar', length: 64, nullable: true })
  activationTokenHash: string | null;

  @Column({ name: 'activation_expires_at', type: 'datetime', precision: 3, nullable: true })
  activationExpiresAt: Date | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;
}
