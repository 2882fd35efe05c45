import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob, CronTime } from 'cron';
import { DataSource, LessThan } from 'typeorm';
import { hostname } from 'node:os';
import { ScheduledTaskLock } from '../database/entities/scheduled-task-lock.entity.js';
import { PORTICO_CONFIG, type PorticoConfig } from '../config/portico-config.js';
import { SCHEDULED_TASK, type ScheduledTask } from './scheduled-task.js';

/**
 * Triggers every `@Task()` with @nestjs/schedule. Before running a tick it
 * inserts a (task, scheduled time) row; the primary key lets exactly one
 * process win, so each tick runs once however many processes run the scheduler.
 */
@Injectable()
export class TaskScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly owner = `${hostname()}:${process.pid}`;
  private readonly tasks: ScheduledTask[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registry: SchedulerRegistry,
    private readonly db: DataSource,
    @Inject(PORTICO_CONFIG) private readonly config: PorticoConfig,
  ) {}

  list(): readonly ScheduledTask[] {
    return this.tasks;
  }

  onApplicationBootstrap(): void {
    const ids = new Set<string>();
    for (const w of this.discovery.getProviders()) {
      if (!w.metatype || !w.instance || !Reflect.getMetadata(SCHEDULED_TASK, w.metatype)) continue;
      const task = w.instance as ScheduledTask;
      if (ids.has(task.id)) throw new Error(`scheduled task id "${task.id}" is declared twice`);
      ids.add(task.id);
      new CronTime(task.schedule); // throws on a bad expression, at boot
      this.tasks.push(task);
    }
    if (!this.config.runScheduler) return;
    for (const task of this.tasks) {
      const job = CronJob.from({ cronTime: task.schedule, onTick: () => this.track(this.tick(task)), start: true, timeZone: 'UTC' });
      this.registry.addCronJob(`portico:${task.id}`, job as never);
    }
    this.logger.log(`scheduling ${this.tasks.map((t) => `${t.id} (${t.schedule})`).join(', ') || 'no tasks'}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const task of this.tasks) {
      const name = `portico:${task.id}`;
      if (this.registry.doesExist('cron', name)) {
        this.registry.getCronJob(name).stop();
        this.registry.deleteCronJob(name);
      }
    }
    await Promise.allSettled([...this.inFlight]);
  }

  /** Run one tick if this process wins its lock. Returns whether it ran. */
  async tick(task: ScheduledTask, now = new Date()): Promise<boolean> {
    const tickAt = scheduledTickAt(task.schedule, now);
    try {
      await this.db.getRepository(ScheduledTaskLock).insert({ taskId: task.id, tickAt: tickAt.toISOString(), lockedBy: this.owner });
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      this.logger.error({ err: e, task: task.id }, 'could not take the task lock');
      return false;
    }
    try {
      await task.run(tickAt);
    } catch (e) {
      this.logger.error({ err: e, task: task.id, tickAt }, 'scheduled task failed');
    }
    if (Math.random() < 0.05) await this.pruneLocks();
    return true;
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async pruneLocks(): Promise<void> {
    const cutoff = new Date(Date.now() - 24 * 3600_000);
    await this.db.getRepository(ScheduledTaskLock).delete({ createdAt: LessThan(cutoff) });
  }
}

/**
 * The latest scheduled time at or just before `now`: every process computes the
 * same value for the same tick even if its timer fired a little late.
 */
export function scheduledTickAt(schedule: string, now: Date): Date {
  const time = new CronTime(schedule, 'UTC');
  let cursor = time.getNextDateFrom(new Date(now.getTime() - 10 * 60_000)).toJSDate();
  let last = cursor;
  const limit = now.getTime() + 250;
  for (let i = 0; i < 100_000 && cursor.getTime() <= limit; i++) {
    last = cursor;
    cursor = time.getNextDateFrom(cursor).toJSDate();
  }
  return last;
}

function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; driverError?: { code?: string }; message?: string };
  const code = err.driverError?.code ?? err.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT') || /UNIQUE constraint|Duplicate entry/.test(err.message ?? '');
}
