import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS } from '../../core/contract';
import { CERTIFICATE_PDF_OPTIONS, certificatePdfName, saveCertificatePdf } from '../../electron/certificate-pdf';
import { serveDesktopOverIpc } from '../../electron/desktop-ipc';
import { followKioskSetting, kioskModeOf, readKioskSetting } from '../../electron/kiosk-mode';
import { fileLog } from '../../electron/log';
import { watchRenderer } from '../../electron/renderer-watchdog';
import { mainWindowOptions } from '../../electron/window-options';
import { call, staffToken, startTestCore } from '../support/test-core';
import { tempDir } from '../support/temp-dir';
import { fakeContents, fakeIpcMain, ipcEventFrom } from './fakes';
import { ipcHost } from '../security/transports';

afterEach(() => {
  vi.useRealTimers();
});

describe('the renderer watchdog', () => {
  it('reloads the app after the renderer crashes or is killed, logs it, and waits longer after each crash in a row', () => {
    vi.useFakeTimers();
    const contents = fakeContents();
    const reload = vi.fn();
    const log = vi.fn();
    watchRenderer(contents, { reload, log });

    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('crashed'));
    vi.advanceTimersByTime(999);
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(1);

    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    vi.advanceTimersByTime(1_999);
    expect(reload).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(2);
    expect(log).toHaveBeenLastCalledWith(expect.stringContaining('oom'));

    // A window closing ends its renderer cleanly: nothing to reload.
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    vi.advanceTimersByTime(120_000);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('ends and reloads a renderer that hangs, but not one that answers again in time', () => {
    vi.useFakeTimers();
    const contents = fakeContents();
    const reload = vi.fn();
    const log = vi.fn();
    watchRenderer(contents, { reload, log, hangMs: 10_000 });

    contents.emit('unresponsive');
    vi.advanceTimersByTime(9_000);
    contents.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    expect(reload).not.toHaveBeenCalled();

    contents.emit('unresponsive');
    vi.advanceTimersByTime(10_000);
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('did not answer for 10 seconds'));
    // Ending it also reports it gone: still one reload.
    contents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    vi.advanceTimersByTime(5_000);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload a window that is gone', () => {
    vi.useFakeTimers();
    const contents = fakeContents();
    const reload = vi.fn();
    watchRenderer(contents, { reload, log: () => {} });
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    contents.isDestroyed.mockReturnValue(true);
    vi.advanceTimersByTime(10_000);
    expect(reload).not.toHaveBeenCalled();
  });
});

describe('kiosk mode', () => {
  it('follows the administrator’s setting; --kiosk forces it on and --windowed off', () => {
    expect(kioskModeOf({ kiosk: false, windowed: false }, false)).toBe(false);
    expect(kioskModeOf({ kiosk: false, windowed: false }, true)).toBe(true);
    expect(kioskModeOf({ kiosk: true, windowed: false }, false)).toBe(true);
    expect(kioskModeOf({ kiosk: true, windowed: true }, true)).toBe(false);
    expect(mainWindowOptions({ preload: '/p', kiosk: true, development: false })).toMatchObject({ kiosk: true, fullscreen: true });
  });

  it('is an administrator’s setting kept in the database, and the window switches as soon as it is saved', async () => {
    const core = await startTestCore();
    expect(await readKioskSetting(core.dispatch)).toBe(false);
    const admin = await staffToken(core, 'admin');
    const applied: boolean[] = [];
    const ipc = ipcHost(followKioskSetting(core.dispatch, (fullScreen) => applied.push(fullScreen)));

    const site = ((await ipc('settings.get', {}, admin)) as { value: Record<string, unknown> }).value;
    expect(site.fullScreen).toBe(false);
    expect(await ipc('settings.update', { ...site, fullScreen: true }, admin)).toMatchObject({ ok: true });
    expect(applied).toEqual([true]);
    expect(await readKioskSetting(core.dispatch)).toBe(true);
    expect(await ipc('kiosk.state', {})).toMatchObject({ ok: true, value: { fullScreen: true } });

    // A learner cannot change it, and a refused change switches nothing.
    const learner = await call(core, 'learners.create', { displayName: 'Айгүл', avatar: 'star', language: 'ky' });
    expect(await ipc('settings.update', { ...site, fullScreen: false }, learner.token)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(applied).toEqual([true]);
    expect(await ipc('settings.update', { ...site, fullScreen: false }, admin)).toMatchObject({ ok: true });
    expect(applied).toEqual([true, false]);

    // It survives a restart (the database keeps it).
    await core.close();
    const again = await startTestCore({ dataDir: core.dataDir });
    expect(await readKioskSetting(again.dispatch)).toBe(false);
  });
});

describe('a certificate saved as a PDF on a USB stick', () => {
  it('is written onto the chosen stick under its code’s name, made with the A4 options', async () => {
    const drives = tempDir();
    fs.mkdirSync(path.join(drives, 'KINGSTON'));
    const core = await startTestCore({ driveRoots: [drives] });
    await vi.waitFor(() => expect(core.sticks()).toHaveLength(1), { timeout: 5_000 });
    const [stick] = core.sticks();
    expect(stick!.label).toBe('KINGSTON');

    const pdf = Buffer.from('%PDF-1.7 a certificate');
    const printToPDF = vi.fn(async () => pdf);
    const ipcMain = fakeIpcMain();
    serveDesktopOverIpc(ipcMain, {
      systemIdleSeconds: () => 0,
      printCertificate: async () => true,
      sticks: () => core.sticks(),
      saveCertificatePdf: (_sender, stickId, code) => saveCertificatePdf({ printToPDF, sticks: core.sticks, saveToStick: core.saveToStick }, stickId, code),
    });
    const fromApp = ipcEventFrom('app://ayil/index.html');
    expect(await ipcMain.invoke(DESKTOP_CHANNELS.sticks, fromApp)).toEqual([{ id: stick!.id, label: 'KINGSTON' }]);

    const saved = await ipcMain.invoke(DESKTOP_CHANNELS.saveCertificatePdf, fromApp, stick!.id, '7K3QD-M9X2A');
    expect(saved).toEqual({ ok: true, value: { file: 'ayil-certificate-7K3QD-M9X2A.pdf', stick: 'KINGSTON' } });
    expect(printToPDF).toHaveBeenCalledWith(CERTIFICATE_PDF_OPTIONS);
    expect(fs.readFileSync(path.join(drives, 'KINGSTON', 'ayil-certificate-7K3QD-M9X2A.pdf'))).toEqual(pdf);
    expect(fs.readdirSync(path.join(drives, 'KINGSTON'))).toEqual(['ayil-certificate-7K3QD-M9X2A.pdf']);
  });

  it('refuses a stick the kiosk does not see and a code that is no certificate code (no path can be smuggled in)', async () => {
    const core = await startTestCore({ driveRoots: [tempDir()] });
    const printToPDF = vi.fn(async () => Buffer.from('%PDF'));
    const deps = { printToPDF, sticks: core.sticks, saveToStick: core.saveToStick };
    expect(await saveCertificatePdf(deps, '0:/media/gone', '7K3QD-M9X2A')).toEqual({ ok: false, error: { code: 'drive.not_found', params: { driveId: '0:/media/gone' } } });
    for (const code of ['../../etc/passwd', '7K3QD-M9X2', '7k3qd-m9x2a', 'ILOU0-00000', 42, null]) {
      expect(await saveCertificatePdf(deps, 'any', code), String(code)).toMatchObject({ ok: false, error: { code: 'api.bad_request' } });
    }
    expect(printToPDF).not.toHaveBeenCalled();
    expect(certificatePdfName('7K3QD-M9X2A')).toBe('ayil-certificate-7K3QD-M9X2A.pdf');
  });
});

describe('the desktop log', () => {
  it('keeps each event with its time in the data folder’s logs/desktop.log', () => {
    const dataDir = tempDir();
    const log = fileLog(dataDir);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    log('The interface stopped (crashed, exit code 139); loading it again.');
    quiet.mockRestore();
    const text = fs.readFileSync(path.join(dataDir, 'logs', 'desktop.log'), 'utf8');
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z The interface stopped \(crashed, exit code 139\); loading it again\.\n$/);
  });
});
