import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { CoreModule, type PorticoConfig } from '@portico/core';
import { IdentityModule } from '@portico/identity';
import { EngagementsModule } from '@portico/engagements';
import { DocumentsModule } from '@portico/documents';
import { LocalStorageModule } from '@portico/storage-local';
import { S3StorageModule } from '@portico/storage-s3';

/**
 * The composition root shared by the api and worker apps: the libs, and the
 * plugins this deployment enables (chosen by configuration alone).
 */
@Module({})
export class PorticoModule {
  static forRoot(config: PorticoConfig, options: { http: boolean; extraImports?: Array<Type | DynamicModule> }): DynamicModule {
    return {
      module: PorticoModule,
      imports: [
        CoreModule.forRoot(config, { http: options.http, storage: storagePlugin(config) }),
        IdentityModule.forRoot(options),
        EngagementsModule.forRoot(options),
        DocumentsModule.forRoot(options),
        ...(options.extraImports ?? []),
      ],
    };
  }
}

function storagePlugin(config: PorticoConfig): DynamicModule {
  switch (config.storage.driver) {
    case 'local':
      return LocalStorageModule.register({ root: config.storage.root });
    case 's3':
      return S3StorageModule.register({
        bucket: config.storage.bucket,
        region: config.storage.region,
        endpoint: config.storage.endpoint,
        credentials: { accessKeyId: config.storage.accessKeyId, secretAccessKey: config.storage.secretAccessKey },
        forcePathStyle: config.storage.forcePathStyle,
        keyPrefix: config.storage.keyPrefix,
      });
  }
}
