import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffUser } from './staff-user.entity.js';
import { FirmProvisioning } from './firm-provisioning.service.js';
import { SetupController, StaffActivationController } from './setup.controller.js';
import { SetupAnnouncer } from './setup-announcer.service.js';

/** Staff users and firm provisioning (the setup wizard and the platform CLI). */
@Module({})
export class IdentityModule {
  static forRoot(options: { http: boolean }): DynamicModule {
    return {
      module: IdentityModule,
      imports: [TypeOrmModule.forFeature([StaffUser])],
      controllers: options.http ? [SetupController, StaffActivationController] : [],
      providers: [FirmProvisioning, ...(options.http ? [SetupAnnouncer] : [])],
      exports: [FirmProvisioning],
    };
  }
}
