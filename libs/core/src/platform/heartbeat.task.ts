import { Inject, Injectable } from '@nestjs/common';
import { PORTICO_CONFIG, type PorticoConfig } from '../config/portico-config.js';
import { defineJob } from '../queue/job-definition.js';
import { JobHandler, type JobHandlerInstance } from '../queue/job-handler.decorator.js';
import { JobQueue } from '../queue/job-queue.service.js';
import { Task } from '../schedule/scheduled-task.js';
import { EnqueueTickTask } from '../schedule/enqueue-tick-task.js';
import { PlatformSettings } from './platform-settings.service.js';

export const HeartbeatJob = defineJob<{ tickAt: string }>('platform.heartbeat', { attempts: 3, backoffMs: 1000 });
export const HEARTBEAT_SETTING = 'scheduler.lastHeartbeat';

/**
 * Proves that the scheduler and the workers are alive: every tick enqueues a
 * job whose handler records the tick. `/api/health` shows the last one.
 */
@Injectable()
@Task()
export class HeartbeatTask extends EnqueueTickTask {
  readonly id = 'platform.heartbeat';
  readonly description = 'Records that the scheduler ticked and a worker ran the job';
  protected readonly job = HeartbeatJob;

  constructor(jobs: JobQueue, @Inject(PORTICO_CONFIG) private readonly config: PorticoConfig) {
    super(jobs);
  }

  get schedule(): string {
    return this.config.heartbeatCron;
  }
}

@Injectable()
@JobHandler(HeartbeatJob)
export class HeartbeatHandler implements JobHandlerInstance<{ tickAt: string }> {
  constructor(private readonly settings: PlatformSettings) {}

  async handle({ tickAt }: { tickAt: string }): Promise<{ tickAt: string; ranBy: number }> {
    await this.settings.set(HEARTBEAT_SETTING, JSON.stringify({ tickAt, ranAt: new Date().toISOString(), pid: process.pid }));
    return { tickAt, ranBy: process.pid };
  }
}
