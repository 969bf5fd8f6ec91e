import { request } from 'node:http';

export interface Sent {
  status: number;
  body: string;
  setCookies: string[];
}

/**
 * One request to the local gateway as a browser on `host` would make it (the tenant is in
 * the Host header); a body is sent as JSON.
 */
export function send(port: number, host: string, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Sent> {
  const json = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...json, host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), setCookies: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
