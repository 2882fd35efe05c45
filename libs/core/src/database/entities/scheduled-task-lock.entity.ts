import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per (task, tick): the process that inserts it runs the tick; every
 * other process hits the primary key and skips. This is what makes a tick run
 * once across any number of processes.
 */
@Entity('scheduled_task_lock')
export class ScheduledTaskLock {
  @PrimaryColumn({ name: 'task_id', type: 'varchar', length: 120 })
  taskId: string;

  /** The scheduled time of the tick, ISO-8601 UTC. */
  @PrimaryColumn({ name: 'tick_at', type: 'varchar', length: 30 })
  tickAt: string;

  @Column({ name: 'locked_by', type: 'varchar', length: 120 })
  lockedBy: string;

  @CreateDateColumn({ name: 'created_at', precision: 3 })
  createdAt: Date;
}
