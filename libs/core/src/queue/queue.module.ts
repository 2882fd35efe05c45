import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule, getQueueToken } from '@nestjs/bull';
import { DataSource } from 'typeorm';
import type { Queue } from 'bull';
import type { PorticoConfig } from '../config/portico-config.js';
import { JOB_QUEUE_DRIVER } from './job-queue.port.js';
import { JobRegistry } from './job-registry.service.js';
import { JobQueue } from './job-queue.service.js';
import { DatabaseJobQueueDriver } from './database-job-queue.driver.js';
import { BullJobQueueDriver } from './bull-job-queue.driver.js';

export const PORTICO_QUEUE = 'portico';

/** The job queue with the driver the configuration names. */
@Module({})
export class QueueModule {
  static forRoot(config: PorticoConfig): DynamicModule {
    const q = config.queue;
    if (q.driver === 'bull') {
      return {
        module: QueueModule,
        global: true,
        imports: [
          DiscoveryModule,
          BullModule.forRoot({ url: q.redisUrl, prefix: q.prefix }),
          BullModule.registerQueue({ name: PORTICO_QUEUE }),
        ],
        providers: [
          JobRegistry,
          JobQueue,
          { provide: JOB_QUEUE_DRIVER, useFactory: (queue: Queue) => new BullJobQueueDriver(queue), inject: [getQueueToken(PORTICO_QUEUE)] },
        ],
        exports: [JobQueue],
      };
    }
    return {
      module: QueueModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        JobRegistry,
        JobQueue,
        { provide: JOB_QUEUE_DRIVER, useFactory: (db: DataSource) => new DatabaseJobQueueDriver(db, q.pollIntervalMs), inject: [DataSource] },
      ],
      exports: [JobQueue],
    };
  }
}
