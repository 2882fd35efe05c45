export * from './storage/storage-backend.js';
