import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { JobQueue } from '../queue/job-queue.service.js';
import { TenantStorage } from '../storage/tenant-storage.service.js';
import { AnyHost } from '../tenancy/host-scope.decorator.js';
import { PlatformSettings } from '../platform/platform-settings.service.js';
import { HEARTBEAT_SETTING } from '../platform/heartbeat.task.js';
import { PORTICO_CONFIG, type PorticoConfig } from '../config/portico-config.js';

@ApiTags('platform')
@Controller('health')
@AnyHost()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: DataSource,
    private readonly jobs: JobQueue,
    private readonly storage: TenantStorage,
    private readonly settings: PlatformSettings,
    @Inject(PORTICO_CONFIG) private readonly config: PorticoConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Readiness: database, job queue and file storage (503 when one is down)' })
  async check(@Res() reply: FastifyReply): Promise<void> {
    const probe = (key: string, fn: () => Promise<Record<string, unknown> | void>) => async () => {
      const session = this.indicators.check(key);
      try {
        return session.up((await fn()) ?? {});
      } catch (e) {
        return session.down({ message: (e as Error).message });
      }
    };
    const result = await this.health
      .check([
        probe('database', async () => {
          await this.db.query('SELECT 1');
          return { type: this.config.db.type };
        }),
        probe('queue', async () => {
          await this.jobs.ping();
          const beat = await this.settings.get(HEARTBEAT_SETTING);
          return { driver: this.jobs.driverName, lastHeartbeat: beat ? JSON.parse(beat).tickAt : null };
        }),
        probe('storage', async () => {
          await this.storage.healthCheck();
          return { driver: this.storage.driver };
        }),
      ])
      .then(
        (r) => ({ code: 200, body: r }),
        (e: { getResponse?: () => unknown }) => ({ code: 503, body: e.getResponse?.() ?? { status: 'error' } }),
      );
    void reply.status(result.code).header('cache-control', 'no-store').send(result.body);
  }
}
