import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { CoreModule, type PorticoConfig } from '@portico/core';
import { IdentityModule } from '@portico/identity';
import { LocalStorageModule } from '@portico/storage-local';

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
      // The S3 plugin arrives with the document exchange (issue 4); refuse clearly until then.
      throw new Error('STORAGE_DRIVER=s3 is not available in this build yet; use STORAGE_DRIVER=local');
  }
}
