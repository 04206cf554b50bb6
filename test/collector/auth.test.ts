import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../collector/auth';
import { collectorBackends, rawRequest, startTestCollector, TEST_ADMIN_PASSWORD, type TestCollector } from '../support/collector';
import { completions, json, TestKiosk } from './kiosk-client';

/** What anyone may reach; every other route the collector serves is the administrator's. */
const PUBLIC_ROUTES = [
  'GET /api/v1/health',
  'POST /api/v1/enrol/challenge',
  'POST /api/v1/enrol',
  'POST /api/v1/batches',
  'GET /login',
  'POST /login',
  'POST /logout',
  'GET /dashboard.css',
  'GET /favicon.svg',
];

describe.each(collectorBackends)('who may do what (%s)', (backend) => {
  let collector: TestCollector;
  let kiosk: TestKiosk;
  beforeAll(async () => {
    collector = await startTestCollector({ backend });
    kiosk = new TestKiosk();
    await kiosk.enrol(collector.url, await collector.createCode());
    await kiosk.deliver(collector.url, kiosk.batch([completions('2026-W11', 3)]));
  });
  afterAll(() => collector.close());

  it('answers health to anyone', async () => {
    const response = await fetch(`${collector.url}/api/v1/health`);
    expect(response.status).toBe(200);
    const body = await json(response);
    expect(body.ok).toBe(true);
    expect(Date.parse(body.time)).not.toBeNaN();
  });

  it('lets a site token read nothing: every admin route answers 401 or sends to the login page', async () => {
    const adminRoutes = collector.app.collectorRoutes.filter((r) => !PUBLIC_ROUTES.includes(`${r.method} ${r.url}`));
    // The collector's own admin routes and the dashboard's are all in the list.
    expect(adminRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining(['GET /', 'POST /api/v1/admin/enrolment-codes', 'POST /api/v1/admin/stick-files']),
    );
    const bearer = `Bearer ${kiosk.token}`;
    for (const route of adminRoutes) {
      const url = collector.url + route.url.replace(/:(\w+)/g, 'x');
      const asApi = await fetch(url, {
        method: route.method,
        headers: { authorization: bearer, 'content-type': 'application/json', accept: 'application/json' },
        body: route.method === 'GET' ? undefined : JSON.stringify({ label: 'x' }),
        redirect: 'manual',
      });
      expect(asApi.status, `${route.method} ${route.url}`).toBe(401);
      expect(await json(asApi)).toEqual({ error: 'auth.required' });
      // A browser (a page or a form) is sent to the login page.
      const asPage = await fetch(url, { method: route.method, headers: { authorization: bearer, accept: 'text/html' }, redirect: 'manual' });
      expect(asPage.status, `${route.method} ${route.url}`).toBe(303);
      expect(asPage.headers.get('location')).toBe('/login');
    }
    // Nor does the token pass as a session cookie.
    const asCookie = await fetch(`${collector.url}/api/v1/admin/enrolment-codes`, {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${kiosk.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'x' }),
    });
    expect(asCookie.status).toBe(401);
  });

  it('logs in with the password (JSON), and the session cookie is HttpOnly and SameSite=Strict', async () => {
    const wrong = await rawRequest(`${collector.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'guess' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toEqual({ error: 'auth.password_wrong' });
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const right = await rawRequest(`${collector.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: TEST_ADMIN_PASSWORD }),
    });
    expect(right.status).toBe(200);
    expect(right.json()).toEqual({ ok: true });
    const cookie = right.headers['set-cookie']![0]!;
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('logs in from a form: 303 to the dashboard, or back to the login page when the password is wrong', async () => {
    const form = (password: string) =>
      fetch(`${collector.url}/login`, { method: 'POST', body: new URLSearchParams({ password }), redirect: 'manual' });
    const failed = await form('not it');
    expect(failed.status).toBe(303);
    expect(failed.headers.get('location')).toBe('/login?failed=1');
    const ok = await form(TEST_ADMIN_PASSWORD);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/');
    expect(ok.headers.get('set-cookie')).toContain(`${SESSION_COOKIE}=`);
  });

  it('makes enrolment codes for an administrator, and forgets the session at logout', async () => {
    const cookie = await collector.adminCookie();
    const made = await fetch(`${collector.url}/api/v1/admin/enrolment-codes`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'Osh library', validDays: 3 }),
    });
    expect(made.status).toBe(200);
    const { code, expiresAt } = await json(made);
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);
    expect((await new TestKiosk({ code: 'OSH-1' }).enrol(collector.url, code)).status).toBe(200);

    const invalid = await fetch(`${collector.url}/api/v1/admin/enrolment-codes`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ label: '', validDays: 9999 }),
    });
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).error).toBe('code.invalid');

    expect((await fetch(`${collector.url}/logout`, { method: 'POST', headers: { cookie } })).status).toBe(200);
    const after = await fetch(`${collector.url}/api/v1/admin/enrolment-codes`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'Osh library' }),
    });
    expect(after.status).toBe(401);
  });
});

describe.each(collectorBackends)('rate limits (%s)', (backend) => {
  let collector: TestCollector | undefined;
  afterEach(async () => {
    await collector?.close();
    collector = undefined;
  });

  it('answers 429 rate_limited past the limits, per site token for batches and per address for login and enrolment', async () => {
    collector = await startTestCollector({ backend, rateLimit: { ingestPerMinute: 3, enrolPerMinute: 2, loginPerMinute: 2 } });
    const url = collector.url;
    const first = new TestKiosk({ code: 'RATE-1' });
    const second = new TestKiosk({ code: 'RATE-2' });
    expect((await first.enrol(url, await collector.createCode())).status).toBe(200);
    expect((await second.enrol(url, await collector.createCode())).status).toBe(200);

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await first.deliver(url, first.batch([completions('2026-W11', 1)]))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await first.deliver(url, first.batch([completions('2026-W11', 1)]));
    expect(await json(limited)).toEqual({ error: 'rate_limited' });
    expect(limited.headers.get('retry-after')).toBeTruthy();
    // Another kiosk behind the same address is not held back by the first.
    expect((await second.deliver(url, second.batch([completions('2026-W11', 1)]))).status).toBe(200);
    expect((await collector.store.counts()).batches).toBe(4);

    const enrolAgain = await new TestKiosk({ code: 'RATE-3' }).enrol(url, 'AAAA-BBBB-CCCC-DDDD');
    expect(enrolAgain.status).toBe(429);
    expect(await json(enrolAgain)).toEqual({ error: 'rate_limited' });

    const login = () => fetch(`${url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: 'guess' }) });
    expect((await login()).status).toBe(401);
    expect((await login()).status).toBe(401);
    const third = await login();
    expect(third.status).toBe(429);
    expect(await json(third)).toEqual({ error: 'rate_limited' });
  });
});
