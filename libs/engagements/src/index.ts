// Public surface of @portico/engagements.
export { EngagementsModule } from './engagements.module.js';
export {
  Engagement, EngagementStaff, EngagementType, EngagementParty, EngagementCustomField, EngagementItem, EngagementSettings,
  ENGAGEMENT_STATUSES, ITEM_KINDS, type EngagementStatus, type EngagementItemKind,
} from './entities/engagement.entities.js';
export { EngagementVisibility } from './access/engagement-visibility.service.js';
export { EngagementsService } from './engagements/engagements.service.js';
