import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type ClientAccountKind = 'person' | 'household' | 'company';
export type PortalStatus = 'none' | 'invited' | 'verified' | 'disabled';

/** A client of the firm: a person, a household or a company. What is shared with it is seen by its contacts with portal access. */
@Entity('client_account')
export class ClientAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ClientAccountKind;

  @Column({ name: 'assigned_staff_id', type: 'varchar', length: 36, nullable: true })
  assignedStaffId: string | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;
}

/** A person of a client account. Portal access, when given, is a {@link Credential} of kind `client`. */
@Entity('contact')
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'account_id', type: 'varchar', length: 36 })
  accountId: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  /** Hidden contacts are left out of lists unless asked for. */
  @Column({ type: 'boolean', default: false })
  hidden: boolean;

  /** JSON object of the firm's custom fields. */
  @Column({ name: 'custom_fields', type: 'text', nullable: true })
  customFields: string | null;

  @Column({ name: 'portal_status', type: 'varchar', length: 16, default: 'none' })
  portalStatus: PortalStatus;

  /** When the pending invitation (or temporary password) stops working. */
  @Column({ name: 'invitation_expires_at', type: 'datetime', precision: 3, nullable: true })
  invitationExpiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', precision: 3 })
  updatedAt: Date;
}

@Entity('contact_email')
export class ContactEmail {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36 })
  firmId: string;

  @Column({ name: 'contact_id', type: 'varchar', length: 36 })
  contactId: string;

  /** Lower-cased. */
  @Column({ type: 'varchar', length: 320 })
  address: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  label: string | null;

  @Column({ type: 'int', default: 0 })
  position: number;
}
