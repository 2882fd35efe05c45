import { Injectable } from '@nestjs/common';
import type { JobDefinition } from '../queue/job-definition.js';
import { JobQueue } from '../queue/job-queue.service.js';
import type { ScheduledTask } from './scheduled-task.js';

/**
 * The usual task: each tick enqueues one job that carries the tick time, and a
 * worker does the work. Subclasses name the task, its schedule and the job
 * (and add `@Injectable() @Task()`).
 */
@Injectable()
export abstract class EnqueueTickTask implements ScheduledTask {
  abstract readonly id: string;
  abstract readonly schedule: string;
  abstract readonly description: string;
  protected abstract readonly job: JobDefinition<{ tickAt: string }>;

  constructor(protected readonly jobs: JobQueue) {}

  async run(tickAt: Date): Promise<void> {
    await this.jobs.enqueue(this.job, { tickAt: tickAt.toISOString() });
  }
}
