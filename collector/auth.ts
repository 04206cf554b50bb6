import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { PasswordWeakReason } from '../core/contract';
import { passwordWeakness } from '../core/contract/password-strength';
import { hashSecret, verifySecret } from '../base/secret-hash';
import { CollectorError } from './errors';
import { sha256Hex } from './secrets';
import type { CollectorStore, SiteRecord } from './store/store';

/**
 * Two kinds of caller, never interchangeable: the programme's administrator (a password, then a
 * session cookie) reads and manages; a site (a Bearer token from enrolment) only delivers batches.
 * A site token is never looked at by the admin check, so it cannot read anything.
 */

export const ADMIN_NAME = 'admin';
export const SESSION_COOKIE = 'ayil_collector_session';
const SESSION_HOURS = 12;
/** A random password for a collector started without one (printed once). */
function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

export const MIN_ADMIN_PASSWORD_LENGTH = 8;
export const MAX_ADMIN_PASSWORD_LENGTH = 200;
/** What someone attacking this dashboard tries first, beside zxcvbn's lists (which know "admin"). */
const ADMIN_PERSONAL_WORDS = [ADMIN_NAME, 'ayil', 'collector', 'ayil-collector', 'dashboard', 'programme', 'program'];

/** Why a dashboard password is refused: too short or too long, or one of the kiosk's reasons (zxcvbn). */
export type AdminPasswordProblem = 'short' | 'long' | PasswordWeakReason;

/** A dashboard password that is refused; nothing was stored. */
export class WeakPasswordError extends Error {
  constructor(readonly problem: AdminPasswordProblem) {
    super(`weak password (${problem})`);
    this.name = 'WeakPasswordError';
  }
}

/**
 * The kiosk's own rule for staff passwords (core/contract/password-strength.ts, zxcvbn score 3),
 * so the dashboard that holds every site's figures is no easier to guess than one kiosk.
 */
export function adminPasswordProblem(password: string): AdminPasswordProblem | null {
  if ([...password].length < MIN_ADMIN_PASSWORD_LENGTH) return 'short';
  if (password.length > MAX_ADMIN_PASSWORD_LENGTH) return 'long';
  return passwordWeakness(password, ADMIN_PERSONAL_WORDS);
}

/** Sets the dashboard password, after the strength rule; throws WeakPasswordError and stores nothing. */
export async function setAdminPassword(store: CollectorStore, password: string): Promise<void> {
  const problem = adminPasswordProblem(password);
  if (problem) throw new WeakPasswordError(problem);
  await store.setAdminPasswordHash(ADMIN_NAME, await hashSecret(password));
}

/**
 * Sets the admin password from the environment if given (refusing a weak one); otherwise makes
 * one if none is stored. Answers the generated password (to print once), or null.
 */
export async function ensureAdminPassword(store: CollectorStore, fromEnv: string | undefined): Promise<string | null> {
  if (fromEnv) {
    await setAdminPassword(store, fromEnv);
    return null;
  }
  if (await store.adminPasswordHash(ADMIN_NAME)) return null;
  const password = generatePassword();
  await store.setAdminPasswordHash(ADMIN_NAME, await hashSecret(password));
  return password;
}

/** Admin sessions, in memory: a restart logs everyone out, which is acceptable for a handful of staff. */
export class Sessions {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly now: () => Date) {}

  create(): string {
    const token = randomBytes(32).toString('base64url');
    const nowMs = this.now().getTime();
    for (const [key, expiry] of this.expiries) if (expiry <= nowMs) this.expiries.delete(key);
    this.expiries.set(sha256Hex(token), nowMs + SESSION_HOURS * 3_600_000);
    return token;
  }

  valid(token: string | undefined): boolean {
    if (!token) return false;
    const expiry = this.expiries.get(sha256Hex(token));
    return expiry !== undefined && expiry > this.now().getTime();
  }

  end(token: string | undefined): void {
    if (token) this.expiries.delete(sha256Hex(token));
  }
}

/**
 * The admin check for routes (a fastify onRequest hook, so that it runs before any body is read):
 * a browser asking for a page (or posting a form) goes to the login page; anything else is
 * answered 401 `auth.required`.
 */
export function adminGuard(sessions: Sessions): onRequestHookHandler {
  return async function requireAdmin(request: FastifyRequest, reply: FastifyReply) {
    if (sessions.valid(request.cookies[SESSION_COOKIE])) return;
    if (wantsHtml(request)) return reply.redirect('/login', 303);
    throw new CollectorError('auth.required');
  };
}

function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** The site a request's `Authorization: Bearer <token>` belongs to, or null. */
export async function siteOfRequest(store: CollectorStore, request: FastifyRequest): Promise<SiteRecord | null> {
  const token = bearerToken(request);
  return token ? store.siteByTokenHash(sha256Hex(token)) : null;
}

export function bearerToken(request: FastifyRequest): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/** `POST /login` (form or JSON `{password}`) and `POST /logout`. */
export function registerLoginRoutes(app: FastifyInstance, options: { store: CollectorStore; sessions: Sessions; loginPerMinute: number }): void {
  const { store, sessions } = options;
  // Secure whenever the request came over HTTPS: served by the collector itself, or by a trusted
  // proxy that says so (X-Forwarded-Proto; fastify believes it only from the trustedProxies).
  const cookieOptions = (request: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure: request.protocol === 'https' });
  const isForm = (request: FastifyRequest) => (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

  app.post(
    '/login',
    { config: { rateLimit: { max: options.loginPerMinute, timeWindow: 60_000 } }, bodyLimit: 16 * 1024 },
    async (request, reply) => {
      const password = (request.body as { password?: unknown } | undefined)?.password;
      const stored = await store.adminPasswordHash(ADMIN_NAME);
      const ok = typeof password === 'string' && password.length <= MAX_ADMIN_PASSWORD_LENGTH && stored !== null && (await verifySecret(password, stored));
      if (!ok) {
        if (isForm(request)) return reply.redirect('/login?failed=1', 303);
        throw new CollectorError('auth.password_wrong');
      }
      reply.setCookie(SESSION_COOKIE, sessions.create(), { ...cookieOptions(request), maxAge: SESSION_HOURS * 3600 });
      return isForm(request) ? reply.redirect('/', 303) : { ok: true };
    },
  );

  app.post('/logout', async (request, reply) => {
    sessions.end(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
    return isForm(request) ? reply.redirect('/login', 303) : { ok: true };
  });
}
