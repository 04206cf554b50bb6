import http from 'node:http';
import type { WireBody } from './api';

export interface RawRequest {
  /** The host's base URL (http://127.0.0.1:port/). */
  url: string;
  path: string;
  method?: 'GET' | 'POST';
  /** Sent as given: `Host` and `Origin` included, which fetch() would not let a test choose. */
  headers?: Record<string, string>;
  body?: unknown;
  /**
   * The address the request leaves from: 127.0.0.2 stands for another PC of the classroom (the
   * host sees a peer that is not 127.0.0.1), without sending anything off this machine.
   */
  localAddress?: string;
}

/** One HTTP request with every header under the test's control; answers the status and the body (JSON when it is). */
export function rawRequest(request: RawRequest): Promise<{ status: number; text: string; body: WireBody | null }> {
  const base = new URL(request.url);
  const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        path: request.path,
        method: request.method ?? (payload === undefined ? 'GET' : 'POST'),
        localAddress: request.localAddress,
        headers: { ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }), ...request.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let body: WireBody | null = null;
          try {
            body = JSON.parse(text) as WireBody;
          } catch {
            // Not JSON (a page, or the plain-text refusal).
          }
          resolve({ status: res.statusCode ?? 0, text, body });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** An API call with every header under the test's control. */
export function rawApiCall(url: string, method: string, input: unknown, options: Omit<RawRequest, 'url' | 'path' | 'body'> & { token?: string } = {}) {
  const { token, headers, ...rest } = options;
  return rawRequest({ url, path: `/api/${method}`, body: input, headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers }, ...rest });
}
