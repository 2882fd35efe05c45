import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Test } from '@nestjs/testing';
import { STORAGE_BACKEND, StorageKeyError, StorageLimitExceededError, StorageNotFoundError } from '@portico/plugin-sdk';
import type { StorageBackend } from '@portico/plugin-sdk';
import { createPseudoRandomStream, pseudoRandomBytes, runStorageBackendConformance } from '@portico/plugin-sdk/testing';
import { createTestEnvironment } from '@portico/testing';
import { S3StorageBackend, S3StorageModule } from './index.js';
import type { S3StorageOptions } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const compiledIndex = path.join(repoRoot, 'dist/plugins/storage-s3/index.js');
const MiB = 1024 * 1024;
const BUCKET = 'portico-test';
/** s3rver's one account. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * The killed-writer test runs the compiled plugin in a child process. Build it
 * when dist/ is missing or older than the sources, and fail loudly if that fails.
 */
function ensureCompiledPlugin(): void {
  const sources = [
    'plugins/storage-s3/index.ts',
    'plugins/storage-s3/s3.module.ts',
    'plugins/storage-s3/s3.storage-backend.ts',
    'libs/plugin-sdk/src/index.ts',
    'libs/plugin-sdk/src/storage/storage-backend.ts',
  ];
  const outputOf = (source: string) => path.join(repoRoot, 'dist', source.replace(/\.ts$/, '.js'));
  const stale = sources.filter((source) => {
    const output = outputOf(source);
    return !existsSync(output) || statSync(output).mtimeMs < statSync(path.join(repoRoot, source)).mtimeMs;
  });
  if (stale.length === 0) return;
  const build = spawnSync('npm', ['run', 'build:server'], { cwd: repoRoot, encoding: 'utf8', timeout: 280_000 });
  const stillStale = sources.filter((source) => !existsSync(outputOf(source)));
  if (build.status !== 0 || stillStale.length > 0) {
    throw new Error(
      `The compiled plugin (${path.relative(repoRoot, compiledIndex)}) is missing or older than its sources ` +
        `(${stale.join(', ')}), and "npm run build:server" failed (exit ${build.status}). ` +
        `Fix the build and run it before this test.\n${(build.stdout ?? '').slice(-4000)}\n${(build.stderr ?? '').slice(-4000)}`,
    );
  }
}

/** s3rver (see s3rver.fixture.mjs) in a child process, on a free port, storing under a temporary folder. */
interface S3rverProcess {
  endpoint: string;
  stop(): Promise<void>;
}

async function startS3rver(bucket: string): Promise<S3rverProcess> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'portico-s3rver-'));
  const child = spawn(process.execPath, [path.join(here, 's3rver.fixture.mjs'), directory, bucket]);
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const ready = /\{"port":(\d+)\}/.exec(output);
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited (${code}) before listening:\n${output}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.stdin.end(); // the fixture exits when its standard input closes
        await exited;
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}

let server: S3rverProcess;
const optionsFor = (keyPrefix: string, extra: Partial<S3StorageOptions> = {}): S3StorageOptions => ({
  bucket: BUCKET,
  endpoint: server.endpoint,
  credentials: CREDENTIALS,
  keyPrefix,
  ...extra,
});

/** Uploads in progress (started, neither completed nor aborted) whose key starts with `prefix`. */
async function pendingUploads(backend: S3StorageBackend, prefix: string) {
  const page = await backend.client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: prefix }));
  return page.Uploads ?? [];
}

/**
 * Start a child that puts an endless body into `key`, and SIGKILL it once the
 * server holds at least one part of its multipart upload.
 */
async function killWriterMidPut(backend: S3StorageBackend, key: string): Promise<void> {
  const objectKey = backend.objectKey(key);
  const options = JSON.stringify({ ...optionsFor(backend.keyPrefix) });
  const child = spawn(process.execPath, [path.join(here, 'killed-writer.fixture.mjs'), compiledIndex, options, key], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));

  try {
    const deadline = Date.now() + 30_000;
    let uploadId: string | undefined;
    for (;;) {
      if (exitedEarly) throw new Error(`the writer process exited before it was killed:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the writer did not upload a part within 30 s:\n${output}`);
      uploadId = (await pendingUploads(backend, objectKey)).find((upload) => upload.Key === objectKey)?.UploadId;
      if (uploadId) {
        const parts = await backend.client.send(new ListPartsCommand({ Bucket: BUCKET, Key: objectKey, UploadId: uploadId }));
        if ((parts.Parts ?? []).length > 0) break;
      }
      await sleep(20);
    }
    // Mid-write, from another process, the key is not visible either.
    expect(await backend.exists(key)).toBe(false);

    child.kill('SIGKILL');
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
    // The killed writer left its incomplete upload behind (never an object), which is the point of the test.
    expect((await pendingUploads(backend, objectKey)).map((upload) => upload.UploadId)).toContain(uploadId);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  ensureCompiledPlugin();
  server = await startS3rver(BUCKET);
}, 300_000);

afterAll(() => server?.stop());

let conformanceBackend: S3StorageBackend;

runStorageBackendConformance(
  'S3StorageBackend',
  async () => {
    // Every key the kit writes goes under a prefix, so the kit also proves the prefix mapping.
    conformanceBackend = new S3StorageBackend(optionsFor('conformance'));
    return { backend: conformanceBackend, cleanup: async () => conformanceBackend.onModuleDestroy() };
  },
  {
    // The 1 GiB default takes about 18 s through s3rver, so it is kept. Memory: lib-storage
    // holds up to queueSize (4) parts of 8 MiB in flight plus the part being filled, and
    // copies each part once (Buffer.concat); V8 frees those 8 MiB buffers only at a major
    // GC, which it starts after about 64 MiB of such garbage. Resident memory therefore
    // grows by 80–140 MiB (measured) for a 256 MiB and for a 1 GiB object alike: flat, the
    // body is never held whole. The default bound of 96 MiB sits inside that range; 192 MiB
    // is still far below the 1 GiB that buffering the object would take.
    maxRssGrowthBytes: 192 * MiB,
    spawnKilledWriter: (key) => killWriterMidPut(conformanceBackend, key),
  },
);

describe('S3StorageBackend, beyond the conformance kit', () => {
  let backend: S3StorageBackend;
  beforeAll(() => {
    backend = new S3StorageBackend(optionsFor('extra'));
  });
  afterAll(() => backend.onModuleDestroy());

  const raw = async (objectKey: string) => {
    const output = await backend.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: objectKey }));
    return { contentType: output.ContentType, text: await output.Body!.transformToString() };
  };

  it('stores a key as the object <prefix>/<key>, with its content type', async () => {
    await backend.put('firms/7/documents/a.txt', Readable.from([Buffer.from('hello')]), { contentType: 'text/plain' });
    expect(await raw('extra/firms/7/documents/a.txt')).toEqual({ contentType: 'text/plain', text: 'hello' });
  });

  it('keeps backends with different prefixes apart in one bucket', async () => {
    const a = new S3StorageBackend(optionsFor('tenant-a/'));
    const b = new S3StorageBackend(optionsFor('tenant-b'));
    const bare = new S3StorageBackend(optionsFor(''));
    try {
      await a.put('same/key', Readable.from([Buffer.from('from a')]));
      await b.put('same/key', Readable.from([Buffer.from('from b')]));
      expect(await bare.exists('same/key')).toBe(false);
      expect(Buffer.concat(await (await a.get('same/key')).stream.toArray()).toString()).toBe('from a');
      await b.delete('same/key');
      await expect(b.get('same/key')).rejects.toThrow(StorageNotFoundError);
      expect(await a.exists('same/key')).toBe(true);
      // Without a prefix, keys are the bucket's object keys.
      expect(await bare.exists('tenant-a/same/key')).toBe(true);
      const listed = await backend.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'tenant-' }));
      expect((listed.Contents ?? []).map((object) => object.Key)).toEqual(['tenant-a/same/key']);
    } finally {
      await a.delete('same/key');
      for (const one of [a, b, bare]) one.onModuleDestroy();
    }
  });

  it('serves ranges across the parts of a multipart object', async () => {
    const size = 2 * 8 * MiB + 1000; // three parts
    const key = 'multipart/ranges.bin';
    const body = createPseudoRandomStream(size, { seed: 'parts', chunkBytes: 256 * 1024 });
    expect(await backend.put(key, body)).toEqual({ size, sha256: body.sha256() });
    for (const [start, end] of [
      [8 * MiB - 10, 8 * MiB + 9],
      [16 * MiB - 1, size + 50],
      [0, 0],
    ]) {
      const { stream, range, size: total } = await backend.get(key, { start, end });
      const served = Buffer.concat(await stream.toArray());
      const last = Math.min(end, size - 1);
      expect({ range, total }).toEqual({ range: { start, end: last }, total: size });
      expect(served.equals(pseudoRandomBytes(last - start + 1, { seed: 'parts', offset: start }))).toBe(true);
    }
    await backend.delete(key);
  });

  it('aborts the multipart upload when the body fails after some parts: no object, no upload left', async () => {
    const key = 'interrupted/source-error.bin';
    const body = createPseudoRandomStream(40 * MiB, { seed: 'fails', failAfterBytes: 20 * MiB + 3, error: new Error('client went away') });
    await expect(backend.put(key, body)).rejects.toThrow('client went away');
    expect(body.destroyed).toBe(true);
    expect(await backend.exists(key)).toBe(false);
    expect(await pendingUploads(backend, 'extra/interrupted/')).toEqual([]);
  });

  it('aborts the multipart upload when the body exceeds maxBytes: no object, no upload left', async () => {
    const key = 'interrupted/too-long.bin';
    const body = createPseudoRandomStream(40 * MiB, { seed: 'too-long' });
    await expect(backend.put(key, body, { maxBytes: 20 * MiB })).rejects.toThrow(StorageLimitExceededError);
    expect(await backend.exists(key)).toBe(false);
    expect(await pendingUploads(backend, 'extra/interrupted/')).toEqual([]);
  });

  it('fails a put (without hanging) when S3 refuses it, and stops reading the body', async () => {
    const missing = new S3StorageBackend({ ...optionsFor('extra'), bucket: 'no-such-bucket' });
    try {
      const body = createPseudoRandomStream(64 * MiB, { seed: 'refused' });
      await expect(missing.put('x.bin', body)).rejects.toThrow(/bucket/i);
      expect(body.destroyed).toBe(true);
      expect(body.bytesEmitted).toBeLessThan(64 * MiB);
      await expect(missing.healthCheck()).rejects.toThrow(/bucket/i);
    } finally {
      missing.onModuleDestroy();
    }
  });

  it('fails its health check when the server does not answer', async () => {
    const nowhere = new S3StorageBackend({ ...optionsFor(''), endpoint: `http://127.0.0.1:${await closedPort()}` });
    try {
      await expect(nowhere.healthCheck()).rejects.toThrow();
    } finally {
      nowhere.onModuleDestroy();
    }
  });

  it('aborts incomplete uploads under its prefix older than the given age, and no others', async () => {
    const start = async (objectKey: string) => {
      const { UploadId } = await backend.client.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: objectKey }));
      await backend.client.send(
        new UploadPartCommand({ Bucket: BUCKET, Key: objectKey, UploadId, PartNumber: 1, Body: Buffer.alloc(1024) }),
      );
      return UploadId;
    };
    await start('extra/abandoned/a.bin');
    const elsewhere = await start('not-extra/abandoned/b.bin');
    const other = new S3StorageBackend(optionsFor('not-extra'));
    try {
      expect(await backend.abortIncompleteUploads(3_600_000)).toBe(0);
      expect(await backend.abortIncompleteUploads(0)).toBe(1);
      expect(await pendingUploads(backend, 'extra/abandoned/')).toEqual([]);
      expect((await pendingUploads(backend, 'not-extra/')).map((upload) => upload.UploadId)).toEqual([elsewhere]);
    } finally {
      await other.abortIncompleteUploads(0);
      other.onModuleDestroy();
    }
  });

  it('refuses a key that S3 cannot hold once prefixed, and checks its options', async () => {
    const longest = 'k'.repeat(1024);
    expect(new S3StorageBackend(optionsFor('')).objectKey(longest)).toBe(longest);
    await expect(backend.exists(longest)).rejects.toThrow(StorageKeyError);
    await expect(backend.get('é'.repeat(600))).rejects.toThrow(StorageKeyError); // 1200 bytes of UTF-8
    expect(() => new S3StorageBackend({ ...optionsFor('../up') })).toThrow(/keyPrefix/);
    expect(() => new S3StorageBackend({ ...optionsFor(''), partSizeBytes: MiB })).toThrow(/partSizeBytes/);
    expect(() => new S3StorageBackend({ ...optionsFor(''), bucket: '' })).toThrow(/bucket/);
  });

  it('is provided by S3StorageModule under STORAGE_BACKEND, and closes its client on shutdown', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [S3StorageModule.register(optionsFor('module'))] }).compile();
    let destroyed = 0;
    try {
      const provided = moduleRef.get<StorageBackend>(STORAGE_BACKEND);
      expect(provided).toBeInstanceOf(S3StorageBackend);
      expect(provided.driver).toBe('s3');
      expect(moduleRef.get(S3StorageBackend)).toBe(provided);
      const { client } = provided as S3StorageBackend;
      const destroy = client.destroy.bind(client);
      client.destroy = () => {
        destroyed += 1;
        destroy();
      };
    } finally {
      await moduleRef.close();
    }
    expect(destroyed).toBe(1);
  });
});

describe('STORAGE_DRIVER=s3, from configuration alone', () => {
  it('boots Portico on the bucket and reports the storage up in /api/health', async () => {
    const env = await createTestEnvironment({
      STORAGE_DRIVER: 's3',
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: server.endpoint,
      S3_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      S3_KEY_PREFIX: 'wiring',
    });
    try {
      const backend = env.app.get<S3StorageBackend>(STORAGE_BACKEND);
      expect(backend).toBeInstanceOf(S3StorageBackend);
      expect(backend.keyPrefix).toBe('wiring/');
      const res = await env.request('GET', '/api/health');
      expect(res.status).toBe(200);
      expect(res.json().details.storage).toEqual({ status: 'up', driver: 's3' });
      // The probe is removed again.
      const left = await backend.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'wiring/' }));
      expect(left.Contents ?? []).toEqual([]);
    } finally {
      await env.close();
    }
  });
});
