import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  StorageKeyError,
  StorageLimitExceededError,
  StorageNotFoundError,
  StorageRangeError,
} from '../storage/storage-backend.js';
import type { ByteRange, GetResult, StorageBackend } from '../storage/storage-backend.js';
import { measurePeakRss } from './peak-rss.js';
import { createPseudoRandomStream, pseudoRandomBytes } from './pseudo-random-stream.js';

/** What the factory given to {@link runStorageBackendConformance} returns. */
export interface StorageBackendUnderTest {
  /** The backend to prove, ready to use. */
  backend: StorageBackend;
  /** Called once after every test has run, e.g. to remove a temporary folder or bucket. */
  cleanup?: () => Promise<void>;
}

/** Options of {@link runStorageBackendConformance}. */
export interface StorageConformanceOptions {
  /**
   * Size in bytes of the large object streamed through `put` and `get` while
   * memory is measured. Default 1 GiB; the environment variable
   * `PORTICO_CONFORMANCE_LARGE_BYTES` overrides it. `0` skips that test (say
   * why in your test file if you do).
   */
  largeObjectBytes?: number;
  /**
   * Largest growth of the process's resident set size allowed while the large
   * object is written or read, in bytes. Default 96 MiB.
   */
  maxRssGrowthBytes?: number;
  /**
   * Every key the kit uses starts with this prefix. Default
   * `conformance-<random uuid>/`, so runs against a shared bucket do not collide.
   */
  keyPrefix?: string;
  /** Timeout of each ordinary test, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /** Timeout of the large-object test, in milliseconds. Default 600 000. */
  largeObjectTimeoutMs?: number;
  /**
   * Prove that a process killed in the middle of a `put` leaves nothing
   * visible. The function must start another process that writes to `key`
   * with this backend's configuration, wait until bytes have reached the
   * backend, kill it with SIGKILL, and resolve once it has exited. The kit
   * then checks that `key` is not visible. Without it, that test is reported
   * as skipped.
   *
   * @example see `plugins/storage-local/local.storage-backend.spec.ts`.
   */
  spawnKilledWriter?: (key: string) => Promise<void>;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Consume a stream without keeping it, returning its size and sha256. */
async function hashStream(stream: Readable): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    hash.update(chunk);
  }
  return { size, sha256: hash.digest('hex') };
}

function largeObjectSize(options: StorageConformanceOptions): number {
  const fromEnv = process.env.PORTICO_CONFORMANCE_LARGE_BYTES;
  if (fromEnv !== undefined && fromEnv !== '') {
    const parsed = Number(fromEnv);
    if (!Number.isSafeInteger(parsed) || parsed < 0) {
      throw new Error(`PORTICO_CONFORMANCE_LARGE_BYTES must be a whole number of bytes, got "${fromEnv}"`);
    }
    return parsed;
  }
  return options.largeObjectBytes ?? GiB;
}

const INVALID_KEYS: ReadonlyArray<[label: string, key: string]> = [
  ['parent traversal', '../x'],
  ['traversal in the middle', 'a/../../x'],
  ['absolute path', '/abs'],
  ['empty segment', 'a//b'],
  ['"." segment', 'a/./b'],
  ['trailing slash', 'a/b/'],
  ['backslash', 'a\\b'],
  ['Windows traversal', '..\\x'],
  ['NUL byte', 'a\0b'],
  ['empty key', ''],
];

/**
 * Declare a Jest `describe` block that proves a {@link StorageBackend} keeps
 * the contract Portico relies on, with real bytes: sizes and sha256 sums,
 * byte ranges, missing keys, deletes, atomic writes and overwrites, key
 * validation, `maxBytes`, failing sources, concurrency, flat memory for a
 * large object, and (optionally) a writer killed mid-upload.
 *
 * Call it at the top level of one Jest test file. `factory` is called once,
 * before the first test; `cleanup` once after the last.
 *
 * @example
 * ```ts
 * import { runStorageBackendConformance } from '@portico/plugin-sdk/testing';
 * runStorageBackendConformance('acme', async () => {
 *   const backend = new AcmeStorageBackend({ bucket: process.env.ACME_TEST_BUCKET! });
 *   return { backend, cleanup: () => backend.close() };
 * });
 * ```
 */
export function runStorageBackendConformance(
  name: string,
  factory: () => Promise<StorageBackendUnderTest>,
  options: StorageConformanceOptions = {},
): void {
  const timeout = options.timeoutMs ?? 30_000;
  const prefix = options.keyPrefix ?? `conformance-${randomUUID()}/`;
  const maxRssGrowth = options.maxRssGrowthBytes ?? 96 * MiB;
  const largeBytes = largeObjectSize(options);

  describe(`StorageBackend conformance: ${name}`, () => {
    let subject: StorageBackendUnderTest | undefined;
    const written = new Set<string>();

    const backend = (): StorageBackend => {
      if (!subject) throw new Error(`the factory given to runStorageBackendConformance('${name}') did not resolve`);
      return subject.backend;
    };
    let counter = 0;
    const newKey = (label: string): string => {
      counter += 1;
      const key = `${prefix}${label}/${counter}-${randomUUID()}.bin`;
      written.add(key);
      return key;
    };
    const putBytes = (key: string, bytes: Buffer) => backend().put(key, Readable.from([bytes]));
    const expectNotVisible = async (key: string) => {
      expect(await backend().exists(key)).toBe(false);
      await expect(backend().get(key)).rejects.toThrow(StorageNotFoundError);
    };
    const getBytes = async (key: string, range?: ByteRange): Promise<{ result: GetResult; bytes: Buffer }> => {
      const result = await backend().get(key, range);
      return { result, bytes: await readAll(result.stream) };
    };

    beforeAll(async () => {
      subject = await factory();
      expect(typeof subject.backend.driver).toBe('string');
      expect(subject.backend.driver.length).toBeGreaterThan(0);
    }, timeout);

    afterAll(async () => {
      if (!subject) return;
      try {
        for (const key of written) await subject.backend.delete(key).catch(() => undefined);
      } finally {
        await subject.cleanup?.();
      }
    }, timeout);

    describe('put and get', () => {
      it.each([
        ['empty', 0],
        ['one byte', 1],
        ['one chunk less one', 64 * 1024 - 1],
        ['several chunks, odd length', 3 * MiB + 7],
      ])(
        'stores %s (%i bytes) and reports the size and sha256 of exactly those bytes',
        async (_label, size) => {
          const bytes = pseudoRandomBytes(size, { seed: `put-${size}` });
          const key = newKey('put');
          const put = await putBytes(key, bytes);
          expect(put).toEqual({ size, sha256: sha256(bytes) });
          expect(put.sha256).toMatch(/^[0-9a-f]{64}$/);
          expect(await backend().exists(key)).toBe(true);
          const { result, bytes: read } = await getBytes(key);
          expect(result.size).toBe(size);
          expect(result.range).toBeUndefined();
          expect(read.length).toBe(size);
          expect(sha256(read)).toBe(sha256(bytes));
        },
        timeout,
      );

      it(
        'hashes the body as it arrives in many small, uneven chunks',
        async () => {
          const bytes = pseudoRandomBytes(200_003, { seed: 'uneven' });
          const chunks: Buffer[] = [];
          for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7 + 3) % 4099 || 1) {
            chunks.push(bytes.subarray(at, Math.min(at + step, bytes.length)));
          }
          const key = newKey('uneven');
          expect(await backend().put(key, Readable.from(chunks))).toEqual({ size: bytes.length, sha256: sha256(bytes) });
          expect((await getBytes(key)).bytes.equals(bytes)).toBe(true);
        },
        timeout,
      );

      it(
        'keeps keys with nested folders, spaces and non-ASCII characters apart',
        async () => {
          const keys = [
            `${prefix}firms/1/documents/a.pdf`,
            `${prefix}firms/1/documents/a.pdf.bak`,
            `${prefix}firms/1/documents/résumé final (2).pdf`,
            `${prefix}firms/10/documents/a.pdf`,
          ];
          for (const key of keys) written.add(key);
          for (const [i, key] of keys.entries()) await putBytes(key, Buffer.from(`object ${i}`));
          for (const [i, key] of keys.entries()) {
            expect((await getBytes(key)).bytes.toString()).toBe(`object ${i}`);
          }
        },
        timeout,
      );
    });

    describe('byte ranges', () => {
      const size = 1 * MiB + 123;
      const bytes = pseudoRandomBytes(size, { seed: 'ranges' });
      let key: string;

      beforeAll(async () => {
        key = newKey('ranges');
        await putBytes(key, bytes);
      }, timeout);

      it.each<[string, ByteRange, { start: number; end: number }]>([
        ['start only', { start: 1000 }, { start: 1000, end: size - 1 }],
        ['start and end', { start: 10, end: 65_545 }, { start: 10, end: 65_545 }],
        ['the first byte', { start: 0, end: 0 }, { start: 0, end: 0 }],
        ['the last byte', { start: size - 1, end: size - 1 }, { start: size - 1, end: size - 1 }],
        ['the last byte, open-ended', { start: size - 1 }, { start: size - 1, end: size - 1 }],
        ['an end past the last byte (clamped)', { start: size - 5, end: size + 1000 }, { start: size - 5, end: size - 1 }],
        ['the whole object', { start: 0, end: size - 1 }, { start: 0, end: size - 1 }],
      ])(
        'serves %s',
        async (_label, range, served) => {
          const { result, bytes: read } = await getBytes(key, range);
          expect(result.size).toBe(size);
          expect(result.range).toEqual(served);
          expect(read.length).toBe(served.end - served.start + 1);
          expect(read.equals(bytes.subarray(served.start, served.end + 1))).toBe(true);
        },
        timeout,
      );

      it.each<[string, ByteRange]>([
        ['a start equal to the size', { start: size }],
        ['a start beyond the end', { start: size + 10, end: size + 20 }],
        ['a start after the end', { start: 100, end: 99 }],
        ['a negative start', { start: -1 }],
        ['a fractional start', { start: 1.5 }],
      ])(
        'refuses %s with StorageRangeError',
        async (_label, range) => {
          await expect(backend().get(key, range)).rejects.toThrow(StorageRangeError);
        },
        timeout,
      );

      it(
        'refuses any range of an empty object with StorageRangeError, but serves it whole',
        async () => {
          const empty = newKey('empty-range');
          await putBytes(empty, Buffer.alloc(0));
          await expect(backend().get(empty, { start: 0 })).rejects.toThrow(StorageRangeError);
          const { result, bytes: read } = await getBytes(empty);
          expect(result.size).toBe(0);
          expect(read.length).toBe(0);
        },
        timeout,
      );
    });

    describe('missing keys and delete', () => {
      it(
        'answers StorageNotFoundError and false for a key never written',
        async () => {
          await expectNotVisible(newKey('never-written'));
        },
        timeout,
      );

      it(
        'does not treat the folder part of a stored key as an object',
        async () => {
          const folder = `${prefix}folder-${randomUUID()}`;
          const key = `${folder}/inner.bin`;
          written.add(key);
          await putBytes(key, Buffer.from('inner'));
          await expectNotVisible(folder);
        },
        timeout,
      );

      it(
        'deletes an object, and deleting a missing key (or deleting twice) is not an error',
        async () => {
          const key = newKey('delete');
          const sibling = newKey('delete');
          await putBytes(key, Buffer.from('to be deleted'));
          await putBytes(sibling, Buffer.from('stays'));
          expect(await backend().exists(key)).toBe(true);
          await backend().delete(key);
          await expectNotVisible(key);
          await expect(backend().delete(key)).resolves.toBeUndefined();
          await expect(backend().delete(newKey('delete-missing'))).resolves.toBeUndefined();
          expect((await getBytes(sibling)).bytes.toString()).toBe('stays');
        },
        timeout,
      );

      it(
        'can store a key again after deleting it',
        async () => {
          const key = newKey('recreate');
          await putBytes(key, Buffer.from('first'));
          await backend().delete(key);
          await putBytes(key, Buffer.from('second'));
          expect((await getBytes(key)).bytes.toString()).toBe('second');
        },
        timeout,
      );
    });

    describe('atomic writes', () => {
      it(
        'replaces an object atomically: readers see the old bytes whole until the new ones are complete',
        async () => {
          const key = newKey('overwrite');
          const before = pseudoRandomBytes(256 * 1024, { seed: 'overwrite-old' });
          await putBytes(key, before);

          const after = pseudoRandomBytes(2 * MiB, { seed: 'overwrite-new' });
          const body = createPseudoRandomStream(after.length, { seed: 'overwrite-new', chunkBytes: 64 * 1024, delayMs: 5 });
          let done = false;
          const putting = backend()
            .put(key, body)
            .finally(() => {
              done = true;
            });
          putting.catch(() => undefined); // judged below; avoid an unhandled rejection meanwhile
          // Every read must see one whole version; once the new one shows, never the old again.
          const seen: Array<'old' | 'new'> = [];
          while (!done) {
            const { bytes: read } = await getBytes(key);
            if (read.equals(before)) seen.push('old');
            else if (read.equals(after)) seen.push('new');
            else throw new Error(`a read during the overwrite saw ${read.length} bytes that are neither version`);
            await sleep(10);
          }
          const put = await putting;
          expect(seen[0]).toBe('old');
          expect(seen.slice(seen.indexOf('new') === -1 ? seen.length : seen.indexOf('new'))).not.toContain('old');
          expect(put).toEqual({ size: after.length, sha256: sha256(after) });
          const { result, bytes: final } = await getBytes(key);
          expect(result.size).toBe(after.length);
          expect(final.equals(after)).toBe(true);
        },
        timeout,
      );

      it(
        'leaves nothing visible when the source stream fails halfway',
        async () => {
          const key = newKey('source-error');
          const body = createPseudoRandomStream(4 * MiB, { seed: 'fails', failAfterBytes: 2 * MiB + 5 });
          await expect(backend().put(key, body)).rejects.toThrow();
          expect(body.bytesEmitted).toBe(2 * MiB + 5);
          await expectNotVisible(key);
        },
        timeout,
      );

      it(
        'keeps the previous object intact when an overwrite fails halfway',
        async () => {
          const key = newKey('failed-overwrite');
          const before = pseudoRandomBytes(300_000, { seed: 'keep-me' });
          await putBytes(key, before);
          const body = createPseudoRandomStream(4 * MiB, { seed: 'fails-again', failAfterBytes: MiB });
          await expect(backend().put(key, body)).rejects.toThrow();
          const { result, bytes: read } = await getBytes(key);
          expect(result.size).toBe(before.length);
          expect(read.equals(before)).toBe(true);
        },
        timeout,
      );

      it(
        'refuses a body longer than maxBytes with StorageLimitExceededError and leaves nothing visible',
        async () => {
          const key = newKey('max-bytes');
          const body = createPseudoRandomStream(5 * MiB, { seed: 'too-big' });
          await expect(backend().put(key, body, { maxBytes: 2 * MiB })).rejects.toThrow(StorageLimitExceededError);
          await expectNotVisible(key);
        },
        timeout,
      );

      it(
        'accepts a body of exactly maxBytes, and refuses one byte more',
        async () => {
          const bytes = pseudoRandomBytes(100_000, { seed: 'exact' });
          const exact = newKey('max-bytes-exact');
          expect(await backend().put(exact, Readable.from([bytes]), { maxBytes: bytes.length })).toEqual({
            size: bytes.length,
            sha256: sha256(bytes),
          });
          const over = newKey('max-bytes-over');
          await expect(backend().put(over, Readable.from([bytes]), { maxBytes: bytes.length - 1 })).rejects.toThrow(
            StorageLimitExceededError,
          );
          await expectNotVisible(over);
        },
        timeout,
      );

      it(
        'keeps the previous object when an overwrite exceeds maxBytes',
        async () => {
          const key = newKey('max-bytes-overwrite');
          await putBytes(key, Buffer.from('small and valid'));
          await expect(
            backend().put(key, createPseudoRandomStream(MiB, { seed: 'big' }), { maxBytes: 1000 }),
          ).rejects.toThrow(StorageLimitExceededError);
          expect((await getBytes(key)).bytes.toString()).toBe('small and valid');
        },
        timeout,
      );

      it(
        'stores concurrent puts to different keys without mixing them up',
        async () => {
          const bodies = Array.from({ length: 16 }, (_, i) => ({
            key: newKey('concurrent'),
            stream: createPseudoRandomStream(256 * 1024 + i * 4099, { seed: `concurrent-${i}`, chunkBytes: 16 * 1024 }),
          }));
          const results = await Promise.all(bodies.map(({ key, stream }) => backend().put(key, stream)));
          for (const [i, { key, stream }] of bodies.entries()) {
            expect(results[i]).toEqual({ size: stream.size, sha256: stream.sha256() });
            const read = await hashStream((await backend().get(key)).stream);
            expect(read).toEqual({ size: stream.size, sha256: stream.sha256() });
          }
        },
        timeout,
      );

      const killed = options.spawnKilledWriter;
      (killed ? it : it.skip)(
        'leaves nothing visible after a writer process is killed mid-put',
        async () => {
          const key = newKey('killed-writer');
          await killed!(key);
          await expectNotVisible(key);
        },
        Math.max(timeout, 120_000),
      );
    });

    describe('key validation', () => {
      const body = () => Readable.from([Buffer.from('never stored')]);
      for (const [label, key] of INVALID_KEYS) {
        it(
          `refuses a key with ${label} (${JSON.stringify(key)}) on put, get, exists and delete`,
          async () => {
            await expect(backend().put(key, body())).rejects.toThrow(StorageKeyError);
            await expect(backend().get(key)).rejects.toThrow(StorageKeyError);
            await expect(backend().exists(key)).rejects.toThrow(StorageKeyError);
            await expect(backend().delete(key)).rejects.toThrow(StorageKeyError);
          },
          timeout,
        );
      }
    });

    (largeBytes > 0 ? describe : describe.skip)(`a large object (${largeBytes} bytes)`, () => {
      it(
        `streams put and get with resident memory growing less than ${Math.round(maxRssGrowth / MiB)} MiB`,
        async () => {
          const key = newKey('large');
          const seed = 'large-object';
          try {
            const body = createPseudoRandomStream(largeBytes, { seed });
            const put = await measurePeakRss(() => backend().put(key, body));
            expect(put.result).toEqual({ size: largeBytes, sha256: body.sha256() });

            const get = await measurePeakRss(async () => hashStream((await backend().get(key)).stream));
            expect(get.result).toEqual({ size: largeBytes, sha256: body.sha256() });

            const tail = Math.min(largeBytes, 4096);
            const { result, bytes: read } = await getBytes(key, { start: largeBytes - tail });
            expect(result.size).toBe(largeBytes);
            expect(read.equals(pseudoRandomBytes(tail, { seed, offset: largeBytes - tail }))).toBe(true);

            const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;
            const report = `put: rss growth ${mib(put.growth)} (${put.samples} samples); get: rss growth ${mib(get.growth)} (${get.samples} samples); bound ${mib(maxRssGrowth)}`;
            if (process.env.PORTICO_CONFORMANCE_VERBOSE) console.info(`${name}: ${report}`);
            if (put.growth > maxRssGrowth || get.growth > maxRssGrowth) {
              throw new Error(`resident memory grew beyond the bound; the backend seems to buffer: ${report}`);
            }
          } finally {
            await backend().delete(key);
          }
        },
        options.largeObjectTimeoutMs ?? 600_000,
      );
    });

    it(
      'passes its health check, when it has one',
      async () => {
        const check = backend().healthCheck;
        if (check) await expect(check.call(backend())).resolves.toBeUndefined();
      },
      timeout,
    );
  });
}
