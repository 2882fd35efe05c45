import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { STORAGE_BACKEND } from '@portico/plugin-sdk';
import { LocalDiskStorageBackend } from './local.storage-backend.js';
import type { LocalDiskStorageOptions } from './local.storage-backend.js';

/**
 * Provides a {@link LocalDiskStorageBackend} under the `STORAGE_BACKEND`
 * token (and under its own class, for `sweepTemporaryFiles`).
 *
 * @example `LocalStorageModule.register({ root: './data/files' })`
 */
@Module({})
export class LocalStorageModule {
  static register(options: LocalDiskStorageOptions): DynamicModule {
    return {
      module: LocalStorageModule,
      providers: [
        { provide: LocalDiskStorageBackend, useValue: new LocalDiskStorageBackend(options) },
        { provide: STORAGE_BACKEND, useExisting: LocalDiskStorageBackend },
      ],
      exports: [STORAGE_BACKEND, LocalDiskStorageBackend],
    };
  }
}
