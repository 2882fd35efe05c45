import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@portico/core';
import { PorticoModule } from '../../api/src/portico.module.js';

/** The same modules without HTTP: consumes the job queue and runs the scheduler. */
async function main(): Promise<void> {
  const config = { ...loadConfig(), runJobs: true };
  const app = await NestFactory.createApplicationContext(PorticoModule.forRoot(config, { http: false }), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write(`Portico worker ${process.pid} is consuming the ${config.queue.driver} queue\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `Worker failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(e instanceof ConfigError ? 78 : 1);
});
