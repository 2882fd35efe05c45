import { request } from 'node:http';

/** A real HTTP request to 127.0.0.1:port with any Host header (fetch cannot set Host). */
export function httpRequest(
  port: number,
  method: string,
  path: string,
  options: { host?: string; body?: unknown } = {},
): Promise<{ status: number; body: string; json<T = any>(): T }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { host: options.host ?? `localhost:${port}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, json: () => JSON.parse(body) }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
