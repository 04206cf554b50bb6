import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Result } from '../core/contract';
import { parseRange, type Core } from '../core';
import { AppError } from '../core/errors';
import { contentTypeOf } from '../core/files/content-type';
import { httpStatusOf } from './http-status';


export interface HttpHostOptions {
  /** The built renderer (Vite's output). */
  rendererDir: string;
}

/** Pages may load only their own scripts and talk only to this host. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The browser/LAN host: the API table at `POST /api/<method>` and the built renderer.
 * It adds nothing to the API; it only carries calls to core and results back.
 */
export function buildHttpHost(core: Core, options: HttpHostOptions): FastifyInstance {
  // Closing must not wait on a browser's open keep-alive or half-read media stream:
  // a kiosk that is shut down (or a test host) stops now.
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, forceCloseConnections: true });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
  });

  // Malformed JSON, a wrong content type or an oversized body still get the structured error shape.
  app.setErrorHandler(async (error: { statusCode?: number; code?: string }, _request, reply) => {
    const clientError = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500;
    const body: Result<never> = clientError
      ? { ok: false, error: { code: 'api.bad_request', params: { reason: error.code ?? 'bad_request' } } }
      : { ok: false, error: { code: 'internal', params: {} } };
    if (!clientError) app.log.error(error);
    return reply.code(clientError ? (error.statusCode ?? 400) : 500).send(body);
  });

  app.post<{ Params: { method: string } }>('/api/:method', async (request, reply) => {
    const caller = { address: clientAddress(request.socket.remoteAddress) };
    const result = await core.dispatch(request.params.method, request.body, bearerToken(request.headers.authorization), caller);
    return reply.code(httpStatusOf(result)).header('Cache-Control', 'no-store').send(result);
  });

  // Files inside installed packs (images, narration, video), read from the pack's zip by core.
  app.get<{ Params: { packId: string; '*': string } }>('/packs/:packId/*', async (request, reply) => {
    try {
      const asset = await core.readAsset(request.params.packId, request.params['*'], parseRange(request.headers.range) ?? undefined);
      reply.type(contentTypeOf(request.params['*'])).header('Accept-Ranges', 'bytes');
      if (!asset.range) return reply.header('Content-Length', asset.size).send(asset.stream);
      const { start, end } = asset.range;
      return reply.code(206).header('Content-Range', `bytes ${start}-${end}/${asset.size}`).header('Content-Length', end - start + 1).send(asset.stream);
    } catch (error) {
      const result: Result<never> = { ok: false, error: error instanceof AppError ? error.toApiError() : { code: 'internal', params: {} } };
      return reply.code(httpStatusOf(result)).send(result);
    }
  });

  app.register(fastifyStatic, { root: options.rendererDir, index: 'index.html', dotfiles: 'deny' });
  return app;
}

/**
 * The client's address as the socket knows it (never a header a client could write): sign-in
 * limits count per address. An IPv4 client on a dual-stack socket is written the IPv4 way.
 */
export function clientAddress(remote: string | undefined): string {
  if (!remote) return 'unknown';
  return remote.startsWith('::ffff:') && remote.includes('.') ? remote.slice('::ffff:'.length) : remote;
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header ?? '');
  return match?.[1] ?? null;
}
