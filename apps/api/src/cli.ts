import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { ConfigError, ProblemException, RequestContext, fieldProblems, loadConfig } from '@portico/core';
import { CreateFirmFields, FirmProvisioning } from '@portico/identity';
import { PorticoModule } from './portico.module.js';

const USAGE = `Portico platform CLI

  npm run portico -- firm:create --name "Acme CPA" --slug acme --admin-email jane@acme-cpa.com --admin-name "Jane Doe"

Creates a firm and its first admin, and prints the admin's one-time link to set a password.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'firm:create') {
    process.stdout.write(USAGE + '\n');
    return command === undefined || command === 'help' || command === '--help' ? 0 : 64;
  }
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { name: { type: 'string' }, slug: { type: 'string' }, 'admin-email': { type: 'string' }, 'admin-name': { type: 'string' } },
      strict: true,
    }) as { values: Record<string, string | undefined> });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
    return 64;
  }
  const input = plainToInstance(CreateFirmFields, {
    firmName: values.name,
    firmSlug: values.slug,
    adminEmail: values['admin-email'],
    adminName: values['admin-name'],
  });
  const flag: Record<string, string> = { firmName: '--name', firmSlug: '--slug', adminEmail: '--admin-email', adminName: '--admin-name' };
  const problems = fieldProblems(await validate(input));
  if (problems.length) {
    for (const p of problems) process.stderr.write(`${flag[p.field] ?? p.field}: ${p.message.replace(p.field, flag[p.field] ?? p.field)}\n`);
    return 64;
  }

  const config = { ...loadConfig(), runJobs: false, runScheduler: false };
  const app = await NestFactory.createApplicationContext(PorticoModule.forRoot(config, { http: false }), { logger: ['error', 'warn'] });
  try {
    const ctx = new RequestContext(null, { type: 'platform', id: null }, app.get(DataSource).manager);
    const { firm, admin, activationUrl, expiresAt, temporaryPassword, signInUrl } = await app.get(FirmProvisioning).createFirm(ctx, input);
    process.stdout.write(
      `Firm "${firm.name}" created.\n` +
        `  Portal:      ${activationUrl.split('/staff/')[0]}\n` +
        `  Admin:       ${admin.name} <${admin.email}>\n` +
        `  Temporary password (replace it at first sign-in at ${signInUrl}):\n    ${temporaryPassword}\n` +
        `  Or the set-password link (one use, expires ${expiresAt.toISOString()}):\n    ${activationUrl}\n` +
        `The link was also queued as an e-mail to the admin; the temporary password is shown only here.\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof ProblemException) {
      process.stderr.write(`${e.message}\n`);
      for (const p of e.errors ?? []) process.stderr.write(`  ${flag[p.field] ?? p.field}: ${p.message}\n`);
      return 65;
    }
    throw e;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(e instanceof ConfigError ? 78 : 1);
  },
);
