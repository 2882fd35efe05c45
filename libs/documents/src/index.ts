// Public surface of @portico/documents.
export { DocumentsModule } from './documents.module.js';
export { Document, DocumentFolder, DocumentFolderTemplate, DocumentSettings, EngagementRetention, DIRECTIONS, DEFAULT_MAX_UPLOAD_BYTES, type DocumentDirection } from './entities/document.entities.js';
export { DocumentsService } from './documents/documents.service.js';
export { DocumentAccess } from './access/document-access.service.js';
export { sanitiseFileName, sniffContentType } from './content/content.js';
export { DocumentRetention, RetentionTask, PurgeDocumentsJob, RETENTION_REASON } from './retention/retention.service.js';
