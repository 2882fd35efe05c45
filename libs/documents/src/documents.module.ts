import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@portico/identity';
import { EngagementsModule } from '@portico/engagements';
import { documentEntities } from './entities/document.entities.js';
import { DocumentAccess } from './access/document-access.service.js';
import { DocumentFolders } from './folders/folders.service.js';
import { DocumentsService } from './documents/documents.service.js';
import { DocumentSettingsController, DocumentsController } from './documents/documents.controller.js';
import { FolderTemplatesController, FoldersController } from './folders/folders.controller.js';
import { PortalDocumentsController } from './portal/portal-documents.controller.js';
import { DocumentRetention, PurgeDocumentsHandler, RetentionTask } from './retention/retention.service.js';
import { RetentionController } from './retention/retention.controller.js';

/**
 * Folders and documents: streamed uploads both ways, downloads with Range, the "new files"
 * inbox, soft delete, per-firm settings, retention (hourly task + purge jobs). Registers its share visibility with identity.
 */
@Module({})
export class DocumentsModule {
  static forRoot(options: { http: boolean }): DynamicModule {
    return {
      module: DocumentsModule,
      imports: [TypeOrmModule.forFeature(documentEntities), IdentityModule.forRoot(options), EngagementsModule.forRoot(options)],
      controllers: options.http ? [DocumentsController, DocumentSettingsController, FoldersController, FolderTemplatesController, PortalDocumentsController, RetentionController] : [],
      providers: [DocumentAccess, DocumentFolders, DocumentsService, DocumentRetention, RetentionTask, PurgeDocumentsHandler],
      exports: [DocumentsService, DocumentAccess, DocumentRetention],
    };
  }
}
