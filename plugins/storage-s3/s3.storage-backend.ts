import { createHash, randomUUID } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  StorageKeyError,
  StorageLimitExceededError,
  StorageNotFoundError,
  StorageRangeError,
  assertValidStorageKey,
} from '@portico/plugin-sdk';
import type { ByteRange, GetResult, PutOptions, PutResult, StorageBackend } from '@portico/plugin-sdk';

const MiB = 1024 * 1024;

/** S3 refuses parts smaller than this (except the last one). */
export const S3_MIN_PART_BYTES = 5 * MiB;
/** S3 allows at most this many parts in one multipart upload. */
export const S3_MAX_PARTS = 10_000;
/** S3's longest object key, in UTF-8 bytes. */
export const S3_MAX_KEY_BYTES = 1024;

/** Options of {@link S3StorageBackend} and `S3StorageModule.register()`. */
export interface S3StorageOptions {
  /** Bucket that holds every object; it must exist. Example: `portico-files`. */
  bucket: string;
  /** Region of the bucket. Default `us-east-1` (what most S3-compatible servers expect). */
  region?: string;
  /**
   * Address of an S3-compatible server, for anything but AWS S3 itself.
   * Example: `http://127.0.0.1:9000` (MinIO). Default: AWS S3's address for the region.
   */
  endpoint?: string;
  /**
   * Access key. Default: the AWS SDK's credential chain (environment, shared
   * files, instance or container role).
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /**
   * Address the bucket in the path (`http://host/bucket/key`) rather than in the
   * host name (`http://bucket.host/key`). Default: `true` when `endpoint` is set
   * (MinIO, Ceph, s3rver and most self-hosted servers need it), `false` otherwise.
   */
  forcePathStyle?: boolean;
  /**
   * Keep every object under this prefix of the bucket, so that one bucket can
   * hold several installations or other data. `portico` and `portico/` both
   * mean `portico/<key>`. Default: none (keys are object keys).
   */
  keyPrefix?: string;
  /**
   * Size of the parts of a multipart upload, in bytes (at least 5 MiB). Bodies
   * shorter than one part are stored with one PutObject. Default 8 MiB.
   * Memory per `put` is about `partSizeBytes × (queueSize + 1)`.
   */
  partSizeBytes?: number;
  /** Parts of one `put` uploaded at once. Default 4. */
  queueSize?: number;
  /**
   * An S3 client to use instead of one built from `region`, `endpoint`,
   * `credentials` and `forcePathStyle` (which are then ignored). The backend
   * does not destroy a client it was given.
   */
  client?: S3Client;
}

/**
 * Counts and hashes the bytes flowing through, and stops the flow past `maxBytes`.
 * (No `size` property: `Upload` would take it for the length of the body.)
 */
class CountingHash extends Transform {
  byteCount = 0;
  readonly hash: Hash = createHash('sha256');
  /** Set once the body turned out longer than the limit. */
  limitError?: StorageLimitExceededError;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.byteCount += chunk.length;
    if (this.byteCount > this.maxBytes) {
      this.limitError = new StorageLimitExceededError(`the body is longer than the limit of ${this.maxBytes} bytes`);
      callback(this.limitError);
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

/** The S3 error name (code) and HTTP status of an SDK error, when it is one. */
function s3Error(error: unknown): { name?: string; status?: number } {
  if (typeof error !== 'object' || error === null) return {};
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return {
    name: typeof name === 'string' ? name : undefined,
    status: typeof $metadata?.httpStatusCode === 'number' ? $metadata.httpStatusCode : undefined,
  };
}

/** No such object: `NoSuchKey` from GET, a bare 404 `NotFound` from HEAD (which has no body). */
function isMissingObject(error: unknown): boolean {
  const { name } = s3Error(error);
  return name === 'NoSuchKey' || name === 'NotFound';
}

function isInvalidRange(error: unknown): boolean {
  const { name, status } = s3Error(error);
  return name === 'InvalidRange' || status === 416;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;

/**
 * Keeps objects in an S3 bucket (AWS S3 or an S3-compatible server such as
 * MinIO or Ceph): the key `firms/7/documents/a` is the object
 * `<keyPrefix>firms/7/documents/a`.
 *
 * A `put` streams the body through a hashing, counting transform into
 * `@aws-sdk/lib-storage`'s `Upload`, which cuts it into parts of
 * `partSizeBytes` and uploads up to `queueSize` of them at once, so memory
 * stays bounded whatever the size. A body shorter than one part becomes one
 * PutObject; a longer one a multipart upload that S3 shows under the key only
 * once CompleteMultipartUpload succeeds. If the body fails, exceeds
 * `maxBytes` or an upload request fails, the multipart upload is aborted and
 * nothing is visible; if the process dies mid-upload, only an incomplete
 * multipart upload is left, which is never an object and which a bucket
 * lifecycle rule or {@link S3StorageBackend.abortIncompleteUploads} removes.
 */
export class S3StorageBackend implements StorageBackend {
  readonly driver = 's3';
  /** The bucket, as given. */
  readonly bucket: string;
  /** Prefix of every object key in the bucket: empty, or ending with `/`. */
  readonly keyPrefix: string;
  /** The client used for every request. */
  readonly client: S3Client;
  private readonly partSizeBytes: number;
  private readonly queueSize: number;
  private readonly ownsClient: boolean;

  constructor(options: S3StorageOptions) {
    if (!options?.bucket) throw new Error('S3StorageBackend needs a bucket (options.bucket)');
    this.bucket = options.bucket;
    this.keyPrefix = normalisePrefix(options.keyPrefix);
    this.partSizeBytes = options.partSizeBytes ?? 8 * MiB;
    if (!Number.isSafeInteger(this.partSizeBytes) || this.partSizeBytes < S3_MIN_PART_BYTES) {
      throw new Error(`S3StorageBackend: partSizeBytes must be a whole number of at least ${S3_MIN_PART_BYTES}`);
    }
    this.queueSize = options.queueSize ?? 4;
    if (!Number.isSafeInteger(this.queueSize) || this.queueSize < 1) {
      throw new Error('S3StorageBackend: queueSize must be a whole number of at least 1');
    }
    this.ownsClient = !options.client;
    this.client =
      options.client ??
      new S3Client({
        region: options.region ?? 'us-east-1',
        endpoint: options.endpoint,
        forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
        credentials: options.credentials,
        // Send and check checksums only where S3 requires them: many S3-compatible
        // servers refuse or mangle the SDK's default CRC32 headers and aws-chunked
        // bodies. Integrity is checked by our own sha256 and by TLS.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        // Fail fast on an unreachable endpoint instead of waiting for the OS's TCP timeout.
        requestHandler: { connectionTimeout: 10_000 },
      });
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<PutResult> {
    const objectKey = this.objectKey(key);
    const counter = new CountingHash(options.maxBytes ?? Infinity);
    // The body's own failure, told apart from the errors our teardown causes below.
    let sourceError: unknown;
    let tearingDown = false;
    body.once('error', (error) => {
      if (!tearingDown) sourceError ??= error;
    });

    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: objectKey, Body: counter, ContentType: options.contentType },
      partSize: this.partSizeFor(options.maxBytes),
      queueSize: this.queueSize,
      // We abort the multipart upload ourselves below, so that a failing abort
      // cannot hide the error that made the upload fail.
      leavePartsOnError: true,
    });
    const piping = pipeline(body, counter);
    // If S3 fails first, stop reading the body (else the pipeline waits forever on a full buffer).
    const uploading = upload.done().catch((error: unknown) => {
      tearingDown = true;
      counter.destroy();
      throw error;
    });
    // Wait for both, so that no part is still in flight when the upload is aborted.
    const [piped, uploaded] = await Promise.allSettled([piping, uploading]);
    if (piped.status === 'fulfilled' && uploaded.status === 'fulfilled') {
      return { size: counter.byteCount, sha256: counter.hash.digest('hex') };
    }

    tearingDown = true;
    if (!body.destroyed) body.destroy();
    const error =
      counter.limitError ?? sourceError ?? (uploaded.status === 'rejected' ? uploaded.reason : (piped as PromiseRejectedResult).reason);
    if (upload.uploadId) {
      try {
        await this.abortUpload(objectKey, upload.uploadId);
      } catch (abortError) {
        // The upload stays invisible; a lifecycle rule or abortIncompleteUploads() removes it later.
        if (error instanceof Error && error.cause === undefined) error.cause = abortError;
      }
    }
    throw error;
  }

  async get(key: string, range?: ByteRange): Promise<GetResult> {
    const objectKey = this.objectKey(key);
    if (range) {
      const { start, end } = range;
      if (!Number.isSafeInteger(start) || start < 0) {
        throw new StorageRangeError(`range start ${start} is not a byte position`);
      }
      if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) {
        throw new StorageRangeError(`range end ${end} is not a byte position at or after its start ${start}`);
      }
    }
    let output;
    try {
      output = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined,
        }),
      );
    } catch (error) {
      if (isMissingObject(error)) throw new StorageNotFoundError(`no object under storage key "${key}"`);
      if (isInvalidRange(error)) {
        throw new StorageRangeError(`range start ${range?.start} is outside the object under "${key}"`);
      }
      throw error;
    }

    const stream = output.Body;
    if (!(stream instanceof Readable)) {
      throw new Error(`the S3 client returned no Node.js stream for "${key}"`);
    }
    const fail = (error: Error): never => {
      stream.destroy();
      throw error;
    };
    if (!range) {
      if (output.ContentLength === undefined) fail(new Error(`the S3 server sent no Content-Length for "${key}"`));
      return { stream, size: output.ContentLength! };
    }

    // S3 answers 206 with `Content-Range: bytes start-end/size`, the end clamped to the object.
    const served = CONTENT_RANGE.exec(output.ContentRange ?? '');
    if (!served) return fail(new Error(`the S3 server ignored the range asked for "${key}" (no Content-Range)`));
    const [start, end, size] = served.slice(1).map(Number);
    if (range.start >= size) {
      // What S3 answers with 416; some compatible servers serve an empty "range" of an empty object.
      return fail(new StorageRangeError(`range start ${range.start} is outside the object of ${size} bytes under "${key}"`));
    }
    const expectedEnd = Math.min(range.end ?? size - 1, size - 1);
    if (start !== range.start || end !== expectedEnd) {
      return fail(new Error(`the S3 server served bytes ${start}-${end} of "${key}" for bytes ${range.start}-${expectedEnd}`));
    }
    return { stream, size, range: { start, end } };
  }

  async exists(key: string): Promise<boolean> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return true;
    } catch (error) {
      if (isMissingObject(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }));
    } catch (error) {
      // S3 answers 204 for a missing key; some compatible servers answer NoSuchKey.
      if (!isMissingObject(error)) throw error;
    }
  }

  /**
   * Write and remove a small probe object under `<keyPrefix>.portico-health/`,
   * within 10 seconds: proves that the endpoint answers, the credentials are
   * accepted, and the bucket exists and is writable.
   */
  async healthCheck(): Promise<void> {
    const probe = `${this.keyPrefix}.portico-health/${randomUUID()}`;
    const abortSignal = AbortSignal.timeout(10_000);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: probe, Body: `portico storage health check ${new Date().toISOString()}` }),
      { abortSignal },
    );
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: probe }), { abortSignal });
  }

  /**
   * Abort the multipart uploads under this backend's prefix that were started
   * more than `olderThanMs` milliseconds ago: what writers killed mid-upload
   * left (they are never objects, but the bucket bills their parts). A bucket
   * lifecycle rule (`AbortIncompleteMultipartUpload`) does the same on AWS S3
   * and MinIO; use this on servers without one, from a scheduled task, with an
   * age well above the longest upload (e.g. `24 * 3600_000`).
   * @returns how many uploads were aborted.
   */
  async abortIncompleteUploads(olderThanMs: number): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    let aborted = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.client.send(
        new ListMultipartUploadsCommand({
          Bucket: this.bucket,
          Prefix: this.keyPrefix || undefined,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
        }),
      );
      for (const upload of page.Uploads ?? []) {
        if (!upload.Key || !upload.UploadId || !upload.Initiated || upload.Initiated.getTime() > cutoff) continue;
        await this.abortUpload(upload.Key, upload.UploadId);
        aborted += 1;
      }
      const more = page.IsTruncated === true;
      keyMarker = more ? page.NextKeyMarker : undefined;
      uploadIdMarker = more ? page.NextUploadIdMarker : undefined;
    } while (keyMarker !== undefined);
    return aborted;
  }

  /** Close the client's connections, if this backend built the client. */
  onModuleDestroy(): void {
    if (this.ownsClient) this.client.destroy();
  }

  /** Validate `key` and map it to the object key under the prefix. */
  objectKey(key: string): string {
    assertValidStorageKey(key);
    const objectKey = this.keyPrefix + key;
    if (Buffer.byteLength(objectKey) > S3_MAX_KEY_BYTES) {
      throw new StorageKeyError(`storage key "${key}" is longer than S3's ${S3_MAX_KEY_BYTES} bytes (with the prefix)`);
    }
    return objectKey;
  }

  /** Parts large enough for a body of `maxBytes` to fit in S3's 10,000 parts. */
  private partSizeFor(maxBytes: number | undefined): number {
    if (maxBytes === undefined || !Number.isFinite(maxBytes)) return this.partSizeBytes;
    return Math.max(this.partSizeBytes, Math.ceil(maxBytes / S3_MAX_PARTS / MiB) * MiB);
  }

  private async abortUpload(objectKey: string, uploadId: string): Promise<void> {
    try {
      await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: objectKey, UploadId: uploadId }));
    } catch (error) {
      if (s3Error(error).name !== 'NoSuchUpload') throw error; // already gone: completed or aborted
    }
  }
}

function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  const bare = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  try {
    assertValidStorageKey(bare);
  } catch {
    throw new Error(`S3StorageBackend: keyPrefix "${prefix}" must be relative, with "/" separators and no empty, "." or ".." segment`);
  }
  return `${bare}/`;
}
