import { afterEach, describe, expect, it } from 'vitest';
import { callHttp, callHttpOk } from '../support/api';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { rawApiCall, rawRequest } from '../support/raw-http';
import { TEST_ADMIN, TEST_SITE } from '../support/set-up';
import { tempDir } from '../support/temp-dir';

/*
 * DNS rebinding: a web page the kiosk's browser opens (http://evil.example:4310/) re-points its
 * own name at 127.0.0.1 and then talks to the host as "same origin". The browser still sends
 * `Host: evil.example:4310`, so the host must answer only the names it knows.
 */

let host: HostProcess | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const SETUP = { ...TEST_SITE, adminName: 'Rebinder', adminPassword: 'attacker password' };

describe('the host answers only names it knows (DNS rebinding)', () => {
  it('refuses an API call sent with Host: evil.example, so a rebinding page cannot finish set-up, and serves it no page either', async () => {
    host = await startHostProcess(tempDir(), { setUp: false });
    const port = new URL(host.url).port;

    const attack = await rawApiCall(host.url, 'setup.complete', SETUP, { headers: { Host: `evil.example:${port}` } });
    expect(attack.status).toBe(421);
    expect(attack.body).toEqual({ ok: false, error: { code: 'host.unknown_name', params: { host: `evil.example:${port}` } } });
    const page = await rawRequest({ url: host.url, path: '/', headers: { Host: `evil.example:${port}` } });
    expect(page.status).toBe(421);
    expect(page.text).not.toContain('<script');
    expect(page.text).toContain('Ayil does not answer to this address');

    // Nothing happened: the kiosk is still waiting for its set-up, and the same call by a known name works.
    expect((await callHttpOk(host.url, 'kiosk.state', {})).setUp).toBe(false);
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost']) {
      expect((await rawRequest({ url: host.url, path: '/', headers: { Host: name } })).status, name).toBe(200);
    }
    const local = await rawApiCall(host.url, 'setup.complete', SETUP, { headers: { Host: `localhost:${port}` } });
    expect(local.body).toMatchObject({ ok: true, value: { role: 'admin' } });
  });

  it('refuses an API call from a page of another origin, even under a known name', async () => {
    host = await startHostProcess(tempDir());
    const login = { name: TEST_ADMIN.name, password: TEST_ADMIN.password };
    const foreign = await rawApiCall(host.url, 'staff.login', login, { headers: { Origin: 'http://evil.example' } });
    expect(foreign).toMatchObject({ status: 421, body: { ok: false, error: { code: 'host.unknown_name' } } });
    expect((await rawApiCall(host.url, 'staff.login', login, { headers: { Origin: 'null' } })).status).toBe(421);
    const own = await rawApiCall(host.url, 'staff.login', login, { headers: { Origin: host.url.replace(/\/$/, '') } });
    expect(own.body).toMatchObject({ ok: true, value: { role: 'admin' } });
  });

  it('answers a name once the administrator adds it in Settings, and stops when it is removed', async () => {
    host = await startHostProcess(tempDir());
    const port = new URL(host.url).port;
    const viaName = () => rawApiCall(host!.url, 'kiosk.state', {}, { headers: { Host: `kitepkana-pc:${port}` } });
    expect((await viaName()).status).toBe(421);

    const { token } = await callHttpOk(host.url, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password });
    expect((await callHttp(host.url, 'settings.setHostNames', { names: ['evil example'] }, token)).body.error?.code).toBe('input.invalid');
    await callHttpOk(host.url, 'settings.setHostNames', { names: ['Kitepkana-PC'] }, token);
    const names = await callHttpOk(host.url, 'settings.hostNames', {}, token);
    expect(names.added).toEqual(['kitepkana-pc']);
    expect(names.own).toEqual(expect.arrayContaining(['localhost', '127.0.0.1', '::1']));
    expect(await viaName()).toMatchObject({ status: 200, body: { ok: true, value: { setUp: true } } });
    // Still nothing else.
    expect((await rawApiCall(host.url, 'kiosk.state', {}, { headers: { Host: `kitepkana-pc.evil.example:${port}` } })).status).toBe(421);

    await callHttpOk(host.url, 'settings.setHostNames', { names: [] }, token);
    expect((await viaName()).status).toBe(421);
  });
});
