import type { AyilBridge, AyilDesktopBridge, EventName, EventPayload, MethodInput, MethodName, MethodOutput, Result } from '../../../core/contract';
import { EventHub, sseSubscribe, type OpenEventStream } from './events';

/** How a call travels: Electron IPC (`window.ayil`) or HTTP to the browser host. Same shape. */
export type Transport = AyilBridge['call'];

declare global {
  interface Window {
    /** The desktop app's preload bridge; each desktop addition is used only where it is there. */
    ayil?: AyilBridge & Partial<Omit<AyilDesktopBridge, 'call'>>;
  }
}

/** The desktop app's additions to the bridge, or null in a browser. */
export function desktop(): Partial<Omit<AyilDesktopBridge, 'call'>> | null {
  return window.ayil ?? null;
}

export const httpTransport: Transport = async (method, input, token) => {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    const response = await fetch(`api/${encodeURIComponent(method)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
    return (await response.json()) as Result<unknown>;
  } catch {
    // The host is gone (stopped, restarting, network cable out): say so instead of hanging.
    return { ok: false, error: { code: 'host.unreachable', params: {} } };
  }
};

/** The renderer's one typed API client; it knows the contract's types, never Node. */
export class ApiClient {
  private token: string | null = null;
  private readonly events: EventHub;

  constructor(
    private readonly transport: Transport,
    openEvents: OpenEventStream = sseSubscribe(transport),
  ) {
    this.events = new EventHub(openEvents, () => this.token);
  }

  setToken(token: string | null): void {
    if (token === this.token) return;
    this.token = token;
    // The event stream carries what the session may receive: a new session, a new stream.
    this.events.restart();
  }

  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<Result<MethodOutput<K>>> {
    return this.transport(method, input, this.token) as Promise<Result<MethodOutput<K>>>;
  }

  /**
   * Hears one of core's events (core/contract/events.ts) that the current session may receive,
   * until the returned function is called. Over IPC in the desktop app, Server-Sent Events in a
   * browser; one stream for the page, open only while someone listens.
   */
  subscribe<K extends EventName>(event: K, handler: (payload: EventPayload<K>) => void): () => void {
    return this.events.subscribe(event, handler);
  }

  /** Called each time the event stream (re)connects: events may have been missed, so ask again. */
  onEventsOpened(handler: () => void): () => void {
    return this.events.onOpened(handler);
  }
}

const bridge = window.ayil;
export const api = bridge
  ? new ApiClient(bridge.call.bind(bridge), (token, listener, opened) => bridge.subscribe(token, listener, opened))
  : new ApiClient(httpTransport);

/**
 * Where the page loads a file of an installed pack: Electron serves them at pack://<id>/…,
 * the browser host at packs/<id>/… on its own origin.
 */
export function assetUrl(packId: string, file: string): string {
  const path = file.split('/').map(encodeURIComponent).join('/');
  return window.ayil ? `pack://${packId}/${path}` : `packs/${encodeURIComponent(packId)}/${path}`;
}
