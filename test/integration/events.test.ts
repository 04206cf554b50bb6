import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { IpcMainInvokeEvent, IpcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, type EventMessage } from '../../core/contract';
import type { Core } from '../../core';
import { ForbiddenSender } from '../../electron/desktop-ipc';
import { serveEventsOverIpc } from '../../electron/event-ipc';
import { subscribeOverIpc } from '../../electron/event-subscriber';
import { buildHttpHost } from '../../http-host/http';
import { callHttp, callHttpOk, importOverHttp } from '../support/api';
import { fakeIpcMain, ipcEventFrom } from '../electron/fakes';
import { makePack } from '../support/packs';
import { TEST_ADMIN, call, importThroughApi, staffToken, startTestCore } from '../support/test-core';
import { tempDir } from '../support/temp-dir';
import { until } from '../support/until';


const names = (messages: EventMessage[]) => new Set(messages.map((m) => m.event));

/** A kiosk watching a folder of "sticks" (plain folders), its sync loop idling every 100 ms. */
async function kioskWithSticks() {
  const drives = tempDir('ayil-drives-');
  const core = await startTestCore({ driveRoots: [drives], drivePollMs: 50, sync: { idleMs: 100 } });
  const facilitator = await staffToken(core, 'facilitator');
  const admin = (await call<{ token: string }>(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
  const learner = (await call<{ token: string }>(core, 'learners.create', { displayName: 'Асел', avatar: 'star', language: 'ky' })).token;
  const plugIn = async () => {
    const stick = path.join(drives, 'STICK');
    fs.mkdirSync(stick);
    const pack = await makePack({ version: '3.0.0', dir: stick });
    return { stick, pack };
  };
  return { core, facilitator, admin, learner, plugIn };
}

/** The browser host's event stream as a page's EventSource reads it (a ticket first, then GET). */
async function openStream(url: string, token: string | null) {
  const { ticket } = await callHttpOk<{ ticket: string }>(url, 'events.ticket', {}, token ?? undefined);
  const controller = new AbortController();
  const response = await fetch(new URL(`api/events?ticket=${ticket}`, url), { signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const messages: EventMessage[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const data = buffer
          .slice(0, end)
          .split('\n')
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice('data: '.length))
          .join('\n');
        buffer = buffer.slice(end + 2);
        if (data) messages.push(JSON.parse(data) as EventMessage);
      }
    }
  })();
  return { ticket, messages, close: () => controller.abort() };
}

async function serveOverHttp(core: Core) {
  const app = buildHttpHost(core, { rendererDir: tempDir() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`, close: () => app.close() };
}

describe('events over Server-Sent Events (real fastify on loopback)', () => {
  it('carries each event to the sessions whose role may receive it, sticks only when they change, and a session its own end', async () => {
    const { core, facilitator, admin, learner, plugIn } = await kioskWithSticks();
    const host = await serveOverHttp(core);
    try {
      const staffStream = await openStream(host.url, facilitator);
      const adminStream = await openStream(host.url, admin);
      const learnerStream = await openStream(host.url, learner);
      const nobodyStream = await openStream(host.url, null);

      const { stick, pack } = await plugIn();
      const sticks = await until('sticks.changed', () => staffStream.messages.find((m) => m.event === 'sticks.changed'));
      expect(sticks.payload).toEqual({ sticks: [expect.objectContaining({ path: stick, label: 'STICK' })] });
      // Many more looks at the sticks, no more events: only a change of the set is told.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(staffStream.messages.filter((m) => m.event === 'sticks.changed')).toHaveLength(1);

      expect(await importOverHttp(host.url, facilitator, pack)).toBe('done');
      await until('packs.changed', () => learnerStream.messages.some((m) => m.event === 'packs.changed'));
      const jobs = staffStream.messages.filter((m) => m.event === 'imports.changed').map((m) => m.payload.job.state);
      expect(jobs[0]).toBe('queued');
      expect(jobs.at(-1)).toBe('done');
      expect(staffStream.messages.find((m) => m.event === 'packs.changed')?.payload).toEqual({ packId: 'kg.ayil.test-pack', change: 'installed', version: '3.0.0' });
      const status = await until('sync.changed', () => adminStream.messages.find((m) => m.event === 'sync.changed'));
      expect(status.payload).toMatchObject({ enrolled: false });

      // A learner and a page with no session get what anyone may know, never staff's events.
      for (const stream of [learnerStream, nobodyStream]) {
        expect(names(stream.messages)).toEqual(new Set(['packs.changed']));
      }
      expect(names(staffStream.messages)).not.toContain('sync.changed');

      expect((await callHttp(host.url, 'session.logout', {}, learner)).status).toBe(200);
      await until('session.ended', () => learnerStream.messages.some((m) => m.event === 'session.ended'));
      expect(names(staffStream.messages)).not.toContain('session.ended');
      for (const stream of [staffStream, adminStream, learnerStream, nobodyStream]) stream.close();

      // A ticket opens one stream once; without one there is none.
      expect((await fetch(new URL(`api/events?ticket=${staffStream.ticket}`, host.url))).status).toBe(403);
      expect((await fetch(new URL('api/events', host.url))).status).toBe(403);
    } finally {
      await host.close();
    }
  }, 60_000);
});

describe('events over the desktop app’s IPC (Electron mocked: its binary cannot run here)', () => {
  /** The preload's subscribe, wired to the main process's handlers through stand-ins of ipcRenderer and the window. */
  function windowAt(ipcMain: ReturnType<typeof fakeIpcMain>, url = 'app://ayil/index.html') {
    const page = new EventEmitter();
    const sender = Object.assign(new EventEmitter(), { send: (channel: string, ...args: unknown[]) => page.emit(channel, {}, ...args), isDestroyed: () => false });
    const event = ipcEventFrom(url, { sender: { send: sender.send, isDestroyed: sender.isDestroyed, on: sender.on.bind(sender) } });
    const ipcRenderer = {
      invoke: (channel: string, ...args: unknown[]) => ipcMain.invoke(channel, event, ...args),
      on: page.on.bind(page),
      removeListener: page.removeListener.bind(page),
    } as unknown as IpcRenderer;
    return { subscribe: subscribeOverIpc(ipcRenderer, EVENT_CHANNELS), event };
  }

  it('carries each event to the window whose session may receive it, and stops when told', async () => {
    const { core, facilitator, learner, plugIn } = await kioskWithSticks();
    const ipcMain = fakeIpcMain();
    serveEventsOverIpc(ipcMain, core.events);

    const consoleWindow = windowAt(ipcMain);
    const screen = windowAt(ipcMain);
    const staffMessages: EventMessage[] = [];
    const learnerMessages: EventMessage[] = [];
    const opened = vi.fn();
    const stopStaff = consoleWindow.subscribe(facilitator, (m) => staffMessages.push(m), opened);
    screen.subscribe(learner, (m) => learnerMessages.push(m));
    await until('the subscription', () => opened.mock.calls.length === 1);

    const { pack } = await plugIn();
    await until('sticks.changed', () => staffMessages.some((m) => m.event === 'sticks.changed'));
    expect((await importThroughApi(core, facilitator, pack)).state).toBe('done');
    await until('packs.changed', () => learnerMessages.some((m) => m.event === 'packs.changed'));
    expect(staffMessages.filter((m) => m.event === 'imports.changed').at(-1)?.payload.job).toMatchObject({ state: 'done', packId: 'kg.ayil.test-pack' });
    expect(names(learnerMessages)).toEqual(new Set(['packs.changed']));

    // Unsubscribed: the console hears nothing more; the learner's screen hears the pack go.
    stopStaff();
    const heard = staffMessages.length;
    await call(core, 'packs.remove', { packId: 'kg.ayil.test-pack' }, facilitator);
    await until('packs.changed (removed)', () => learnerMessages.some((m) => m.event === 'packs.changed' && m.payload.change === 'removed'));
    expect(staffMessages).toHaveLength(heard);

    await call(core, 'session.logout', {}, learner);
    expect(learnerMessages.at(-1)).toEqual({ event: 'session.ended', payload: {} });
  }, 60_000);

  it('refuses a subscription from anything but the app’s own top frame', async () => {
    const { core } = await kioskWithSticks();
    const ipcMain = fakeIpcMain();
    serveEventsOverIpc(ipcMain, core.events);
    for (const event of [ipcEventFrom('https://evil.example/'), ipcEventFrom('app://ayil/frame.html', { topFrame: false })] as IpcMainInvokeEvent[]) {
      await expect(ipcMain.invoke(EVENT_CHANNELS.subscribe, event, null)).rejects.toBeInstanceOf(ForbiddenSender);
    }
  });
});
