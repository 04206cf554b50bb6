import { randomBytes } from 'node:crypto';
import { events, type EventMessage, type EventName, type EventPayload } from '../contract';
import { authorised } from '../api/authorise';
import type { Session } from '../sessions/sessions';

/** Hands one message to one subscriber (an SSE response, an Electron window). */
export type Deliver = (message: EventMessage) => void;

interface Subscriber {
  token: string | null;
  deliver: Deliver;
}

/** How long a ticket for the browser host's event stream may wait to be used. */
export const TICKET_TTL_MS = 30_000;
/** Tickets waiting at most (anyone may ask for one): past it the oldest goes, so asking cannot fill memory. */
const TICKETS_MAX = 1000;

/**
 * Core's events (core/contract/events.ts) to whoever subscribed, each only to subscribers whose
 * session may receive it, looked up when the event is sent: a session that ended or changed role
 * meanwhile gets what its role now allows. One bus for the life of the core: it outlives the kiosk
 * a restore replaces, as the hosts' streams do.
 */
export class EventBus {
  private readonly subscribers = new Set<Subscriber>();
  private readonly tickets = new Map<string, { token: string | null; expires: number }>();

  /**
   * @param sessionOf the live session of a token without counting as its use (an open stream
   *   must not keep a session from ending by idling).
   */
  constructor(
    private readonly sessionOf: (token: string) => Session | undefined,
    private readonly now: () => number = Date.now,
    private readonly log: (message: string) => void = () => {},
  ) {}

  /** Hears, until the returned function is called, the events the session of `token` may receive. */
  subscribe(token: string | null, deliver: Deliver): () => void {
    const subscriber = { token, deliver };
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  /**
   * Sends an event. `payload` may be a function, run only when someone may receive the event (a
   * sync status is read only for an administrator's open console). `toToken` names the session a
   * `toSession` event is for.
   */
  emit<K extends EventName>(event: K, payload: EventPayload<K> | (() => EventPayload<K>), toToken?: string): void {
    const spec = events[event];
    const receivers = [...this.subscribers].filter((subscriber) =>
      'toSession' in spec ? subscriber.token !== null && subscriber.token === toToken : authorised(spec.role, this.session(subscriber.token)),
    );
    if (receivers.length === 0) return;
    let message: EventMessage;
    try {
      const value: unknown = typeof payload === 'function' ? (payload as () => EventPayload<K>)() : payload;
      // Checked against the table as dispatch checks a method's output.
      message = { event, payload: spec.payload.parse(value) } as EventMessage;
    } catch (error) {
      this.log(`The event ${event} could not be made: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    for (const receiver of receivers) {
      try {
        receiver.deliver(message);
      } catch (error) {
        // One subscriber gone wrong (a closed window) must not keep the event from the others.
        this.log(`An event subscriber failed: ${String(error)}`);
      }
    }
  }

  /**
   * The subscriber's session now, or none. Looking may end an idle session (and delete a guest's
   * data); while a restore has the database closed that can fail, and the event then goes to the
   * subscriber as to nobody rather than failing whoever sent it.
   */
  private session(token: string | null): Session | undefined {
    if (!token) return undefined;
    try {
      return this.sessionOf(token);
    } catch (error) {
      this.log(`A session could not be looked up for an event: ${String(error)}`);
      return undefined;
    }
  }

  /** Every session ended at once (a restore): each subscriber with one hears it. */
  endAllSessions(): void {
    const tokens = new Set([...this.subscribers].map((subscriber) => subscriber.token));
    for (const token of tokens) if (token) this.emit('session.ended', {}, token);
  }

  /** A one-use ticket standing for `token` (or nobody) for a short while: the browser host's stream is opened with it. */
  issueTicket(token: string | null): string {
    const now = this.now();
    for (const [ticket, entry] of this.tickets) if (entry.expires <= now) this.tickets.delete(ticket);
    // A Map keeps insertion order: the first key is the oldest ticket.
    if (this.tickets.size >= TICKETS_MAX) this.tickets.delete(this.tickets.keys().next().value!);
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { token, expires: now + TICKET_TTL_MS });
    return ticket;
  }

  /** The token a ticket stands for, once: undefined for an unknown, used or expired ticket. */
  redeemTicket(ticket: string): { token: string | null } | undefined {
    const entry = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (!entry || entry.expires <= this.now()) return undefined;
    return { token: entry.token };
  }
}
