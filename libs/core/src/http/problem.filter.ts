import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, problemTitle, type ProblemDocument } from './problem.js';
import { SpaFallback } from './spa-fallback.js';

const TYPE_BASE = 'https://portico.dev/problems/';

/** Every error leaves as `application/problem+json` (RFC 9457). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  constructor(private readonly spa?: SpaFallback) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const doc = toProblem(exception);
    if (doc.status === 404 && this.spa?.wants(req)) {
      void this.spa.send(reply);
      return;
    }
    if (doc.status >= 500) this.logger.error({ err: exception, requestId: req.id }, 'request failed');
    doc.instance = req.url.split('?')[0];
    doc.requestId = req.id;
    void reply.status(doc.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(doc));
  }
}

export function toProblem(exception: unknown): ProblemDocument {
  if (exception instanceof ProblemException) {
    const status = exception.getStatus();
    return {
      type: TYPE_BASE + exception.slug,
      title: problemTitle(status),
      status,
      detail: exception.message,
      ...(exception.errors ? { errors: exception.errors } : {}),
      ...exception.extensions,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const detail = typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? exception.message);
    // Fastify's JSON parser failure reaches us as a 400 HttpException.
    const malformed = status === 400 && /not valid JSON|Unexpected (token|end of JSON)|JSON at position/.test(detail);
    return { type: TYPE_BASE + (malformed ? 'malformed-json' : slugFor(status)), title: problemTitle(status), status, detail: malformed ? `The request body is not valid JSON: ${detail}` : detail };
  }
  // Fastify's own errors (malformed JSON, body too large, wrong content type) carry statusCode.
  const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const detail =
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(fastifyError.message ?? '')
        ? `The request body is not valid JSON: ${fastifyError.message}`
        : fastifyError.message ?? problemTitle(status);
    const slug = status === 400 && /JSON/.test(detail) ? 'malformed-json' : slugFor(status);
    return { type: TYPE_BASE + slug, title: problemTitle(status), status, detail };
  }
  return { type: TYPE_BASE + 'internal', title: problemTitle(500), status: 500, detail: 'Something went wrong on our side. The request id helps us find it.' };
}

function slugFor(status: number): string {
  return problemTitle(status).toLowerCase().replace(/[^a-z]+/g, '-');
}
