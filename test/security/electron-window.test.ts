import fs from 'node:fs';
import path from 'node:path';
import type { Menu, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS } from '../../core/contract';
import { parseDesktopArgs } from '../../electron/command-line';
import { serveDesktopOverIpc } from '../../electron/desktop-ipc';
import { startLanHost } from '../../electron/lan-host';
import { bringWindowToFront, claimSingleInstance } from '../../electron/single-instance';
import { applyAppPolicies, lockDownSession } from '../../electron/web-policies';
import { isDevelopment, mainWindowOptions } from '../../electron/window-options';
import { callHttp } from '../support/api';
import { REPO_ROOT, RENDERER_DIR } from '../support/paths';
import { call, startTestCore } from '../support/test-core';
import { ipcHost } from './transports';
import { cancellable, fakeApp, fakeContents, fakeIpcMain, ipcEventFrom } from '../electron/fakes';

// Issue 11, item 9: the desktop app's window as a library's PC runs it. Each policy is the plain
// function electron/main.ts wires, applied to stand-ins of Electron's objects (its binary cannot
// run here).

const production = mainWindowOptions({ preload: '/app/dist/electron/preload.cjs', kiosk: false, development: isDevelopment(true, { AYIL_DEVTOOLS: '1' }) });

describe('the desktop app’s window (Electron’s objects stood in for)', () => {
  it('opens every window with context isolation, the sandbox, no Node, web security and no developer tools outside development', () => {
    expect(production.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    // `npm start` on a library's PC is not development, and a packaged app never is.
    expect(isDevelopment(true, { AYIL_DEVTOOLS: '1' })).toBe(false);
    expect(isDevelopment(false, {})).toBe(false);
    expect(isDevelopment(false, { AYIL_DEVTOOLS: '1' })).toBe(true);
    expect(mainWindowOptions({ preload: '/p', kiosk: false, development: true }).webPreferences?.devTools).toBe(true);

    // main.ts makes every window it creates from these options, and creates windows nowhere else.
    const sources = fs.readdirSync(path.join(REPO_ROOT, 'electron')).map((name) => fs.readFileSync(path.join(REPO_ROOT, 'electron', name), 'utf8'));
    const constructions = sources.flatMap((text) => text.match(/new BrowserWindow\([^)]*/g) ?? []);
    expect(constructions).toEqual(['new BrowserWindow(mainWindowOptions({ preload: paths.preload, kiosk: fullScreen, development }']);
  });

  it('has no application menu (so no Reload or Toggle Developer Tools shortcut) and closes developer tools that open anyway', () => {
    const app = fakeApp();
    const menu = { setApplicationMenu: vi.fn() };
    applyAppPolicies(app, menu as unknown as typeof Menu, { development: false });
    expect(menu.setApplicationMenu).toHaveBeenCalledWith(null);

    const contents = fakeContents();
    app.emit('web-contents-created', {}, contents);
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalledTimes(1);

    // While developing they stay open.
    const devApp = fakeApp();
    applyAppPolicies(devApp, menu as unknown as typeof Menu, { development: true });
    const devContents = fakeContents();
    devApp.emit('web-contents-created', {}, devContents);
    devContents.emit('devtools-opened');
    expect(devContents.closeDevTools).not.toHaveBeenCalled();
  });

  it('lets no page navigate, redirect, open a window or attach a webview', () => {
    const app = fakeApp();
    applyAppPolicies(app, { setApplicationMenu: () => {} } as unknown as typeof Menu, { development: false });
    const contents = fakeContents();
    app.emit('web-contents-created', {}, contents);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://ayil/other.html', 'pack://kg.ayil.first-steps/page.html']) {
      for (const event of ['will-navigate', 'will-redirect']) {
        const attempt = cancellable();
        contents.emit(event, attempt, url);
        expect(attempt.prevented, `${event} ${url}`).toBe(true);
      }
      expect(contents.openWindow(url)).toEqual({ action: 'deny' });
    }
    const webview = cancellable();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.prevented).toBe(true);
  });

  it('denies every permission request and every permission check of the app’s session', async () => {
    const handlers: { request?: (...a: any[]) => void; check?: (...a: any[]) => boolean; device?: (...a: any[]) => boolean } = {};
    lockDownSession({
      setPermissionRequestHandler: (handler: any) => void (handlers.request = handler),
      setPermissionCheckHandler: (handler: any) => void (handlers.check = handler),
      setDevicePermissionHandler: (handler: any) => void (handlers.device = handler),
    } as unknown as Session);
    const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'pointerLock', 'hid', 'serial', 'usb', 'openExternal', 'display-capture', 'fileSystem', 'idle-detection', 'unknown'];
    for (const permission of permissions) {
      const granted = await new Promise<boolean>((resolve) => handlers.request!({} as WebContents, permission, resolve, { requestingUrl: 'app://ayil/index.html' }));
      expect(granted, `request ${permission}`).toBe(false);
      expect(handlers.check!({} as WebContents, permission, 'app://ayil', { requestingUrl: 'app://ayil/index.html' }), `check ${permission}`).toBe(false);
    }
    expect(handlers.device!({ deviceType: 'usb', origin: 'app://ayil', device: {} })).toBe(false);
  });

  it('runs once per PC: a second start quits and brings the first window to the front', () => {
    const window = { isMinimized: vi.fn(() => true), restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    const first = fakeApp(true);
    expect(claimSingleInstance(first, () => bringWindowToFront(window))).toBe(true);
    expect(first.quit).not.toHaveBeenCalled();

    const second = fakeApp(false);
    expect(claimSingleInstance(second, () => bringWindowToFront(window))).toBe(false);
    expect(second.quit).toHaveBeenCalledTimes(1);
    expect(second.listenerCount('second-instance')).toBe(0);

    // The first instance hears of the second start and shows its window.
    first.emit('second-instance', {}, ['ayil.exe'], '/');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.show).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(1);
  });

  it('answers the desktop channels only from the app’s own top frame, like the API channel', async () => {
    const ipcMain = fakeIpcMain();
    const services = { systemIdleSeconds: vi.fn(() => 42), printCertificate: vi.fn(async () => true), sticks: vi.fn(() => []), saveCertificatePdf: vi.fn(async () => ({ ok: true as const, value: { file: 'f', stick: 's' } })) };
    serveDesktopOverIpc(ipcMain, services);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(DESKTOP_CHANNELS).sort());
    for (const channel of Object.values(DESKTOP_CHANNELS)) {
      await expect(ipcMain.invoke(channel, ipcEventFrom('https://evil.example/'), 'stick', 'CODE'), channel).rejects.toThrow(/Only the app/);
      await expect(ipcMain.invoke(channel, ipcEventFrom('app://ayil/frame.html', { topFrame: false }), 'stick', 'CODE'), channel).rejects.toThrow(/Only the app/);
      await expect(ipcMain.invoke(channel, ipcEventFrom('pack://kg.ayil.first-steps/x.html'), 'stick', 'CODE'), channel).rejects.toThrow(/Only the app/);
    }
    expect(services.systemIdleSeconds).not.toHaveBeenCalled();
    expect(services.saveCertificatePdf).not.toHaveBeenCalled();
    expect(await ipcMain.invoke(DESKTOP_CHANNELS.systemIdleSeconds, ipcEventFrom('app://ayil/index.html'))).toBe(42);
  });

  it('serves the classroom with --lan: the same HTTP host on the same core as the window’s IPC', async () => {
    expect(parseDesktopArgs(['.', '--lan'])).toMatchObject({ lan: true, port: 4310, kiosk: false });
    expect(parseDesktopArgs(['--no-sandbox', '.', '--lan', '--port', '8080', '--kiosk'])).toMatchObject({ lan: true, port: 8080, kiosk: true });
    expect(parseDesktopArgs(['.'])).toMatchObject({ lan: false });
    expect(() => parseDesktopArgs(['.', '--port', 'eighty'])).toThrow(/--port/);

    const core = await startTestCore();
    const host = await startLanHost(core, { rendererDir: RENDERER_DIR, port: 0 });
    try {
      const ipc = ipcHost(core.dispatch);
      const created = await ipc('learners.create', { displayName: 'Нурлан', avatar: 'sun', language: 'ky' });
      expect(created.ok).toBe(true);
      // A classroom PC (here: over loopback) sees the learner made at the kiosk's own window.
      const base = `http://127.0.0.1:${host.port}/`;
      const listed = await callHttp(base, 'learners.list', {});
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({ ok: true, value: [expect.objectContaining({ displayName: 'Нурлан' })] });
      const page = await fetch(base);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect(await call(core, 'learners.list', {})).toHaveLength(1);
    } finally {
      await host.close();
    }
  });
});
