import { afterEach, describe, expect, it } from 'vitest';
import { buildCollector } from '../../collector/app';
import { SESSION_COOKIE } from '../../collector/auth';
import { parseTrustedProxies } from '../../collector/config';
import { TestKiosk } from '../collector/kiosk-client';
import { rawRequest, startTestCollector, TEST_ADMIN_PASSWORD, type TestCollector } from '../support/collector';

/**
 * Issue 11, item 10: "Behind a TLS proxy the collector needs a trusted-proxy setting so that rate
 * limits see client addresses and the session cookie is Secure." The test plays the proxy: it
 * connects from 127.0.0.1 and sends the X-Forwarded-* headers a proxy adds. Only a collector told
 * that 127.0.0.1 is its proxy believes them; any other believes the socket.
 * (Rate limits and cookies do not touch the store: one backend is enough here.)
 */
const closing: TestCollector[] = [];
afterEach(async () => {
  for (const collector of closing.splice(0)) await collector.close();
});

async function collectorWith(trustedProxies?: string[]): Promise<TestCollector> {
  const collector = await startTestCollector({ backend: 'sqlite', trustedProxies, rateLimit: { ingestPerMinute: 100, enrolPerMinute: 2, loginPerMinute: 2 } });
  closing.push(collector);
  return collector;
}

/** A wrong password, from the client the headers name. */
async function wrongLogin(url: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await rawRequest(`${url}/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ password: 'a guess' }) });
  return response.status;
}

async function sessionCookie(url: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await rawRequest(`${url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ password: TEST_ADMIN_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return [response.headers['set-cookie'] ?? []].flat().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))!;
}

async function challengeStatus(url: string, headers: Record<string, string>): Promise<number> {
  const response = await rawRequest(`${url}/api/v1/enrol/challenge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code: 'AAAA-BBBB-CCCC-DDDD', publicKey: KIOSK_KEY }),
  });
  return response.status;
}

/** A real Ed25519 key: the challenge is refused for its unknown code (403), until the limit (429). */
const KIOSK_KEY = new TestKiosk().publicKey;

const from = (client: string) => ({ 'x-forwarded-for': client });

describe('behind a trusted proxy', () => {
  it('limits each client by the address the proxy forwards, however the client dresses its own header', async () => {
    const collector = await collectorWith(['127.0.0.1']);
    const a = '203.0.113.7';
    expect([await wrongLogin(collector.url, from(a)), await wrongLogin(collector.url, from(a)), await wrongLogin(collector.url, from(a))]).toEqual([401, 401, 429]);
    // Another client behind the same proxy is not held back by the first.
    expect(await wrongLogin(collector.url, from('203.0.113.8'))).toBe(401);
    // Client a puts a made-up address in front of its own; the proxy appends the real one, which counts.
    expect(await wrongLogin(collector.url, from(`198.51.100.99, ${a}`))).toBe(429);
    // Enrolment attempts are counted per client the same way.
    expect([await challengeStatus(collector.url, from(a)), await challengeStatus(collector.url, from(a)), await challengeStatus(collector.url, from(a))]).toEqual([403, 403, 429]);
    expect(await challengeStatus(collector.url, from('203.0.113.9'))).toBe(403);
  });

  it('marks the session cookie Secure when the proxy says the request came over HTTPS, and only then', async () => {
    const collector = await collectorWith(['127.0.0.1']);
    const overHttps = await sessionCookie(collector.url, { 'x-forwarded-proto': 'https', ...from('203.0.113.7') });
    expect(overHttps).toMatch(/; Secure/);
    expect(overHttps).toMatch(/HttpOnly/);
    expect(overHttps).toMatch(/SameSite=Strict/);
    expect(await sessionCookie(collector.url, { 'x-forwarded-proto': 'http', ...from('203.0.113.8') })).not.toMatch(/Secure/);
    // Logging out clears the cookie with the same attributes, or a browser would keep it.
    const cookie = overHttps.split(';')[0]!;
    const out = await rawRequest(`${collector.url}/logout`, { method: 'POST', headers: { cookie, 'x-forwarded-proto': 'https' } });
    expect([out.headers['set-cookie'] ?? []].flat().join()).toMatch(/; Secure/);
  });
});

describe('without the setting, or with another proxy named', () => {
  for (const [name, proxies] of [
    ['no proxy named', undefined],
    ['only 10.20.30.40 named', ['10.20.30.40']],
  ] as const) {
    it(`ignores X-Forwarded-For and X-Forwarded-Proto from a client (${name})`, async () => {
      const collector = await collectorWith(proxies ? [...proxies] : undefined);
      // Plain HTTP stays plain HTTP, whatever the client says.
      expect(await sessionCookie(collector.url, { 'x-forwarded-proto': 'https', ...from('203.0.113.1') })).not.toMatch(/Secure/);
      // A new made-up address with every try: the collector still counts the socket's (the login
      // above was the first of its 2 a minute).
      expect([
        await wrongLogin(collector.url, from('203.0.113.2')),
        await wrongLogin(collector.url, from('203.0.113.3')),
        await wrongLogin(collector.url, from('203.0.113.4')),
      ]).toEqual([401, 429, 429]);
      expect([await challengeStatus(collector.url, from('203.0.113.5')), await challengeStatus(collector.url, from('203.0.113.6')), await challengeStatus(collector.url, from('203.0.113.7'))]).toEqual([403, 403, 429]);
    });
  }
});

describe('the trusted-proxy setting', () => {
  it('takes addresses and ranges, and refuses anything that would trust every client', async () => {
    expect(parseTrustedProxies(' 10.0.0.2, 10.1.0.0/16 ,::1,fd00::/8')).toEqual(['10.0.0.2', '10.1.0.0/16', '::1', 'fd00::/8']);
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies('')).toEqual([]);
    for (const everyone of ['0.0.0.0/0', '::/0', 'true', '*', 'loopback', 'proxy.example.org', '10.0.0.0/33', '10.0.0.2/8/1']) {
      expect(() => parseTrustedProxies(everyone), everyone).toThrow(/not a proxy address/);
    }
    await expect(buildCollector({ store: null as never, trustedProxies: ['0.0.0.0/0'] })).rejects.toThrow(/not a proxy address/);
  });
});
