import { SetMetadata } from '@nestjs/common';

export const SCHEDULED_TASK = 'portico:scheduled-task';

/**
 * A declared scheduled task (one per `*.task.ts`). `run` only enqueues work;
 * the lock guarantees it runs once per tick across all processes.
 */
export interface ScheduledTask {
  /** Stable dotted id, e.g. `documents.retention`. */
  readonly id: string;
  /** Cron expression with seconds: `sec min hour day month weekday`. */
  readonly schedule: string;
  /** One line shown in logs and docs. */
  readonly description: string;
  /** `tickAt` is the scheduled time of this tick (the same in every process). */
  run(tickAt: Date): Promise<void>;
}

/** Mark a provider implementing {@link ScheduledTask}; discovered at boot. */
export const Task = () => SetMetadata(SCHEDULED_TASK, true);
