// Shared steps of the documents e2e tests: multipart bodies, uploads and downloads through the real HTTP stack.
import { randomUUID } from 'node:crypto';
import type { TestEnvironment } from '@portico/testing';

export interface UploadFile {
  name: string;
  data: Buffer;
  type?: string;
}

/** A multipart/form-data body: the fields first, then the files (as the API asks). */
export function multipartBody(fields: Record<string, string>, files: UploadFile[]): { body: Buffer; contentType: string } {
  const boundary = `----portico${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name.replace(/"/g, '%22')}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`, 'utf8'));
    chunks.push(f.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  raw: Buffer;
  body: string;
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function inject(env: TestEnvironment, host: string, method: string, url: string, options: { token?: string; payload?: Buffer | string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const res = await env.app.inject({
    method: method as 'GET',
    url,
    headers: { host, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    payload: options.payload,
  });
  return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, body: res.body, json: () => JSON.parse(res.body) };
}

export async function upload(env: TestEnvironment, host: string, path: string, token: string, fields: Record<string, string>, files: UploadFile[]): Promise<RawResponse> {
  const { body, contentType } = multipartBody(fields, files);
  return inject(env, host, 'POST', path, { token, payload: body, headers: { 'content-type': contentType } });
}

/** Deterministic bytes. */
export function bytes(n: number, seed = 7): Buffer {
  const b = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; b[i] = x >> 16; }
  return b;
}

export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), bytes(200, 3)]);
export const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), bytes(3000, 5)]);
