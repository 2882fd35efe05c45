import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import {
  FirmResolver,
  ProblemFilter,
  RequestContext,
  SpaFallback,
  createValidationPipe,
  toProblem,
  notFound,
  type PorticoConfig,
} from '@portico/core';
import { PorticoModule } from './portico.module.js';
import type { DynamicModule, Type } from '@nestjs/common';

type PorticoRequest = FastifyRequest & { portico?: RequestContext };

/** Build the HTTP application (used by main.ts and by the tests). */
export async function createApiApp(config: PorticoConfig, options: { bufferLogs?: boolean; extraImports?: Array<Type | DynamicModule> } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Fastify accepts a hop count too, though its types omit it.
    trustProxy: config.trustProxy as boolean | string,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (raw: import('node:http').IncomingMessage) => {
      const given = raw.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
      (raw as { id?: string }).id = id;
      return id;
    },
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(PorticoModule.forRoot(config, { http: true, extraImports: options.extraImports }), adapter, {
    bufferLogs: options.bufferLogs ?? true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix('api', { exclude: ['dev/mailbox', 'dev/mailbox/{*path}'] });
  app.useGlobalPipes(createValidationPipe());
  const spa = new SpaFallback(config.webRoot);
  app.useGlobalFilters(new ProblemFilter(spa));

  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(cookie);
  // Uploads stream part by part (req.parts()); the firm's size limit is enforced by the storage write.
  await fastify.register(multipart, { limits: { fileSize: Number.MAX_SAFE_INTEGER, files: 100, fields: 20, fieldSize: 1024, parts: 120, headerPairs: 100 } });
  await fastify.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.publicScheme === 'https' ? [] : null,
      },
    },
    strictTransportSecurity: config.publicScheme === 'https',
  });

  // Tenancy: the Host header decides the firm before anything else runs.
  const resolver = app.get(FirmResolver);
  const db = app.get(DataSource);
  fastify.addHook('onRequest', async (req: PorticoRequest, reply: FastifyReply) => {
    void reply.header('x-request-id', req.id);
    const path = req.url.split('?')[0];
    const resolution = await resolver.resolve(req.headers.host);
    if (resolution.kind === 'unknown') {
      if (path === '/api/health') return; // load balancers probe by IP
      const doc = { ...toProblem(notFound('portal')), detail: `No firm portal is served at ${req.headers.host ?? 'this address'}.`, instance: path, requestId: req.id };
      return reply.status(404).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(doc));
    }
    req.portico = new RequestContext(
      resolution.kind === 'firm' ? resolution.firm : null,
      { type: 'anonymous', id: null },
      db.manager,
      req.id,
      req.ip,
    );
  });

  const doc = new DocumentBuilder()
    .setTitle('Portico API')
    .setDescription('Client portal for professional firms. Firm endpoints answer on the firm’s host (`<slug>.<base domain>`); setup endpoints on the platform host. Errors are RFC 9457 problem+json.')
    .setVersion('1')
    .build();
  SwaggerModule.setup('api/docs', app, () => stableDocument(SwaggerModule.createDocument(app, doc)), { jsonDocumentUrl: 'api/docs-json' });

  if (existsSync(config.webRoot)) {
    app.useStaticAssets({ root: config.webRoot, prefix: '/', index: false, wildcard: false, cacheControl: true, maxAge: '1h' });
  }
  return app;
}

/**
 * Parameters in a fixed order (path before query, then by name): decorator order
 * differs between compilers, and the committed docs/openapi.json must not churn.
 */
function stableDocument(document: OpenAPIObject): OpenAPIObject {
  const rank = (p: { in?: string; name?: string }) => `${p.in === 'path' ? 0 : p.in === 'query' ? 1 : 2}:${p.name ?? ''}`;
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item)) {
      const params = (op as { parameters?: Array<{ in?: string; name?: string }> }).parameters;
      params?.sort((a, b) => rank(a).localeCompare(rank(b)));
    }
  }
  return document;
}
