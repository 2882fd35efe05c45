export { LocalStorageModule } from './local.module.js';
export { LOCAL_TEMP_FOLDER, LocalDiskStorageBackend } from './local.storage-backend.js';
export type { LocalDiskStorageOptions } from './local.storage-backend.js';
