// `npm start`: build what is missing or stale, then run the API (or `worker`, or `cli …`).
// A fresh clone needs nothing else: SQLite, the database queue, local files and the mail outbox.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [role = 'api', ...rest] = process.argv.slice(2);

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

function stampAge(stamp) {
  return existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
}

function build(script, stamp, sources) {
  const built = stampAge(stamp);
  const changed = Math.max(...sources.map((s) => newest(join(root, s))));
  if (built >= changed) return;
  console.log(`Building (${script}) …`);
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}

build('build:server', join(root, 'dist/.build-stamp'), ['apps', 'libs', 'plugins', 'tsconfig.json', 'tsconfig.build.json']);
if (role === 'api') build('build:web', join(root, 'frontend/dist/.build-stamp'), ['frontend/src', 'frontend/angular.json']);

const entry = { api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js', cli: 'dist/apps/api/src/cli.js' }[role];
if (!entry) {
  console.error(`Unknown role "${role}": use api, worker or cli`);
  process.exit(64);
}
const r = spawnSync(process.execPath, [join(root, entry), ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
