import { AuditEvent } from './audit-event.entity.js';
import { Firm } from './firm.entity.js';
import { Job } from './job.entity.js';
import { MailMessage } from './mail-message.entity.js';
import { PlatformSetting } from './platform-setting.entity.js';
import { ScheduledTaskLock } from './scheduled-task-lock.entity.js';

export { AuditEvent, Firm, Job, MailMessage, PlatformSetting, ScheduledTaskLock };
export const coreEntities = [AuditEvent, Firm, Job, MailMessage, PlatformSetting, ScheduledTaskLock];
