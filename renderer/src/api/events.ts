import { EVENTS_PATH, type AyilBridge, type EventListener, type EventName, type EventPayload } from '../../../core/contract';

/** Opens one event stream for a session's token; the bridge's `subscribe`. */
export type OpenEventStream = AyilBridge['subscribe'];

const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * The browser host's event stream: Server-Sent Events at `GET api/events?ticket=…`. A page's
 * EventSource sends no headers, so each connection first asks `events.ticket` (with the token, over
 * the API) for a one-use ticket. A ticket cannot be used twice, so the browser's own reconnection
 * would only be refused: on any error the stream is closed and opened again with a new ticket,
 * waiting longer each time (up to 30 s) while the host is away.
 */
export function sseSubscribe(call: AyilBridge['call']): OpenEventStream {
  return (token, listener, opened) => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = RETRY_FIRST_MS;
    let stopped = false;
    const retry = () => {
      source?.close();
      source = null;
      if (stopped) return;
      timer = setTimeout(() => void connect(), wait);
      wait = Math.min(wait * 2, RETRY_MAX_MS);
    };
    const connect = async () => {
      const answer = await call('events.ticket', {}, token);
      if (stopped) return;
      if (!answer.ok) return retry();
      const { ticket } = answer.value as { ticket: string };
      source = new EventSource(`${EVENTS_PATH}?ticket=${encodeURIComponent(ticket)}`);
      source.onopen = () => {
        wait = RETRY_FIRST_MS;
        opened?.();
      };
      source.onmessage = (message: { data: string }) => listener(JSON.parse(message.data) as Parameters<EventListener>[0]);
      source.onerror = retry;
    };
    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  };
}

type Handler = (payload: never) => void;

/**
 * The page's one event stream, shared by every subscriber and opened only while someone listens.
 * It follows the client's session: a new token (sign-in, sign-out) reopens it, so it always
 * carries exactly what the current session's role may receive.
 */
export class EventHub {
  private readonly handlers = new Map<EventName, Set<Handler>>();
  private readonly openedHandlers = new Set<() => void>();
  private close: (() => void) | null = null;

  constructor(
    private readonly open: OpenEventStream,
    private readonly token: () => string | null,
  ) {}

  subscribe<K extends EventName>(event: K, handler: (payload: EventPayload<K>) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as Handler);
    this.ensureOpen();
    return () => {
      set.delete(handler as Handler);
      if (set.size === 0) this.handlers.delete(event);
      this.closeIfUnused();
    };
  }

  /** Called each time the stream (re)opens: events may have been missed before, so ask again. */
  onOpened(handler: () => void): () => void {
    this.openedHandlers.add(handler);
    return () => {
      this.openedHandlers.delete(handler);
    };
  }

  /** The session changed: the stream is reopened for it (if one is open). */
  restart(): void {
    if (!this.close) return;
    this.close();
    this.close = null;
    this.ensureOpen();
  }

  private ensureOpen(): void {
    if (this.close || this.handlers.size === 0) return;
    this.close = this.open(
      this.token(),
      (message) => {
        for (const handler of [...(this.handlers.get(message.event) ?? [])]) (handler as (payload: unknown) => void)(message.payload);
      },
      () => {
        for (const handler of [...this.openedHandlers]) handler();
      },
    );
  }

  private closeIfUnused(): void {
    if (this.handlers.size > 0 || !this.close) return;
    this.close();
    this.close = null;
  }
}
