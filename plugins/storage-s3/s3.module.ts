import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { STORAGE_BACKEND } from '@portico/plugin-sdk';
import { S3StorageBackend } from './s3.storage-backend.js';
import type { S3StorageOptions } from './s3.storage-backend.js';

/**
 * Provides an {@link S3StorageBackend} under the `STORAGE_BACKEND` token (and
 * under its own class, for `abortIncompleteUploads`). The client's connections
 * are closed when the application shuts down.
 *
 * @example `S3StorageModule.register({ bucket: 'portico-files', endpoint: 'http://127.0.0.1:9000', credentials })`
 */
@Module({})
export class S3StorageModule {
  static register(options: S3StorageOptions): DynamicModule {
    return {
      module: S3StorageModule,
      providers: [
        { provide: S3StorageBackend, useFactory: () => new S3StorageBackend(options) },
        { provide: STORAGE_BACKEND, useExisting: S3StorageBackend },
      ],
      exports: [STORAGE_BACKEND, S3StorageBackend],
    };
  }
}
