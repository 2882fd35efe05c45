import { createHash, randomUUID } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { close, createReadStream, createWriteStream, fstat, open as openFd } from 'node:fs';
import { lstat, mkdir, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import {
  StorageKeyError,
  StorageLimitExceededError,
  StorageNotFoundError,
  StorageRangeError,
  assertValidStorageKey,
} from '@portico/plugin-sdk';
import type { ByteRange, GetResult, PutOptions, PutResult, StorageBackend } from '@portico/plugin-sdk';

/** Options of {@link LocalDiskStorageBackend} and `LocalStorageModule.register()`. */
export interface LocalDiskStorageOptions {
  /**
   * Folder that holds every object, absolute or relative to the working
   * directory; created if missing. Example: `./data/files`.
   */
  root: string;
  /**
   * Flush each object and its folder to the disk (`fsync`) before `put`
   * resolves, so an acknowledged upload survives a power cut. Default `true`;
   * turn off only for throwaway tests.
   */
  fsync?: boolean;
}

/** Name of the folder under the root that holds writes in progress; no key may start with it. */
export const LOCAL_TEMP_FOLDER = '.tmp';

// Reads of 256 KiB run about three times faster than Node's default 64 KiB; the
// larger write buffer lets the stream coalesce small upload chunks into one writev.
// Both bound the memory of one transfer to about a megabyte.
const READ_CHUNK_BYTES = 256 * 1024;
const WRITE_BUFFER_BYTES = 1024 * 1024;

// Plain numeric descriptors: streams over a FileHandle keep it referenced, so
// that FileHandle.close() after such a stream can wait forever.
const openDescriptor = promisify(openFd);
const closeDescriptor = promisify(close);
const statDescriptor = promisify(fstat);

/** Counts and hashes the bytes flowing through, and stops the flow past `maxBytes`. */
class CountingHash extends Transform {
  size = 0;
  readonly hash: Hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new StorageLimitExceededError(`the body is longer than the limit of ${this.maxBytes} bytes`));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/** Missing, or a folder where a file was expected: for a reader, no object. */
const NOT_AN_OBJECT = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * Keeps objects as files under a root folder: the key `firms/7/documents/a`
 * is the file `<root>/firms/7/documents/a`.
 *
 * A `put` streams the body into `<root>/.tmp/<pid>-<uuid>.part`, hashing it on
 * the way, flushes it to disk, renames it into place (atomic on one file
 * system) and flushes the folder. Until the rename nothing is visible under
 * the key; if the body fails, the file is removed; if the process dies, only a
 * file under `.tmp` is left, which is never an object and which
 * {@link LocalDiskStorageBackend.sweepTemporaryFiles} removes later.
 *
 * A key may not resolve outside the root, also through a symbolic link inside
 * the root; such a key is refused with `StorageKeyError`.
 */
export class LocalDiskStorageBackend implements StorageBackend {
  readonly driver = 'local';
  /** The root folder as given, made absolute. */
  readonly root: string;
  private readonly fsync: boolean;
  private realRoot?: Promise<string>;

  constructor(options: LocalDiskStorageOptions) {
    if (!options?.root) throw new Error('LocalDiskStorageBackend needs a root folder (options.root)');
    this.root = path.resolve(options.root);
    this.fsync = options.fsync ?? true;
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<PutResult> {
    const root = await this.ready();
    const target = this.pathOf(root, key);
    const folder = path.dirname(target);
    // Create the key's folders first, so that a conflicting key fails before the body is read.
    const firstCreated = await this.makeFolders(root, folder, key);

    const temp = path.join(root, LOCAL_TEMP_FOLDER, `${process.pid}-${randomUUID()}.part`);
    const fd = await openDescriptor(temp, 'wx');
    // The stream owns the descriptor from here: it flushes (fsync) and closes it when
    // the body ends, and closes it when destroyed.
    const sink = createWriteStream(temp, { fd, flush: this.fsync, highWaterMark: WRITE_BUFFER_BYTES });
    try {
      const counter = new CountingHash(options.maxBytes ?? Infinity);
      await pipeline(body, counter, sink);

      // The folder may have been replaced by a link since it was created; check again just before committing.
      await this.assertInsideRoot(root, folder, key);
      try {
        await rename(temp, target);
      } catch (error) {
        if (errorCode(error) === 'EISDIR' || errorCode(error) === 'ENOTDIR') {
          throw new StorageKeyError(`storage key "${key}" conflicts with a folder of other objects`);
        }
        throw error;
      }
      if (this.fsync) {
        await syncFolder(folder);
        // New folders are durable only once their parents record them.
        if (firstCreated) {
          for (let dir = path.dirname(folder); ; dir = path.dirname(dir)) {
            await syncFolder(dir);
            if (dir === path.dirname(firstCreated) || dir === root) break;
          }
        }
      }
      return { size: counter.size, sha256: counter.hash.digest('hex') };
    } catch (error) {
      if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
      await unlink(temp).catch(() => undefined);
      if (!body.destroyed) body.destroy();
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<GetResult> {
    const object = await this.openObject(key);
    if (!object) throw new StorageNotFoundError(`no object under storage key "${key}"`);
    const { fd, path: file, size } = object;
    try {
      if (!range) {
        return { stream: createReadStream(file, { fd, highWaterMark: READ_CHUNK_BYTES }), size };
      }
      const { start } = range;
      if (!Number.isSafeInteger(start) || start < 0 || start >= size) {
        throw new StorageRangeError(`range start ${start} is outside the object of ${size} bytes under "${key}"`);
      }
      if (range.end !== undefined && (!Number.isSafeInteger(range.end) || range.end < start)) {
        throw new StorageRangeError(`range end ${range.end} is before its start ${start}`);
      }
      const end = Math.min(range.end ?? size - 1, size - 1);
      return {
        stream: createReadStream(file, { fd, start, end, highWaterMark: READ_CHUNK_BYTES }),
        size,
        range: { start, end },
      };
    } catch (error) {
      await closeDescriptor(fd).catch(() => undefined);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    const root = await this.ready();
    const target = this.pathOf(root, key);
    try {
      const real = await realpath(target);
      this.assertRealPathInside(root, real, key);
      return (await stat(real)).isFile();
    } catch (error) {
      if (NOT_AN_OBJECT.has(errorCode(error) ?? '')) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const root = await this.ready();
    const target = this.pathOf(root, key);
    const folder = path.dirname(target);
    let realFolder: string;
    try {
      realFolder = await realpath(folder);
    } catch (error) {
      if (NOT_AN_OBJECT.has(errorCode(error) ?? '')) return;
      throw error;
    }
    this.assertRealPathInside(root, realFolder, key);
    try {
      // unlink removes a link itself, never what it points at.
      await unlink(path.join(realFolder, path.basename(target)));
    } catch (error) {
      const code = errorCode(error) ?? '';
      if (NOT_AN_OBJECT.has(code) || code === 'EPERM') return; // EPERM: Linux's answer for a folder
      throw error;
    }
    if (this.fsync) await syncFolder(realFolder);
  }

  /** Write, read back and remove a probe file under `.tmp`. */
  async healthCheck(): Promise<void> {
    const root = await this.ready();
    const probe = path.join(root, LOCAL_TEMP_FOLDER, `health-${process.pid}-${randomUUID()}.probe`);
    const text = `portico storage health check ${new Date().toISOString()}`;
    const file = await open(probe, 'wx+');
    try {
      await file.writeFile(text);
      const back = (await file.read(Buffer.alloc(text.length * 2), 0, text.length * 2, 0)).bytesRead;
      if (back !== Buffer.byteLength(text)) throw new Error(`storage health probe read back ${back} bytes`);
    } finally {
      await file.close();
      await unlink(probe);
    }
  }

  /**
   * Remove files under `<root>/.tmp` last modified more than `olderThanMs`
   * milliseconds ago: what writers killed mid-upload left. A write still in
   * progress keeps its file's modification time fresh; should a stalled one
   * be swept anyway, its `put` fails and nothing becomes visible.
   * @returns how many files were removed.
   */
  async sweepTemporaryFiles(olderThanMs: number): Promise<number> {
    const root = await this.ready();
    const folder = path.join(root, LOCAL_TEMP_FOLDER);
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(folder, entry.name);
      try {
        if ((await stat(file)).mtimeMs <= cutoff) {
          await unlink(file);
          removed += 1;
        }
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') throw error; // finished or swept meanwhile
      }
    }
    return removed;
  }

  /** The real path of the root, once it and its `.tmp` folder exist. */
  private ready(): Promise<string> {
    this.realRoot ??= (async () => {
      await mkdir(path.join(this.root, LOCAL_TEMP_FOLDER), { recursive: true });
      return realpath(this.root);
    })();
    this.realRoot.catch(() => {
      this.realRoot = undefined; // let a later call retry, e.g. once a volume is mounted
    });
    return this.realRoot;
  }

  /** Validate `key` and map it to a path under `root`, lexically. */
  private pathOf(root: string, key: string): string {
    assertValidStorageKey(key);
    const segments = key.split('/');
    if (segments.some((segment) => Buffer.byteLength(segment) > 255)) {
      throw new StorageKeyError(`storage key "${key}" has a segment longer than 255 bytes`);
    }
    if (segments[0] === LOCAL_TEMP_FOLDER) {
      throw new StorageKeyError(`storage key "${key}" uses the reserved folder "${LOCAL_TEMP_FOLDER}"`);
    }
    const target = path.join(root, ...segments);
    if (!isInside(root, target)) throw new StorageKeyError(`storage key "${key}" leaves the storage root`);
    return target;
  }

  private assertRealPathInside(root: string, real: string, key: string): void {
    if (!isInside(root, real) || real.startsWith(path.join(root, LOCAL_TEMP_FOLDER) + path.sep)) {
      throw new StorageKeyError(`storage key "${key}" resolves outside the storage root`);
    }
  }

  private async assertInsideRoot(root: string, folder: string, key: string): Promise<void> {
    if (folder === root) return;
    this.assertRealPathInside(root, await realpath(folder), key);
  }

  /**
   * `mkdir -p` one segment at a time, so that a link inside the root that
   * points outside is refused before anything is created through it.
   * @returns the first folder created, if any.
   */
  private async makeFolders(root: string, folder: string, key: string): Promise<string | undefined> {
    const relative = path.relative(root, folder);
    if (relative === '') return undefined;
    let firstCreated: string | undefined;
    let current = root;
    for (const segment of relative.split(path.sep)) {
      current = path.join(current, segment);
      try {
        await mkdir(current);
        firstCreated ??= current;
        continue;
      } catch (error) {
        if (errorCode(error) === 'ENOTDIR') {
          throw new StorageKeyError(`a folder of storage key "${key}" is already an object`);
        }
        if (errorCode(error) !== 'EEXIST') throw error;
      }
      const found = await lstat(current);
      if (found.isDirectory()) continue;
      if (!found.isSymbolicLink()) throw new StorageKeyError(`a folder of storage key "${key}" is already an object`);
      let real: string;
      try {
        real = await realpath(current);
      } catch (error) {
        if (errorCode(error) === 'ENOENT') throw new StorageKeyError(`a folder of storage key "${key}" is a broken link`);
        throw error;
      }
      this.assertRealPathInside(root, real, key);
      if (!(await stat(real)).isDirectory()) {
        throw new StorageKeyError(`a folder of storage key "${key}" is already an object`);
      }
    }
    return firstCreated;
  }

  /**
   * Open the file of an object for reading, or undefined when there is none.
   * Reading through the open descriptor serves this version whole even if it is replaced meanwhile.
   */
  private async openObject(key: string): Promise<{ fd: number; path: string; size: number } | undefined> {
    const root = await this.ready();
    const target = this.pathOf(root, key);
    let real: string;
    let fd: number;
    try {
      real = await realpath(target);
      this.assertRealPathInside(root, real, key);
      fd = await openDescriptor(real, 'r');
    } catch (error) {
      if (NOT_AN_OBJECT.has(errorCode(error) ?? '')) return undefined;
      throw error;
    }
    try {
      const stats = await statDescriptor(fd);
      if (stats.isFile()) return { fd, path: real, size: stats.size };
    } catch (error) {
      await closeDescriptor(fd).catch(() => undefined);
      throw error;
    }
    await closeDescriptor(fd);
    return undefined;
  }
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
