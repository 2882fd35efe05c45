import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** `platform`: the operator (CLI); `anonymous`: someone not signed in (e.g. the setup page with its token). */
export type ActorType = 'staff' | 'client' | 'system' | 'platform' | 'anonymous';

/** An append-only record of a change made by a person (or the system). */
@Entity('audit_event')
@Index('idx_audit_firm_time', ['firmId', 'createdAt'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'firm_id', type: 'varchar', length: 36, nullable: true })
  firmId: string | null;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: ActorType;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  /** Dotted verb, e.g. `firm.created`, `staff.activated`. */
  @Column({ type: 'varchar', length: 120 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 60, nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 36, nullable: true })
  targetId: string | null;

  /** JSON details; never secrets. */
  @Column({ type: 'text', nullable: true })
  data: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}
