import { existsSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Serves the Angular app's index.html for browser navigations the API does not own. */
export class SpaFallback {
  private readonly index: string;

  constructor(webRoot: string) {
    this.index = join(webRoot, 'index.html');
  }

  get available(): boolean {
    return existsSync(this.index);
  }

  wants(req: FastifyRequest): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = req.url.split('?')[0];
    if (path.startsWith('/api/') || path === '/api' || path.startsWith('/dev/')) return false;
    const accept = String(req.headers.accept ?? '');
    return accept.includes('text/html') && this.available;
  }

  send(reply: FastifyReply): FastifyReply {
    return reply.status(200).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(createReadStream(this.index));
  }
}
