import type { Readable } from 'node:stream';

/**
 * An inclusive byte range, as in an HTTP `Range: bytes=start-end` header.
 *
 * @example `{ start: 0, end: 1023 }` is the first KiB.
 */
export interface ByteRange {
  /** First byte, zero-based. */
  start: number;
  /** Last byte, inclusive. Omit to read to the end of the object. */
  end?: number;
}

/** Options for {@link StorageBackend.put}. */
export interface PutOptions {
  /**
   * Refuse the write (and leave nothing behind) once more than this many bytes
   * have arrived. Rejects with {@link StorageLimitExceededError}.
   */
  maxBytes?: number;
  /** MIME type to record with the object where the backend can store one. */
  contentType?: string;
}

/** What {@link StorageBackend.put} reports once the object is durably stored. */
export interface PutResult {
  /** Bytes written. */
  size: number;
  /** Lower-case hex SHA-256 of the bytes written, computed while streaming. */
  sha256: string;
}

/** What {@link StorageBackend.get} returns: a stream and the sizes needed for HTTP. */
export interface GetResult {
  /** The bytes asked for; the caller must consume or destroy it. */
  stream: Readable;
  /** Size of the whole object in bytes. */
  size: number;
  /** The range actually served (inclusive), or undefined for the whole object. */
  range?: { start: number; end: number };
}

/**
 * A place to keep file bytes. Portico never stores file-system paths: entities
 * keep `(driver, key)` and ask the backend for the bytes.
 *
 * Keys are relative, `/`-separated, and never contain `..`, a leading `/`,
 * a backslash or a NUL byte; a backend must refuse such a key with
 * {@link StorageKeyError}. Portico prefixes every key with the firm
 * (`firms/<firmId>/…`) before it reaches the backend.
 *
 * Contract, proven by `runStorageBackendConformance()`:
 * - `put` streams: memory stays flat whatever the size.
 * - `put` is atomic: until it resolves, the key is not visible (`exists` is
 *   false, `get` fails with {@link StorageNotFoundError}); if the source stream
 *   errors or the process dies mid-write, nothing is visible afterwards.
 * - `put` on an existing key replaces it atomically.
 */
export interface StorageBackend {
  /** Short driver name stored beside each key, e.g. `local` or `s3`. */
  readonly driver: string;

  /**
   * Store a stream under `key`.
   * @returns size and sha256 of what was stored, once it is durable.
   * @throws StorageLimitExceededError when `options.maxBytes` is exceeded.
   */
  put(key: string, body: Readable, options?: PutOptions): Promise<PutResult>;

  /**
   * Read an object, whole or a byte range.
   *
   * Ranges follow HTTP `Range` semantics: an `end` past the last byte is
   * clamped to the last byte (and {@link GetResult.range} reports the clamped
   * range); a `start` at or beyond the size, a negative or non-integer bound,
   * or `start > end` is refused.
   * @throws StorageNotFoundError when there is no such key.
   * @throws StorageRangeError when `range.start` is beyond the end (or the range is malformed).
   */
  get(key: string, range?: ByteRange): Promise<GetResult>;

  /** Whether a complete object is stored under `key`. */
  exists(key: string): Promise<boolean>;

  /** Remove an object. Removing a missing key is not an error. */
  delete(key: string): Promise<void>;

  /** Check that the backend is reachable and writable (used by `/api/health`). */
  healthCheck?(): Promise<void>;
}

/** Base class of the errors a backend throws, so callers can map them to HTTP. */
export class StorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
/** The key is malformed or leaves the allowed prefix. */
export class StorageKeyError extends StorageError {}
/** No object under that key. */
export class StorageNotFoundError extends StorageError {}
/** The requested range starts beyond the end of the object. */
export class StorageRangeError extends StorageError {}
/** The stream was longer than `PutOptions.maxBytes`. */
export class StorageLimitExceededError extends StorageError {}

/** DI token under which the deployment's backend is provided. */
export const STORAGE_BACKEND = Symbol.for('portico.StorageBackend');

/**
 * Check a key against the rules every backend shares. Backends call this first.
 * @throws StorageKeyError
 */
export function assertValidStorageKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 1024) {
    throw new StorageKeyError('storage key must be 1 to 1024 characters');
  }
  if (key.startsWith('/') || key.includes('\\') || key.includes('\0')) {
    throw new StorageKeyError(`storage key "${key}" must be relative, with "/" separators`);
  }
  if (key.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new StorageKeyError(`storage key "${key}" has an empty, "." or ".." segment`);
  }
}
