import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@portico/identity';
import { engagementEntities } from './entities/engagement.entities.js';
import { EngagementVisibility } from './access/engagement-visibility.service.js';
import { EngagementTypes } from './types/engagement-types.service.js';
import { EngagementsService } from './engagements/engagements.service.js';
import { EngagementItems } from './items/engagement-items.service.js';
import { PortalEngagements } from './portal/portal-engagements.service.js';
import { EngagementsController } from './engagements/engagements.controller.js';
import { EngagementSettingsController } from './types/engagement-types.controller.js';
import { PortalEngagementsController } from './portal/portal-engagements.controller.js';

/**
 * Engagements (cases, matters, projects): types, parties, status, custom fields,
 * the staff access list, shares, notes/tasks/appointments. Registers its share
 * visibility with identity at start (see EngagementVisibility).
 */
@Module({})
export class EngagementsModule {
  private static readonly roots = new Map<boolean, DynamicModule>();

  /** One module object per `http` flag, so that libs above (documents) share the composition root's instance. */
  static forRoot(options: { http: boolean }): DynamicModule {
    let root = EngagementsModule.roots.get(options.http);
    if (!root) EngagementsModule.roots.set(options.http, (root = EngagementsModule.build(options)));
    return root;
  }

  private static build(options: { http: boolean }): DynamicModule {
    return {
      module: EngagementsModule,
      // Same options as the composition root's IdentityModule.forRoot: Nest resolves both to one module instance.
      imports: [TypeOrmModule.forFeature(engagementEntities), IdentityModule.forRoot(options)],
      controllers: options.http ? [EngagementsController, EngagementSettingsController, PortalEngagementsController] : [],
      providers: [EngagementVisibility, EngagementTypes, EngagementsService, EngagementItems, PortalEngagements],
      exports: [EngagementVisibility, EngagementsService],
    };
  }
}
