import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { PORTICO_CONFIG, type PorticoConfig } from './config/portico-config.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { openDatabase } from './database/migrate.js';
import { coreEntities } from './database/entities/index.js';
import { QueueModule } from './queue/queue.module.js';
import { FirmResolver } from './tenancy/firm-resolver.service.js';
import { HostScopeGuard } from './tenancy/host-scope.guard.js';
import { PortalFirmController } from './tenancy/portal-firm.controller.js';
import { AuditLog } from './audit/audit.service.js';
import { PlatformSettings } from './platform/platform-settings.service.js';
import { HeartbeatHandler, HeartbeatTask } from './platform/heartbeat.task.js';
import { MailService, SendMailHandler } from './mail/mail.service.js';
import { MAIL_TRANSPORT, createMailTransport } from './mail/mail-transport.js';
import { DevMailboxController } from './mail/dev-mailbox.controller.js';
import { TenantStorage } from './storage/tenant-storage.service.js';
import { TaskScheduler } from './schedule/task-scheduler.service.js';
import { HealthController } from './health/health.controller.js';

export interface CoreModuleOptions {
  /** Mount HTTP controllers (the api app); the worker leaves them out. */
  http: boolean;
  /** The storage plugin's module, which provides STORAGE_BACKEND. */
  storage: DynamicModule;
}

/** Config, database, queue, scheduler, mail, storage seam, tenancy, audit. */
@Module({})
export class CoreModule {
  static forRoot(config: PorticoConfig, options: CoreModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: PORTICO_CONFIG, useValue: config },
      { provide: MAIL_TRANSPORT, useFactory: () => createMailTransport(config.mail) },
      FirmResolver,
      AuditLog,
      PlatformSettings,
      MailService,
      SendMailHandler,
      TenantStorage,
      TaskScheduler,
      HeartbeatTask,
      HeartbeatHandler,
    ];
    if (options.http) providers.push({ provide: APP_GUARD, useClass: HostScopeGuard });
    const mailbox = config.mail.driver === 'outbox' && config.env !== 'production';
    return {
      module: CoreModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Fastify sets the request id on the raw request; reuse it so logs and responses agree.
            genReqId: (req) => (req as { id?: string }).id ?? '',
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'req.query.token'], censor: '[redacted]' },
            autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
            serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.replace(/token=[^&]+/g, 'token=[redacted]') }) },
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config.db, []), autoLoadEntities: true }),
          dataSourceFactory: (options) => openDatabase(options!),
        }),
        TypeOrmModule.forFeature(coreEntities),
        ScheduleModule.forRoot(),
        DiscoveryModule,
        QueueModule.forRoot(config),
        options.storage,
        ...(options.http ? [TerminusModule] : []),
      ],
      controllers: options.http ? [HealthController, PortalFirmController, ...(mailbox ? [DevMailboxController] : [])] : [],
      providers,
      exports: [PORTICO_CONFIG, FirmResolver, AuditLog, PlatformSettings, MailService, TenantStorage, TaskScheduler, TypeOrmModule, QueueModule],
    };
  }
}
