import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTOR_PATHS, type SyncDelivery } from '../../core/contract';
import { CollectorClient, SyncAborted, SyncFailure } from '../../core/sync/collector-client';

/**
 * What the kiosk makes of each kind of answer (or silence), against a real HTTP server on
 * loopback that answers as told: the problem the console shows, and whether a batch counts as sent.
 */
type Answer = (request: http.IncomingMessage, response: http.ServerResponse, body: string) => void;

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((r) => server.close(r));
});

async function collectorAnswering(answer: Answer): Promise<string> {
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk));
    request.on('end', () => answer(request, response, body));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

function delivery(): SyncDelivery {
  return {
    deviceTime: '2026-03-04T12:00:00Z',
    batch: { schema: 'ayil.sync-batch', schemaVersion: 1, siteCode: 'TEST-01', sequence: 3, key: randomUUID(), k: 5, rows: [] },
  };
}

const ackOf = (d: SyncDelivery, status: 'stored' | 'duplicate' = 'stored') => ({
  key: d.batch.key,
  sequence: d.batch.sequence,
  status,
  receivedAt: '2026-03-04T12:00:05Z',
  clockSkewSeconds: 5,
});

async function problemOf(promise: Promise<unknown>): Promise<{ problem: string; retryAfterMs: number | null } | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (!(error instanceof SyncFailure)) throw error;
    return { problem: error.problem, retryAfterMs: error.retryAfterMs };
  }
}

const client = (baseUrl: string, timeouts = { probeTimeoutMs: 2000, requestTimeoutMs: 2000 }) => new CollectorClient({ baseUrl, ...timeouts });

describe('the collector client', () => {
  it('takes only an acknowledgement of the very batch it sent, stored or duplicate', async () => {
    let answer: 'stored' | 'duplicate' | 'other' | 'garbage' = 'stored';
    let seen: { path?: string; auth?: string; body?: unknown } = {};
    const url = await collectorAnswering((request, response, body) => {
      seen = { path: request.url, auth: request.headers.authorization, body: JSON.parse(body) };
      const sent = JSON.parse(body) as SyncDelivery;
      if (answer === 'garbage') return response.writeHead(200).end('<html>captive portal</html>');
      if (answer === 'other') return json(response, 200, { ...ackOf(sent), key: randomUUID() });
      return json(response, 200, ackOf(sent, answer));
    });
    const d = delivery();
    expect(await client(url).deliver(d, 'site-token', undefined)).toMatchObject({ key: d.batch.key, status: 'stored' });
    expect(seen).toEqual({ path: COLLECTOR_PATHS.batches, auth: 'Bearer site-token', body: d });
    answer = 'duplicate';
    expect((await client(url).deliver(d, 'site-token')).status).toBe('duplicate');
    answer = 'other';
    expect(await problemOf(client(url).deliver(d, 'site-token'))).toEqual({ problem: 'sync.server_error', retryAfterMs: null });
    answer = 'garbage';
    expect(await problemOf(client(url).deliver(d, 'site-token'))).toEqual({ problem: 'sync.server_error', retryAfterMs: null });
  });

  it('names each refusal as the console shows it', async () => {
    let status = 0;
    let headers: Record<string, string> = {};
    const url = await collectorAnswering((_request, response) => json(response, status, { error: 'whatever' }, headers));
    const cases: Array<[number, string]> = [
      [401, 'sync.token_refused'],
      [403, 'sync.token_refused'],
      [400, 'sync.batch_refused'],
      [409, 'sync.batch_refused'],
      [413, 'sync.batch_refused'],
      [422, 'sync.batch_refused'],
      [404, 'sync.server_error'],
      [500, 'sync.server_error'],
      [502, 'sync.server_error'],
      [302, 'sync.server_error'],
    ];
    for (const [code, problem] of cases) {
      status = code;
      headers = code === 302 ? { location: 'http://127.0.0.1:1/elsewhere' } : {};
      expect(await problemOf(client(url).deliver(delivery(), 't')), String(code)).toEqual({ problem, retryAfterMs: null });
    }
    status = 429;
    headers = { 'retry-after': '42' };
    expect(await problemOf(client(url).deliver(delivery(), 't'))).toEqual({ problem: 'sync.rate_limited', retryAfterMs: 42_000 });
  });

  it('calls silence, refusal and slowness “unreachable”, and its own abort an abort', async () => {
    // Nothing listens on port 1.
    expect(await problemOf(client('http://127.0.0.1:1').probe())).toEqual({ problem: 'sync.unreachable', retryAfterMs: null });
    // A server that never answers: the probe's short timeout gives up.
    const silent = await collectorAnswering(() => {});
    const started = Date.now();
    expect(await problemOf(client(silent, { probeTimeoutMs: 200, requestTimeoutMs: 5000 }).probe())).toEqual({ problem: 'sync.unreachable', retryAfterMs: null });
    expect(Date.now() - started).toBeLessThan(2000);
    // A connection reset mid-answer.
    const resetting = await collectorAnswering((request) => request.socket.destroy());
    expect(await problemOf(client(resetting).deliver(delivery(), 't'))).toEqual({ problem: 'sync.unreachable', retryAfterMs: null });
    // Speaking https to a plain http server: the TLS handshake fails.
    const plain = await collectorAnswering((_request, response) => json(response, 200, { ok: true }));
    expect(await problemOf(client(plain.replace('http:', 'https:')).probe())).toEqual({ problem: 'sync.tls_failed', retryAfterMs: null });

    const controller = new AbortController();
    const pending = client(silent).probe(controller.signal);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(SyncAborted);
  });

  it('answers an enrolment refusal as such, at either step, and an answer that is no enrolment as the collector’s problem', async () => {
    let challengeStatus = 200;
    let status = 403;
    const signed: string[] = [];
    const url = await collectorAnswering((request, response, body) => {
      if (request.url === COLLECTOR_PATHS.enrolChallenge) {
        expect(JSON.parse(body)).toEqual({ code: 'ABCDEF-123456', publicKey: 'A'.repeat(60) });
        if (challengeStatus === 200) return json(response, 200, { challenge: 'C'.repeat(43), expiresAt: '2026-03-04T12:05:00Z' });
        if (challengeStatus === 201) return json(response, 200, { challenge: 'not a challenge' });
        return json(response, challengeStatus, { error: 'enrol.code_invalid' });
      }
      expect(request.url).toBe(COLLECTOR_PATHS.enrol);
      // The second step carries the challenge and the kiosk's signature of it.
      expect(JSON.parse(body)).toMatchObject({ challenge: 'C'.repeat(43), signature: 'c2lnbmVk' });
      if (status === 200) return json(response, 200, { siteId: 'x' });
      json(response, status, { error: 'enrol.proof_invalid' });
    });
    const request = { code: 'ABCDEF-123456', site: { code: 'TEST-01', name: 'Test Library', region: '', district: '' }, publicKey: 'A'.repeat(60) };
    const sign = (text: string) => {
      signed.push(text);
      return 'c2lnbmVk';
    };
    await expect(client(url).enrol(request, sign)).rejects.toMatchObject({ code: 'sync.enrol_refused', params: { status: 403, reason: 'enrol.proof_invalid' } });
    // What was signed binds the challenge, the code (as the collector compares it) and the key.
    expect(signed).toEqual([`ayil.enrol-proof.v1\nchallenge:${'C'.repeat(43)}\ncode:ABCDEF123456\npublicKey:${'A'.repeat(60)}`]);
    status = 500;
    await expect(client(url).enrol(request, sign)).rejects.toMatchObject({ code: 'sync.server_error' });
    status = 200;
    await expect(client(url).enrol(request, sign)).rejects.toMatchObject({ code: 'sync.server_error' });

    // Refused at the first step: nothing is signed.
    signed.length = 0;
    challengeStatus = 403;
    await expect(client(url).enrol(request, sign)).rejects.toMatchObject({ code: 'sync.enrol_refused', params: { status: 403, reason: 'enrol.code_invalid' } });
    challengeStatus = 201;
    await expect(client(url).enrol(request, sign)).rejects.toMatchObject({ code: 'sync.server_error' });
    expect(signed).toEqual([]);
  });
});
