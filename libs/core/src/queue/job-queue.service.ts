import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { PORTICO_CONFIG, type PorticoConfig } from '../config/portico-config.js';
import type { JobDefinition, JobOptions } from './job-definition.js';
import { JOB_QUEUE_DRIVER, type JobInfo, type JobQueueDriver } from './job-queue.port.js';
import { JobRegistry } from './job-registry.service.js';

/** Enqueue work and look it up; consumes jobs when this process runs them. */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');

  constructor(
    @Inject(JOB_QUEUE_DRIVER) private readonly driver: JobQueueDriver,
    private readonly registry: JobRegistry,
    @Inject(PORTICO_CONFIG) private readonly config: PorticoConfig,
  ) {}

  async enqueue<P>(job: JobDefinition<P>, payload: P, options: JobOptions = {}): Promise<string> {
    return this.driver.enqueue({
      name: job.name,
      payload,
      attempts: options.attempts ?? job.defaults.attempts,
      backoffMs: options.backoffMs ?? job.defaults.backoffMs,
      delayMs: options.delayMs ?? 0,
    });
  }

  get(id: string): Promise<JobInfo | null> {
    return this.driver.get(id);
  }

  ping(): Promise<void> {
    return this.driver.ping();
  }

  get driverName(): string {
    return this.driver.name;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runJobs) return;
    await this.driver.start(this.registry.dispatch, 4);
    this.logger.log(`consuming jobs with the ${this.driver.name} driver`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.driver.stop();
  }
}
