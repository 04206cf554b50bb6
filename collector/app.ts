import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SECURITY_HEADERS } from '../base/security-headers';
import { COLLECTOR_PATHS, EnrolChallengeRequestSchema, EnrolRequestSchema, SyncDeliverySchema } from '../core/contract';
import { adminGuard, bearerToken, registerLoginRoutes, Sessions, siteOfRequest } from './auth';
import { dashboardRoutes } from './dashboard/routes';
import { assertTrustedProxies } from './config';
import { createEnrolmentCode, enrol, issueEnrolmentChallenge, MAX_CODE_VALID_DAYS } from './enrolment';
import { CollectorError, issuesOf } from './errors';
import { ingestDelivery } from './ingest';
import { sha256Hex } from './secrets';
import { toInstant } from './skew';
import { importStickFile, STICK_FILE_LIMIT, STICK_MULTIPART_LIMITS } from './stick-import';
import type { CollectorStore, SiteRecord } from './store/store';

export interface CollectorRateLimits {
  /** Batches per site token. */
  ingestPerMinute: number;
  /** Enrolment attempts per address (a code is guessed nowhere near this fast). */
  enrolPerMinute: number;
  /** Password attempts per address. */
  loginPerMinute: number;
}

export interface CollectorOptions {
  store: CollectorStore;
  /** The smallest breakdown count the dashboard shows (default 5). */
  k?: number;
  now?: () => Date;
  rateLimit?: CollectorRateLimits;
  /** Largest batch delivery (default 1 MiB: MAX_BATCH_ROWS rows fit). */
  bodyLimitBytes?: number;
  https?: { key: string | Buffer; cert: string | Buffer };
  /**
   * The reverse proxies in front of the collector (addresses or CIDR ranges): only from these is
   * X-Forwarded-For believed for the client's address (rate limits) and X-Forwarded-Proto for
   * whether the request came over HTTPS (the session cookie's Secure). Empty: no proxy is believed.
   */
  trustedProxies?: readonly string[];
  logger?: boolean;
}

const DEFAULT_RATE_LIMITS: CollectorRateLimits = { ingestPerMinute: 600, enrolPerMinute: 10, loginPerMinute: 10 };
const DEFAULT_BATCH_BODY_LIMIT = 1024 * 1024;
const ENROL_BODY_LIMIT = 16 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** The enrolled site a batch delivery is from (set by the route's token check). */
    site: SiteRecord | null;
  }
  interface FastifyInstance {
    /** Every route the collector serves (the dashboard's too), so a test can try each one without a session. */
    collectorRoutes: ReadonlyArray<{ method: string; url: string }>;
  }
}

const EnrolmentCodeRequestSchema = z.object({
  label: z.string().trim().min(1).max(100),
  // A form sends text, and an empty field means "the default".
  validDays: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().min(1).max(MAX_CODE_VALID_DAYS).optional()),
});

/**
 * The collector: kiosks enrol and deliver batches; the administrator logs in, makes enrolment
 * codes, uploads stick files and reads the dashboard (collector/dashboard, registered here).
 * Nothing is stored before the request is authenticated and its body validated.
 */
export async function buildCollector(options: CollectorOptions): Promise<FastifyInstance> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const limits = options.rateLimit ?? DEFAULT_RATE_LIMITS;
  const batchBodyLimit = options.bodyLimitBytes ?? DEFAULT_BATCH_BODY_LIMIT;
  const trustedProxies = assertTrustedProxies(options.trustedProxies ?? []);

  const app = Fastify({
    logger: options.logger ?? false,
    // An explicit allow-list, never `true`: a client that reaches the collector directly must not
    // choose its own address (and so its own rate limit) with a header.
    trustProxy: trustedProxies.length > 0 ? [...trustedProxies] : false,
    bodyLimit: ENROL_BODY_LIMIT,
    // Closing must not wait on a kiosk's keep-alive connection.
    forceCloseConnections: true,
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;

  const routes: Array<{ method: string; url: string }> = [];
  app.decorate('collectorRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  app.decorateRequest('site', null);
  app.setErrorHandler(async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const { status, body } = errorResponse(error);
    // Without a logger an operator still sees what went wrong inside.
    if (status >= 500 && options.logger) request.log.error(error);
    else if (status >= 500) console.error(error);
    return reply.code(status).header('Cache-Control', 'no-store').send(body);
  });
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ error: 'not_found' }));
  app.addHook('onSend', async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new CollectorError('rate_limited'),
  });

  const sessions = new Sessions(now);
  // Checked before the body is read, so that an anonymous caller cannot make the collector read 20 MB.
  const requireAdmin = adminGuard(sessions);
  registerLoginRoutes(app, { store, sessions, loginPerMinute: limits.loginPerMinute });

  app.get(COLLECTOR_PATHS.health, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return { ok: true, time: toInstant(now()) };
  });

  app.post(
    COLLECTOR_PATHS.enrolChallenge,
    { config: { rateLimit: { max: limits.enrolPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      const parsed = EnrolChallengeRequestSchema.safeParse(request.body);
      if (!parsed.success) throw new CollectorError('enrol.invalid', issuesOf(parsed.error));
      reply.header('Cache-Control', 'no-store');
      return issueEnrolmentChallenge(store, parsed.data, now());
    },
  );

  app.post(
    COLLECTOR_PATHS.enrol,
    { config: { rateLimit: { max: limits.enrolPerMinute, timeWindow: 60_000 } } },
    async (request) => {
      const parsed = EnrolRequestSchema.safeParse(request.body);
      if (!parsed.success) throw new CollectorError('enrol.invalid', issuesOf(parsed.error));
      return enrol(store, parsed.data, now());
    },
  );

  app.post(
    COLLECTOR_PATHS.batches,
    {
      bodyLimit: batchBodyLimit,
      config: {
        rateLimit: {
          max: limits.ingestPerMinute,
          timeWindow: 60_000,
          // Per site: kiosks behind one village router share an address.
          keyGenerator: (request: FastifyRequest) => {
            const token = bearerToken(request);
            return token ? `site:${sha256Hex(token)}` : `ip:${request.ip}`;
          },
        },
      },
      // The token is checked before the body is read.
      onRequest: async (request) => {
        request.site = await siteOfRequest(store, request);
        if (!request.site) throw new CollectorError('auth.site_token');
      },
    },
    async (request) => {
      const parsed = SyncDeliverySchema.safeParse(request.body);
      if (!parsed.success) throw new CollectorError('batch.invalid', issuesOf(parsed.error));
      return ingestDelivery(store, request.site!, parsed.data, { now: now(), via: 'network' });
    },
  );

  app.post('/api/v1/admin/enrolment-codes', { onRequest: requireAdmin }, async (request) => {
    const parsed = EnrolmentCodeRequestSchema.safeParse(request.body ?? {});
    if (!parsed.success) throw new CollectorError('code.invalid', issuesOf(parsed.error));
    return createEnrolmentCode(store, { label: parsed.data.label, validDays: parsed.data.validDays, now: now() });
  });

  // A stick file as a multipart upload (field `file`) or as the raw JSON body, read as text:
  // the signature covers the payload string exactly as the kiosk wrote it.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(['application/json', 'text/plain', 'application/octet-stream'], { parseAs: 'string' }, (_request, body, done) =>
      done(null, body),
    );
    await scope.register(fastifyMultipart, { limits: STICK_MULTIPART_LIMITS });
    scope.post('/api/v1/admin/stick-files', { onRequest: requireAdmin, bodyLimit: STICK_FILE_LIMIT }, async (request) => {
      let text: string;
      if (request.isMultipart()) {
        const part = await request.file();
        if (!part) throw new CollectorError('file.missing');
        text = (await part.toBuffer()).toString('utf8');
      } else {
        if (typeof request.body !== 'string' || request.body.length === 0) throw new CollectorError('file.missing');
        text = request.body;
      }
      return importStickFile(store, text, { now: now() });
    });
  });

  await app.register(dashboardRoutes, { store, k: options.k ?? 5, now, requireAdmin });
  return app;
}

/** Every refusal in the collector's shape, fastify's own included (too large, malformed JSON, rate limit). */
function errorResponse(error: Error & { statusCode?: number; code?: string }): { status: number; body: { error: string; issues?: unknown[] } } {
  if (error instanceof CollectorError) {
    return { status: error.status, body: error.issues ? { error: error.code, issues: error.issues } : { error: error.code } };
  }
  const status = error.statusCode ?? 500;
  if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') return { status: 413, body: { error: 'body.too_large' } };
  if (status === 429) return { status: 429, body: { error: 'rate_limited' } };
  if (status >= 400 && status < 500) return { status, body: { error: 'body.invalid' } };
  return { status: 500, body: { error: 'internal' } };
}
