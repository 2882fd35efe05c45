// Started by local.storage-backend.spec.ts to prove that a writer killed mid-put
// leaves nothing visible: it imports the COMPILED plugin, then streams an endless,
// slow body into one key until the test kills it with SIGKILL.
// Usage: node killed-writer.fixture.mjs <dist/plugins/storage-local/index.js> <root> <key>
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

const [compiledIndex, root, key] = process.argv.slice(2);
const { LocalDiskStorageBackend } = await import(pathToFileURL(compiledIndex).href);
const backend = new LocalDiskStorageBackend({ root });

const endless = new Readable({
  read() {
    setTimeout(() => this.push(randomBytes(64 * 1024)), 2);
  },
});
process.stdout.write('writing\n');
await backend.put(key, endless);
process.stderr.write('put resolved, which an endless body must never do\n');
process.exit(3);
