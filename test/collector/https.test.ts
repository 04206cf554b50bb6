import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectorBackends, rawRequest, startTestCollector, type TestCollector } from '../support/collector';
import { completions, instant, TestKiosk } from './kiosk-client';

/** A self-signed certificate for 127.0.0.1, made by openssl in a temporary folder. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'),
      '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { stdio: 'pipe' });
    return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(collectorBackends)('HTTPS (%s)', (backend) => {
  let collector: TestCollector;
  let tls: { key: Buffer; cert: Buffer };
  beforeAll(async () => {
    tls = selfSignedCertificate();
    collector = await startTestCollector({ backend, https: tls });
  });
  afterAll(() => collector.close());

  it('serves TLS: a client trusting the certificate gets health and can log in; one that does not is refused', async () => {
    expect(collector.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await rawRequest(`${collector.url}/api/v1/health`, { ca: tls.cert });
    expect(health.status).toBe(200);
    expect(health.json().ok).toBe(true);

    // Over HTTPS the session cookie is marked Secure.
    const login = await rawRequest(`${collector.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'test-admin-password' }),
      ca: tls.cert,
    });
    expect(login.headers['set-cookie']![0]).toMatch(/; Secure/);

    await expect(rawRequest(`${collector.url}/api/v1/health`)).rejects.toThrow(/self[- ]signed|unable to verify/i);
    await expect(rawRequest(collector.url.replace('https:', 'http:') + '/api/v1/health')).rejects.toThrow();
  });

  it('takes an enrolment and a batch over TLS', async () => {
    const kiosk = new TestKiosk({ code: 'TLS-01' });
    const code = await collector.createCode();
    const asked = await rawRequest(`${collector.url}/api/v1/enrol/challenge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, publicKey: kiosk.publicKey }),
      ca: tls.cert,
    });
    expect(asked.status).toBe(200);
    const enrolled = await rawRequest(`${collector.url}/api/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(kiosk.enrolment(code, asked.json().challenge)),
      ca: tls.cert,
    });
    expect(enrolled.status).toBe(200);
    const { token } = enrolled.json();
    const delivered = await rawRequest(`${collector.url}/api/v1/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ deviceTime: instant(new Date()), batch: kiosk.batch([completions('2026-W11', 2)]) }),
      ca: tls.cert,
    });
    expect(delivered.status).toBe(200);
    expect(delivered.json().status).toBe('stored');
  });
});
