import { randomUUID } from 'node:crypto';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_CHANNELS } from '../core/contract';
import type { Core } from '../core';
import { ForbiddenSender } from './desktop-ipc';
import { isAppTopFrame } from './ipc';

/**
 * Carries core's events to the app's window: the page subscribes with its session's token (only
 * from the app's own top frame, like every channel) and gets a subscription id; the events that
 * session may receive then come on `EVENT_CHANNELS.message` with that id. A window that reloads,
 * navigates or goes away loses its subscriptions, so none is left sending into nothing.
 */
export function serveEventsOverIpc(ipcMain: Pick<IpcMain, 'handle'>, events: Core['events']): void {
  const subscriptions = new Map<string, { sender: WebContents; stop: () => void }>();
  const watched = new WeakSet<WebContents>();
  const end = (id: string) => {
    subscriptions.get(id)?.stop();
    subscriptions.delete(id);
  };
  const endAllOf = (sender: WebContents) => {
    for (const [id, subscription] of subscriptions) if (subscription.sender === sender) end(id);
  };

  ipcMain.handle(EVENT_CHANNELS.subscribe, (event: IpcMainInvokeEvent, token: unknown) => {
    if (!isAppTopFrame(event)) throw new ForbiddenSender();
    if (token !== null && typeof token !== 'string') throw new TypeError('A token is a string or null.');
    const sender = event.sender;
    const id = randomUUID();
    const stop = events.subscribe(token, (message) => {
      if (!sender.isDestroyed()) sender.send(EVENT_CHANNELS.message, id, message);
    });
    subscriptions.set(id, { sender, stop });
    if (!watched.has(sender)) {
      watched.add(sender);
      sender.on('destroyed', () => endAllOf(sender));
      // A reload or a navigation starts a new page: the old page's subscriptions go with it.
      sender.on('did-start-navigation', (details: { isMainFrame?: boolean; isSameDocument?: boolean }) => {
        if (details.isMainFrame !== false && !details.isSameDocument) endAllOf(sender);
      });
    }
    return id;
  });

  ipcMain.handle(EVENT_CHANNELS.unsubscribe, (event: IpcMainInvokeEvent, id: unknown) => {
    if (!isAppTopFrame(event)) throw new ForbiddenSender();
    // Only the window that subscribed may end a subscription.
    if (typeof id === 'string' && subscriptions.get(id)?.sender === event.sender) end(id);
  });
}
