// Started by s3.storage-backend.spec.ts to prove that a writer killed mid-put
// leaves nothing visible: it imports the COMPILED plugin, then streams an endless,
// slow body into one key until the test kills it with SIGKILL.
// Usage: node killed-writer.fixture.mjs <dist/plugins/storage-s3/index.js> <options as JSON> <key>
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

const [compiledIndex, options, key] = process.argv.slice(2);
const { S3StorageBackend } = await import(pathToFileURL(compiledIndex).href);
const backend = new S3StorageBackend(JSON.parse(options));

const endless = new Readable({
  read() {
    setTimeout(() => this.push(randomBytes(64 * 1024)), 2);
  },
});
process.stdout.write('writing\n');
await backend.put(key, endless);
process.stderr.write('put resolved, which an endless body must never do\n');
process.exit(3);
