// Benchmark of sign-in and signed-in requests through the real HTTP stack of the
// compiled API, on the embedded footprint (SQLite, database queue):
//   - sign-in latency for a right password, a wrong password and an unknown
//     address (the last two must look alike: same answer, about the same time);
//   - refresh (rotation) latency;
//   - throughput of an authenticated GET /api/v1/staff/me (JWT check + the
//     per-request session lookup that makes revocation immediate).
//
// Usage: npm run bench:identity [-- --samples=40 --seconds=5 --concurrency=16]
// Needs dist/ (runs `npm run build:server` when it is missing).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const SAMPLES = Number(args.samples ?? 40);
const SECONDS = Number(args.seconds ?? 5);
const CONCURRENCY = Number(args.concurrency ?? 16);

if (!existsSync(path.join(repoRoot, 'dist/apps/api/src/main.js'))) {
  spawnSync('npm', ['run', 'build:server'], { cwd: repoRoot, stdio: 'inherit' });
}

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-bench-identity-'));
const env = {
  PATH: process.env.PATH, NODE_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn',
  SECRET_KEY: randomBytes(32).toString('base64url'), RUN_SCHEDULER: 'false',
  // Each sample comes "from" its own address (X-Forwarded-For) so the per-IP limit does not interfere.
  TRUST_PROXY: 'true',
};
const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
api.stdout.on('data', (d) => (out += d));
api.stderr.on('data', (d) => (out += d));
const stop = () => api.kill('SIGTERM');
process.on('exit', () => {
  stop();
  rmSync(dataDir, { recursive: true, force: true });
});

for (let i = 0; !/listening on/.test(out); i++) {
  if (i > 600) throw new Error(`the API did not start:\n${out}`);
  await new Promise((r) => setTimeout(r, 100));
}
const cli = spawnSync(process.execPath, ['dist/apps/api/src/cli.js', 'firm:create', '--name', 'Bench CPA', '--slug', 'bench', '--admin-email', 'admin@bench.test', '--admin-name', 'Bea Lindqvist'], { cwd: repoRoot, env, encoding: 'utf8' });
const temporary = cli.stdout.match(/Temporary password[^\n]*\n\s*(\S+)/)?.[1];
if (!temporary) throw new Error(`firm:create failed:\n${cli.stdout}${cli.stderr}`);

const host = `bench.localhost:${port}`;
let ipCounter = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** One request with the firm's Host header (fetch cannot set Host). */
function call(method, p, { body, token, cookie } = {}) {
  ipCounter++;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, path: p, method, agent,
      headers: {
        host, 'x-forwarded-for': `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
        ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}), ...(cookie ? { cookie } : {}),
      },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, json: () => JSON.parse(text), setCookie: [].concat(res.headers['set-cookie'] ?? [])[0] ?? null }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

// The admin replaces the temporary password (as at a first sign-in).
const PASSWORD = 'numbers measure patient work';
const first = (await call('POST', '/api/v1/auth/staff/sign-in', { body: { email: 'admin@bench.test', password: temporary } })).json();
const changed = await call('POST', '/api/v1/auth/staff/challenge/password', { body: { challengeToken: first.challengeToken, newPassword: PASSWORD } });
if (changed.json().status !== 'signed-in') throw new Error(`could not sign in: ${JSON.stringify(changed.json())}`);

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const summary = (xs) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms`;

async function timeSignIns(label, email, password, expectStatus) {
  const times = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = process.hrtime.bigint();
    const res = await call('POST', '/api/v1/auth/staff/sign-in', { body: { email: typeof email === 'function' ? email(i) : email, password } });
    times.push(ms(t0));
    if (res.status !== expectStatus) throw new Error(`${label}: expected ${expectStatus}, got ${res.status}`);
  }
  return times;
}

const right = await timeSignIns('right password', 'admin@bench.test', PASSWORD, 200);
// A wrong password for the real account; the per-account limit (5 failures / 15 min) is reset
// by a successful sign-in, so each timed failure is followed by an untimed success.
const wrong = [];
for (let i = 0; i < SAMPLES; i++) {
  const t0 = process.hrtime.bigint();
  const res = await call('POST', '/api/v1/auth/staff/sign-in', { body: { email: 'admin@bench.test', password: 'not the password at all' } });
  wrong.push(ms(t0));
  if (res.status !== 401) throw new Error(`wrong password: expected 401, got ${res.status}`);
  await call('POST', '/api/v1/auth/staff/sign-in', { body: { email: 'admin@bench.test', password: PASSWORD } });
}
const unknown = await timeSignIns('unknown address', (i) => `nobody${i}@bench.test`, 'not the password at all', 401);

// Refresh: each rotation spends the cookie and sets the next one.
const signedIn = await call('POST', '/api/v1/auth/staff/sign-in', { body: { email: 'admin@bench.test', password: PASSWORD } });
let cookie = signedIn.setCookie.split(';')[0];
const refresh = [];
for (let i = 0; i < SAMPLES; i++) {
  const t0 = process.hrtime.bigint();
  const res = await call('POST', '/api/v1/auth/staff/refresh', { cookie });
  refresh.push(ms(t0));
  if (res.status !== 200) throw new Error(`refresh failed: ${res.status}`);
  cookie = res.setCookie.split(';')[0];
}

// Throughput of an authenticated read.
const token = signedIn.json().accessToken;
let done = 0;
const latencies = [];
const until = Date.now() + SECONDS * 1000;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (Date.now() < until) {
    const t0 = process.hrtime.bigint();
    const res = await call('GET', '/api/v1/staff/me', { token });
    latencies.push(ms(t0));
    if (res.status !== 200) throw new Error(`GET /staff/me: ${res.status}`);
    done++;
  }
}));

const cpu = os.cpus();
console.log(`Machine: ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, SQLite footprint`);
console.log(`sign-in, right password   (${SAMPLES}): ${summary(right)}`);
console.log(`sign-in, wrong password   (${SAMPLES}): ${summary(wrong)}`);
console.log(`sign-in, unknown address  (${SAMPLES}): ${summary(unknown)}`);
console.log(`refresh (rotation)        (${SAMPLES}): ${summary(refresh)}`);
console.log(`GET /api/v1/staff/me, ${CONCURRENCY} concurrent, ${SECONDS} s: ${(done / SECONDS).toFixed(0)} req/s, ${summary(latencies)}`);
stop();
process.exit(0);
