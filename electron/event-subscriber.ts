import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { AyilBridge, EVENT_CHANNELS } from '../core/contract/bridge';
import type { EventMessage } from '../core/contract/events';

/**
 * The preload's `subscribe`: asks the main process for a subscription with the session's token
 * (answered with its id) and hands the page the messages of that subscription only. Bundled into
 * the preload, so it imports nothing but types.
 */
export function subscribeOverIpc(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, channels: typeof EVENT_CHANNELS): AyilBridge['subscribe'] {
  return (token, listener, opened) => {
    let id: string | null = null;
    let stopped = false;
    const onMessage = (_event: IpcRendererEvent, subscription: unknown, message: EventMessage) => {
      if (subscription === id) listener(message);
    };
    ipc.on(channels.message, onMessage);
    void ipc.invoke(channels.subscribe, token).then((answer: string) => {
      if (stopped) return void ipc.invoke(channels.unsubscribe, answer);
      id = answer;
      opened?.();
    });
    return () => {
      stopped = true;
      ipc.removeListener(channels.message, onMessage);
      if (id !== null) void ipc.invoke(channels.unsubscribe, id);
    };
  };
}
