import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@portico/core';
import { createApiApp } from './create-app.js';

/**
 * Write the OpenAPI document (`npm run api:spec`). The front end's API types are
 * generated from it, and a test fails when the committed copy is stale.
 */
async function main(out: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-openapi-'));
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'error', RUN_JOBS: 'false', RUN_SCHEDULER: 'false', WEB_ROOT: join(dir, 'web') });
    const app = await createApiApp(config);
    await app.init();
    const res = await app.inject({ method: 'GET', url: '/api/docs-json', headers: { host: 'localhost' } });
    writeFileSync(out, JSON.stringify(JSON.parse(res.body), null, 2) + '\n');
    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv[2] ?? 'docs/openapi.json').catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
