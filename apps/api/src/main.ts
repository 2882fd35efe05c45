import 'reflect-metadata';
import { ConfigError, loadConfig, publicOrigin } from '@portico/core';
import { createApiApp } from './create-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen({ port: config.port, host: config.host });
  const base = publicOrigin(config, config.baseDomain);
  process.stdout.write(`Portico is listening on port ${config.port}: ${base} (API docs: ${base}/api/docs)\n`);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\nSee the configuration table in README.md.\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(`Portico failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
