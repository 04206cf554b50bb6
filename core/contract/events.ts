import { z } from 'zod';
import type { Role } from './methods';
import { ImportJobSchema } from './schemas';
import { SyncStatusSchema } from './sync';

/**
 * An event core pushes to the page: its payload's schema and who may receive it. `role` reads as
 * a method's does (dispatch's rule): `none` anyone, `learner` a learner's session, `facilitator`
 * a facilitator or administrator, `admin` an administrator. `toSession` events go only to the
 * subscribers of the one session they concern, whatever its role.
 */
export interface EventSpec<P extends z.ZodType = z.ZodType, R extends Role = Role> {
  readonly role: R;
  readonly payload: P;
  readonly toSession?: true;
}

const event = <P extends z.ZodType, R extends Role>(spec: EventSpec<P, R>) => spec;

/** A stick as events name it: which, not what is on it (that is `drives.packs`, on request). */
export const StickSchema = z.object({ id: z.string(), path: z.string(), label: z.string() });

/**
 * The events: every one exists here once, like the methods. Core emits them (core/events/), both
 * hosts carry them (Server-Sent Events at `GET /api/events`, an IPC channel in Electron) and the
 * renderer's `subscribe` is typed from this table. An event says something changed; a screen
 * that shows more than the payload asks the matching query again.
 */
export const events = {
  /** An import job was queued, moved on (at most a few times a second) or ended. */
  'imports.changed': event({ role: 'facilitator', payload: z.object({ job: ImportJobSchema }) }),
  /** The set of sticks the kiosk sees changed (one plugged in or pulled out). */
  'sticks.changed': event({ role: 'facilitator', payload: z.object({ sticks: z.array(StickSchema) }) }),
  /** Sync's status changed: an attempt ended, the kiosk enrolled, figures were saved to a stick. */
  'sync.changed': event({ role: 'admin', payload: SyncStatusSchema }),
  /** A pack was installed (or replaced by another version) or removed: course lists change. */
  'packs.changed': event({
    role: 'none',
    payload: z.object({ packId: z.string(), change: z.enum(['installed', 'removed']), version: z.string().nullable() }),
  }),
  /**
   * The subscriber's own session ended (logout, idle, a changed password, an erased learner, a
   * restore): the screen goes back to the start. Sent once, then the stream carries that
   * subscriber's events as nobody's.
   */
  'session.ended': event({ role: 'none', toSession: true, payload: z.object({}) }),
} as const satisfies Record<string, EventSpec>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>;

/** One event as it travels (an SSE message's data, an IPC message). */
export type EventMessage = { [K in EventName]: { event: K; payload: EventPayload<K> } }[EventName];

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/** Where the browser host streams events: `GET` with `?ticket=` from `events.ticket` (EventSource sends no headers). */
export const EVENTS_PATH = 'api/events';
