import type { EventMessage } from './events';
import type { Result } from './result';

/** The single IPC channel the Electron host serves the API table on. */
export const IPC_CHANNEL = 'ayil:call';

/**
 * The event table's IPC channels: the page subscribes with its session's token (answered with a
 * subscription id), core's events come on `message`, and `unsubscribe` ends one subscription.
 */
export const EVENT_CHANNELS = {
  subscribe: 'ayil:events-subscribe',
  unsubscribe: 'ayil:events-unsubscribe',
  message: 'ayil:event',
} as const;

/** Hears the events a subscription carries (core/contract/events.ts). */
export type EventListener = (message: EventMessage) => void;

/**
 * What the Electron preload exposes as `window.ayil`: the API call and the event stream, and
 * nothing else. The HTTP transport implements the same shape (POST /api/<method>, and Server-Sent
 * Events at GET /api/events), so the renderer cannot tell them apart.
 */
export interface AyilBridge {
  call(method: string, input: unknown, token: string | null): Promise<Result<unknown>>;
  /**
   * Core's events that the session of `token` (or nobody, with null) may receive, from now until
   * the returned function is called. `opened` is called each time the stream (re)connects: events
   * may have been missed before it, so a screen asks its queries again then.
   */
  subscribe(token: string | null, listener: EventListener, opened?: () => void): () => void;
}

/** The desktop app's own channels, beside the API's; the main process answers only the app's top frame. */
export const DESKTOP_CHANNELS = {
  systemIdleSeconds: 'ayil:system-idle-seconds',
  printCertificate: 'ayil:print-certificate',
  sticks: 'ayil:sticks',
  saveCertificatePdf: 'ayil:save-certificate-pdf',
} as const;

/** A USB stick as the desktop app names it to the page. */
export interface StickChoice {
  id: string;
  label: string;
}

/**
 * What only the desktop app adds to the bridge: things a browser page cannot do or know. The
 * browser host has none of them; the renderer uses each only when it is there.
 */
export interface AyilDesktopBridge extends AyilBridge {
  /** Seconds since the last key, mouse or touch input anywhere on the PC (Electron's powerMonitor). */
  systemIdleSeconds(): Promise<number>;
  /** Prints the page shown (the certificate) on A4 with the system's print dialog; false if not printed. */
  printCertificate(): Promise<boolean>;
  /** The USB sticks the kiosk sees now. */
  sticks(): Promise<StickChoice[]>;
  /** The certificate shown, as an A4 PDF named after its code, written onto that stick. */
  saveCertificatePdf(stickId: string, code: string): Promise<Result<{ file: string; stick: string }>>;
}
