import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { PORTICO_CONFIG, type PorticoConfig } from '@portico/core';
import { identityEntities } from './entities/index.js';
import { FirmProvisioning } from './firm-provisioning.service.js';
import { SetupController, StaffActivationController } from './setup.controller.js';
import { SetupAnnouncer } from './setup-announcer.service.js';
import { ATTEMPT_LIMITER, DatabaseAttemptLimiter, RedisAttemptLimiter, SecretBox, Totp, type AttemptLimiter } from './security/index.js';
import { AuthKeys } from './auth/auth-keys.js';
import { OneTimeTokens } from './auth/one-time-tokens.service.js';
import { Sessions } from './auth/sessions.service.js';
import { Passwords } from './auth/passwords.service.js';
import { PrincipalDirectory } from './auth/principal-directory.js';
import { SignInService } from './auth/sign-in.service.js';
import { PasswordResets } from './auth/password-resets.service.js';
import { MeService } from './auth/me.service.js';
import { JwtStrategy } from './auth/jwt.strategy.js';
import { PrincipalGuard } from './auth/auth.guard.js';
import { AuthController } from './auth/auth.controller.js';
import { ClientMeController, StaffMeController } from './auth/me.controller.js';
import { Invitations } from './portal-access/invitations.service.js';
import { PortalAccessController } from './portal-access/portal-access.controller.js';
import { ShareVisibility } from './access/share-visibility.js';
import { StaffDirectory } from './staff/staff-directory.service.js';
import { StaffUsersController } from './staff/staff.controller.js';
import { SecuritySettingsController } from './staff/security-settings.controller.js';
import { ClientsService } from './clients/clients.service.js';
import { ClientsController } from './clients/clients.controller.js';
import { PasswordExpiryJob, PasswordExpiryHandler, PasswordExpiryTask } from './scheduled/password-expiry.task.js';
import { InvitationExpiryJob, InvitationExpiryHandler, InvitationExpiryTask } from './scheduled/invitation-expiry.task.js';

/** Brute-force counters shared by every process: Redis when configured, the database otherwise. */
@Injectable()
export class AttemptLimiterHolder implements OnApplicationShutdown {
  readonly limiter: AttemptLimiter;
  private readonly redis: Redis | null = null;

  constructor(@Inject(PORTICO_CONFIG) config: PorticoConfig, db: DataSource) {
    if (config.queue.driver === 'bull') {
      this.redis = new Redis(config.queue.redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
      this.limiter = new RedisAttemptLimiter(this.redis, `${config.queue.prefix}:attempts`);
    } else {
      this.limiter = new DatabaseAttemptLimiter(db);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}

/**
 * Identity and access: staff, client accounts and contacts, portal access,
 * sign-in with MFA, sessions, resets, and the expiry tasks.
 */
@Module({})
export class IdentityModule {
  private static readonly roots = new Map<boolean, DynamicModule>();

  /**
   * One module object per `http` flag: Nest tells dynamic modules apart by reference, so libs
   * above identity (engagements) import `IdentityModule.forRoot(options)` and share the
   * composition root's instance instead of registering identity's routes twice.
   */
  static forRoot(options: { http: boolean }): DynamicModule {
    let root = IdentityModule.roots.get(options.http);
    if (!root) IdentityModule.roots.set(options.http, (root = IdentityModule.build(options.http)));
    return root;
  }

  private static build(http: boolean): DynamicModule {
    const options = { http };
    return {
      module: IdentityModule,
      imports: [
        TypeOrmModule.forFeature(identityEntities),
        PassportModule,
        JwtModule.registerAsync({
          inject: [PORTICO_CONFIG],
          useFactory: (config: PorticoConfig) => ({ secret: new AuthKeys(config).jwtKey, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
        }),
      ],
      controllers: options.http
        ? [SetupController, StaffActivationController, AuthController, StaffMeController, ClientMeController, StaffUsersController, SecuritySettingsController, ClientsController, PortalAccessController]
        : [],
      providers: [
        FirmProvisioning, AuthKeys, OneTimeTokens, Sessions, Passwords, PrincipalDirectory, SignInService, PasswordResets, MeService,
        Invitations, ShareVisibility, StaffDirectory, ClientsService, Totp,
        { provide: SecretBox, inject: [PORTICO_CONFIG], useFactory: (config: PorticoConfig) => new SecretBox(config.secretKey) },
        AttemptLimiterHolder,
        { provide: ATTEMPT_LIMITER, inject: [AttemptLimiterHolder], useFactory: (h: AttemptLimiterHolder) => h.limiter },
        PasswordExpiryTask, PasswordExpiryHandler, InvitationExpiryTask, InvitationExpiryHandler,
        ...(options.http ? [SetupAnnouncer, JwtStrategy, { provide: APP_GUARD, useClass: PrincipalGuard }] : []),
      ],
      exports: [FirmProvisioning, StaffDirectory, ClientsService, Invitations, ShareVisibility],
    };
  }
}

export { PasswordExpiryJob, InvitationExpiryJob };
