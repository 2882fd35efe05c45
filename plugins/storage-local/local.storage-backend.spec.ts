import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Test } from '@nestjs/testing';
import { STORAGE_BACKEND, StorageKeyError, StorageNotFoundError } from '@portico/plugin-sdk';
import type { StorageBackend } from '@portico/plugin-sdk';
import { runStorageBackendConformance } from '@portico/plugin-sdk/testing';
import { LOCAL_TEMP_FOLDER, LocalDiskStorageBackend, LocalStorageModule } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const compiledIndex = path.join(repoRoot, 'dist/plugins/storage-local/index.js');

/**
 * The killed-writer test runs the compiled plugin in a child process. Build it
 * when dist/ is missing or older than the sources, and fail loudly if that fails.
 */
function ensureCompiledPlugin(): void {
  const sources = [
    'plugins/storage-local/index.ts',
    'plugins/storage-local/local.module.ts',
    'plugins/storage-local/local.storage-backend.ts',
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

async function partFiles(root: string): Promise<Array<{ name: string; size: number }>> {
  const folder = path.join(root, LOCAL_TEMP_FOLDER);
  const names = existsSync(folder) ? await readdir(folder) : [];
  const files = [];
  for (const name of names.filter((n) => n.endsWith('.part'))) {
    try {
      files.push({ name, size: (await stat(path.join(folder, name))).size });
    } catch {
      // renamed or removed meanwhile
    }
  }
  return files;
}

/** Start a child that puts an endless body into `key`, SIGKILL it once 1 MiB has reached disk. */
async function killWriterMidPut(root: string, key: string, observer: StorageBackend): Promise<void> {
  const before = new Set((await partFiles(root)).map((file) => file.name));
  const child = spawn(process.execPath, [path.join(here, 'killed-writer.fixture.mjs'), compiledIndex, root, key], {
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
    let partial: { name: string; size: number } | undefined;
    while (!partial) {
      if (exitedEarly) throw new Error(`the writer process exited before it was killed:\n${output}`);
      if (Date.now() > deadline) throw new Error(`the writer did not write 1 MiB within 30 s:\n${output}`);
      partial = (await partFiles(root)).find((file) => !before.has(file.name) && file.size >= 1024 * 1024);
      if (!partial) await sleep(20);
    }
    // Mid-write, from another process, the key is not visible either.
    expect(await observer.exists(key)).toBe(false);

    child.kill('SIGKILL');
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
    // The killed writer left its partial file behind, which is the point of the test.
    const left = (await partFiles(root)).find((file) => file.name === partial.name);
    expect(left?.size).toBeGreaterThanOrEqual(1024 * 1024);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

let conformanceRoot = '';
let conformanceBackend: LocalDiskStorageBackend;

beforeAll(() => ensureCompiledPlugin(), 300_000);

runStorageBackendConformance(
  'LocalDiskStorageBackend',
  async () => {
    conformanceRoot = await mkdtemp(path.join(os.tmpdir(), 'portico-storage-local-'));
    conformanceBackend = new LocalDiskStorageBackend({ root: conformanceRoot });
    return {
      backend: conformanceBackend,
      cleanup: () => rm(conformanceRoot, { recursive: true, force: true }),
    };
  },
  {
    spawnKilledWriter: (key) => killWriterMidPut(conformanceRoot, key, conformanceBackend),
  },
);

describe('LocalDiskStorageBackend, beyond the conformance kit', () => {
  let root: string;
  let outside: string;
  let backend: LocalDiskStorageBackend;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'portico-storage-local-root-'));
    outside = await mkdtemp(path.join(os.tmpdir(), 'portico-storage-local-outside-'));
    backend = new LocalDiskStorageBackend({ root });
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('stores a key as the file under the root that the key names', async () => {
    await backend.put('firms/7/documents/a.txt', Readable.from([Buffer.from('hello')]));
    expect(statSync(path.join(root, 'firms/7/documents/a.txt')).size).toBe(5);
    expect(await readdir(path.join(root, LOCAL_TEMP_FOLDER))).toEqual([]);
  });

  it('refuses keys that reach the outside through a symbolic link inside the root', async () => {
    await writeFile(path.join(outside, 'secret.txt'), 'secret');
    await symlink(outside, path.join(root, 'escape'));
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'secret-link'));

    await expect(backend.get('escape/secret.txt')).rejects.toThrow(StorageKeyError);
    await expect(backend.exists('escape/secret.txt')).rejects.toThrow(StorageKeyError);
    await expect(backend.get('secret-link')).rejects.toThrow(StorageKeyError);
    await expect(backend.put('escape/new.txt', Readable.from([Buffer.from('x')]))).rejects.toThrow(StorageKeyError);
    await expect(backend.put('escape/deeper/new.txt', Readable.from([Buffer.from('x')]))).rejects.toThrow(StorageKeyError);
    await expect(backend.delete('escape/secret.txt')).rejects.toThrow(StorageKeyError);

    expect(await readdir(outside)).toEqual(['secret.txt']);
    expect(await readdir(path.join(root, LOCAL_TEMP_FOLDER))).toEqual([]);
  });

  it('serves a symbolic link that stays inside the root', async () => {
    await backend.put('real/file.txt', Readable.from([Buffer.from('inside')]));
    await symlink(path.join(root, 'real'), path.join(root, 'alias'));
    const { stream } = await backend.get('alias/file.txt');
    expect(Buffer.concat(await stream.toArray()).toString()).toBe('inside');
  });

  it('never exposes writes in progress: the temporary folder is not addressable', async () => {
    await mkdir(path.join(root, LOCAL_TEMP_FOLDER), { recursive: true });
    await writeFile(path.join(root, LOCAL_TEMP_FOLDER, 'orphan.part'), 'partial');
    await expect(backend.get(`${LOCAL_TEMP_FOLDER}/orphan.part`)).rejects.toThrow(StorageKeyError);
    await expect(backend.exists(`${LOCAL_TEMP_FOLDER}/orphan.part`)).rejects.toThrow(StorageKeyError);
    await expect(backend.put(`${LOCAL_TEMP_FOLDER}/x`, Readable.from([Buffer.from('x')]))).rejects.toThrow(StorageKeyError);
  });

  it('refuses a key whose folder is already an object, leaving no temporary file', async () => {
    await backend.put('a/b', Readable.from([Buffer.from('file')]));
    await expect(backend.put('a/b/c', Readable.from([Buffer.from('x')]))).rejects.toThrow(StorageKeyError);
    await expect(backend.put('a', Readable.from([Buffer.from('x')]))).rejects.toThrow(StorageKeyError);
    await expect(backend.get('a/b/c')).rejects.toThrow(StorageNotFoundError);
    expect(await readdir(path.join(root, LOCAL_TEMP_FOLDER))).toEqual([]);
  });

  it('removes the temporary file when the body fails', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(100_000));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(backend.put('x/y', failing)).rejects.toThrow('client went away');
    expect(await readdir(path.join(root, LOCAL_TEMP_FOLDER))).toEqual([]);
  });

  it('sweeps only temporary files older than the given age', async () => {
    const temp = path.join(root, LOCAL_TEMP_FOLDER);
    await mkdir(temp, { recursive: true });
    await writeFile(path.join(temp, 'stale.part'), 'left by a killed writer');
    await writeFile(path.join(temp, 'fresh.part'), 'a write in progress');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(path.join(temp, 'stale.part'), anHourAgo, anHourAgo);
    await backend.put('kept', Readable.from([Buffer.from('object')]));

    expect(await backend.sweepTemporaryFiles(10 * 60_000)).toBe(1);
    expect(await readdir(temp)).toEqual(['fresh.part']);
    expect(await backend.exists('kept')).toBe(true);
  });

  it('passes its health check and leaves no probe behind', async () => {
    await backend.healthCheck();
    expect(await readdir(path.join(root, LOCAL_TEMP_FOLDER))).toEqual([]);
  });

  it('creates a missing root, and fails the health check on a root it cannot create', async () => {
    const nested = new LocalDiskStorageBackend({ root: path.join(root, 'not/yet/there') });
    await nested.healthCheck();
    await writeFile(path.join(root, 'a-file'), '');
    const impossible = new LocalDiskStorageBackend({ root: path.join(root, 'a-file/files') });
    await expect(impossible.healthCheck()).rejects.toThrow();
  });

  it('is provided by LocalStorageModule under the STORAGE_BACKEND token', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [LocalStorageModule.register({ root })],
    }).compile();
    const provided = moduleRef.get<StorageBackend>(STORAGE_BACKEND);
    expect(provided).toBeInstanceOf(LocalDiskStorageBackend);
    expect(provided.driver).toBe('local');
    expect(moduleRef.get(LocalDiskStorageBackend)).toBe(provided);
    await moduleRef.close();
  });
});
