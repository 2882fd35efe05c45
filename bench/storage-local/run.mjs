// Benchmark of the storage-local plugin (LocalDiskStorageBackend) against the
// tools it competes with, on the same bytes:
//   put  vs  cp, cp + sync (fsync), sha256sum
//   get  vs  cat > /dev/null
// plus the peak resident memory of a put and a get.
//
// Usage: npm run bench:storage-local [-- --size=2G --repeat=3 --dir=/path]
//    or: BENCH_SIZE=512M BENCH_REPEAT=1 BENCH_DIR=/var/tmp npm run bench:storage-local
// Needs the compiled plugin (dist/); runs `npm run build:server` when it is missing.
// Internal: `run.mjs --child <root> <source>` is one put + get, for /usr/bin/time -v.
import { spawnSync } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const compiledPlugin = path.join(repoRoot, 'dist/plugins/storage-local/index.js');
const MiB = 1024 * 1024;

function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(String(text).trim());
  if (!match) throw new Error(`cannot read the size "${text}"; write e.g. 2G, 512M or 1048576`);
  const unit = { '': 1, k: 1024, m: MiB, g: 1024 * MiB }[match[2].toLowerCase()];
  return Math.round(Number(match[1]) * unit);
}

function option(name, fallback) {
  const flag = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return flag ? flag.slice(name.length + 3) : (process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
}

async function loadPlugin() {
  if (!existsSync(compiledPlugin)) {
    console.log('dist/ has no compiled plugin: running npm run build:server …');
    const build = spawnSync('npm', ['run', 'build:server'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0 || !existsSync(compiledPlugin)) {
      console.error('npm run build:server failed; fix the build, then run the bench again.');
      process.exit(1);
    }
  }
  return import(pathToFileURL(compiledPlugin).href);
}

/** Sample this process's RSS every 5 ms while `work` runs; also consult the lifetime maximum. */
async function withPeakRss(work) {
  settle();
  const start = process.memoryUsage.rss();
  const startMax = process.resourceUsage().maxRSS * 1024;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  try {
    const began = process.hrtime.bigint();
    const result = await work();
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    peak = Math.max(peak, process.memoryUsage.rss());
    const endMax = process.resourceUsage().maxRSS * 1024;
    if (endMax > startMax) peak = Math.max(peak, endMax);
    return { result, seconds, startRss: start, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

// Flush every dirty page first, so that no measurement pays for the writeback of the one before.
const settle = () => spawnSync('sync');

function timeCommand(shellCommand, args) {
  settle();
  const began = process.hrtime.bigint();
  const run = spawnSync('sh', ['-c', shellCommand, 'sh', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`"${shellCommand}" failed (exit ${run.status})`);
  return Number(process.hrtime.bigint() - began) / 1e9;
}

const devNull = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });

async function generate(file, size) {
  const cipher = createCipheriv('aes-256-ctr', randomBytes(32), randomBytes(16));
  const zeroes = Buffer.alloc(MiB);
  let left = size;
  const source = Readable.from(
    (function* () {
      while (left > 0) {
        const n = Math.min(left, zeroes.length);
        left -= n;
        yield cipher.update(zeroes.subarray(0, n));
      }
    })(),
  );
  await pipeline(source, createWriteStream(file, { flush: true }));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// One put and one full get in a fresh process, so that /usr/bin/time -v reports its peak RSS.
async function child(root, source) {
  const { LocalDiskStorageBackend } = await loadPlugin();
  const backend = new LocalDiskStorageBackend({ root });
  await backend.put('child/object', createReadStream(source));
  await pipeline((await backend.get('child/object')).stream, devNull());
  await backend.delete('child/object');
}

function maxRssOfProcess(args) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  const kib = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
  return kib ? Number(kib) * 1024 : undefined;
}

async function main() {
  const size = parseSize(option('size', '2G'));
  const repeat = Number(option('repeat', '3'));
  const { LocalDiskStorageBackend } = await loadPlugin();
  const dir = await mkdtemp(path.join(option('dir', os.tmpdir()), 'portico-bench-storage-local-'));
  const root = path.join(dir, 'root');
  const source = path.join(dir, 'source.bin');
  const copy = path.join(dir, 'copy.bin');
  const mib = (bytes) => (bytes / MiB).toFixed(1);
  const rate = (seconds) => size / MiB / seconds;
  const rows = [];
  const record = (name, seconds) => {
    rows.push({ name, seconds: median(seconds), runs: seconds });
    const all = seconds.map((s) => s.toFixed(2)).join(' / ');
    console.log(`  ${name.padEnd(28)} ${median(seconds).toFixed(2).padStart(6)} s ${rate(median(seconds)).toFixed(0).padStart(6)} MiB/s   (runs: ${all} s)`);
  };

  const cleanup = () => rm(dir, { recursive: true, force: true });
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));
  try {
    console.log(`storage-local bench: ${mib(size)} MiB, median of ${repeat} run(s), in ${dir}`);
    console.log('  (every measurement starts after a global sync; the source file stays in the page cache)');
    await generate(source, size);
    console.log(`  generated ${mib((await stat(source)).size)} MiB of random bytes (page-cached from here on)`);

    const backend = new LocalDiskStorageBackend({ root });
    const puts = [];
    const bigPuts = [];
    const gets = [];
    const putRss = [];
    const getRss = [];
    const times = { sha256sum: [], cp: [], cpSync: [], cat: [], dd: [] };
    let storedFile;
    for (let run = 0; run < repeat; run += 1) {
      times.sha256sum.push(timeCommand('sha256sum "$1" > /dev/null', [source]));
      times.cp.push(timeCommand('cp "$1" "$2"', [source, copy]));
      await rm(copy);
      times.cpSync.push(timeCommand('cp "$1" "$2" && sync "$2"', [source, copy]));
      await rm(copy);

      // A 64 KiB-chunk source, like an HTTP upload, then a 1 MiB-chunk one: the backend's ceiling.
      const put = await withPeakRss(() => backend.put('bench/object', createReadStream(source)));
      if (put.result.size !== size) throw new Error(`put stored ${put.result.size} bytes, not ${size}`);
      puts.push(put.seconds);
      putRss.push(put);
      await backend.delete('bench/object');
      const bigPut = await withPeakRss(() =>
        backend.put('bench/object', createReadStream(source, { highWaterMark: MiB })),
      );
      bigPuts.push(bigPut.seconds);
      putRss.push(bigPut);

      const get = await withPeakRss(async () => pipeline((await backend.get('bench/object')).stream, devNull()));
      gets.push(get.seconds);
      getRss.push(get);
      storedFile = path.join(root, 'bench/object');
      times.cat.push(timeCommand('cat "$1" > /dev/null', [storedFile]));
      // GNU cat may hand the copy to the kernel; dd reads every byte into user space, as get does.
      times.dd.push(timeCommand('dd if="$1" of=/dev/null bs=256K status=none', [storedFile]));
      if (run < repeat - 1) await backend.delete('bench/object');
    }
    const sha = spawnSync('sha256sum', [storedFile], { encoding: 'utf8' }).stdout.split(' ')[0];
    if (sha !== putRss.at(-1).result.sha256) throw new Error('the sha256 from put differs from sha256sum');

    console.log('');
    record('sha256sum (hash only)', times.sha256sum);
    record('cp (no fsync)', times.cp);
    record('cp + sync (fsync)', times.cpSync);
    record('put, 64 KiB source chunks', puts);
    record('put, 1 MiB source chunks', bigPuts);
    record('cat > /dev/null', times.cat);
    record('dd bs=256K of=/dev/null', times.dd);
    record('get, whole object', gets);

    const ratio = (ours, theirs) => `${((median(theirs) / median(ours)) * 100).toFixed(0)} %`;
    console.log('');
    for (const [label, list] of [['64 KiB chunks', puts], ['1 MiB chunks', bigPuts]]) {
      console.log(`  put (${label}) throughput = ${ratio(list, times.cp)} of cp, ${ratio(list, times.cpSync)} of cp + sync, ${ratio(list, times.sha256sum)} of sha256sum`);
    }
    console.log(`  get throughput = ${ratio(gets, times.cat)} of cat > /dev/null, ${ratio(gets, times.dd)} of dd bs=256K`);
    const growth = (samples) => Math.max(...samples.map((s) => s.peakRss - s.startRss));
    const peak = (samples) => Math.max(...samples.map((s) => s.peakRss));
    console.log(`  bench process RSS: put peak ${mib(peak(putRss))} MiB (growth ${mib(growth(putRss))} MiB), get peak ${mib(peak(getRss))} MiB (growth ${mib(growth(getRss))} MiB)`);

    const self = fileURLToPath(import.meta.url);
    const baseline = maxRssOfProcess(['-e', `await import(${JSON.stringify(pathToFileURL(compiledPlugin).href)})`, '--input-type=module']);
    const childMax = maxRssOfProcess([self, '--child', path.join(dir, 'child-root'), source]);
    if (baseline !== undefined && childMax !== undefined) {
      console.log(`  /usr/bin/time -v max RSS: node + plugin loaded ${mib(baseline)} MiB; one ${mib(size)} MiB put + get ${mib(childMax)} MiB`);
    }
    const facts = {
      node: process.version,
      nproc: os.availableParallelism(),
      cpu: os.cpus()[0]?.model,
      memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
      filesystem: spawnSync('df', ['-hT', dir], { encoding: 'utf8' }).stdout.trim().split('\n').at(-1),
      date: new Date().toISOString(),
    };
    console.log('');
    console.log(JSON.stringify({ facts, size, repeat, rows, putPeakRss: peak(putRss), getPeakRss: peak(getRss), baseline, childMax }, null, 2));
  } finally {
    await cleanup();
  }
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
