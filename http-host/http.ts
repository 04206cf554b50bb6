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

const SSE_KEEP_ALIVE_MS = 25_000;

/**
 * The browser/LAN host: the API table at `POST /api/<method>`, its events at `GET /api/events`
 * (Server-Sent Events) and the built renderer.
 * It adds nothing to the API; it only carries calls to core and results back.
 */
export function buildHttpHost(core: Core, options: HttpHostOptions): FastifyInstance {
  // Closing must not wait on a browser's open keep-alive or half-read media stream:
  // a kiosk that is shut down (or a test host) stops now.
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, forceCloseConnections: true });

  // Only names this computer goes by (core/kiosk/host-names.ts): a page that re-points its own
  // name at this PC (DNS rebinding) gets nothing, not even the interface. An API call from a page
  // of another origin is refused too, whatever name it used.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    const foreignOrigin = origin !== undefined && request.url.startsWith('/api/') && !core.allowsHost(originHost(origin));
    if (core.allowsHost(request.headers.host) && !foreignOrigin) return;
    const result: Result<never> = { ok: false, error: { code: 'host.unknown_name', params: { host: String(request.headers.host ?? '') } } };
    if (request.url.startsWith('/api/')) return reply.code(httpStatusOf(result)).header('Cache-Control', 'no-store').send(result);
    return reply.code(httpStatusOf(result)).type('text/plain; charset=utf-8').send(UNKNOWN_NAME_PAGE);
  });

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
    const caller = { address: clientAddress(request.socket.remoteAddress), kioskScreen: isLoopbackPeer(request.socket.remoteAddress) };
    const result = await core.dispatch(request.params.method, request.body, bearerToken(request.headers.authorization), caller);
    return reply.code(httpStatusOf(result)).header('Cache-Control', 'no-store').send(result);
  });

  // Core's events as Server-Sent Events. A page's EventSource sends no headers, so the stream is
  // opened with a one-use ticket from `events.ticket` (asked with the session's token over the
  // API) rather than the token itself, which would sit in the URL; it carries what that session's
  // role may receive, looked up at each event.
  app.get<{ Querystring: { ticket?: unknown } }>('/api/events', async (request, reply) => {
    const ticket = request.query.ticket;
    const redeemed = typeof ticket === 'string' ? core.events.redeemTicket(ticket) : undefined;
    if (!redeemed) {
      const result: Result<never> = { ok: false, error: { code: 'auth.forbidden', params: { method: 'events' } } };
      return reply.code(httpStatusOf(result)).header('Cache-Control', 'no-store').send(result);
    }
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    // A comment at once, so the page's EventSource opens (and its `opened` asks its queries again).
    stream.write(': open\n\n');
    const unsubscribe = core.events.subscribe(redeemed.token, (message) => void stream.write(`data: ${JSON.stringify(message)}\n\n`));
    // Keeps proxies and the browser from taking a quiet stream for a dead one.
    const keepAlive = setInterval(() => void stream.write(': keep-alive\n\n'), SSE_KEEP_ALIVE_MS);
    stream.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
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

/** Said to a browser that used a name this host does not answer to (plain text: no script, no styles). */
const UNKNOWN_NAME_PAGE = [
  '«Айыл» программасы бул даректи тааныбайт. Компьютердин IP дарегин колдонуңуз же администратордон бул атты Жөндөөлөргө кошууну сураныңыз.',
  'Программа «Айыл» не знает этого адреса. Откройте её по IP-адресу компьютера или попросите администратора добавить это имя в настройках.',
  'Ayil does not answer to this address. Open it by the computer’s IP address, or ask the administrator to add this name in Settings.',
].join('\n\n');

/**
 * The kiosk's own screen is a browser on this PC talking to the host over loopback (from
 * 127.0.0.1 or ::1, under a name the host answers to). Any other peer is a classroom PC.
 */
function isLoopbackPeer(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/** The host part of an `Origin` header ("null" and anything unreadable give a name no host has). */
function originHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header ?? '');
  return match?.[1] ?? null;
}
