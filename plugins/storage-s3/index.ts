export { S3StorageModule } from './s3.module.js';
export { S3_MAX_KEY_BYTES, S3_MAX_PARTS, S3_MIN_PART_BYTES, S3StorageBackend } from './s3.storage-backend.js';
export type { S3StorageOptions } from './s3.storage-backend.js';
