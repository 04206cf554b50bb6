import type { RenderProcessGoneDetails, WebContents } from 'electron';

export interface WatchdogOptions {
  /** Loads the app afresh (its start screen: nobody stays logged in through a crash). */
  reload: () => void;
  log: (message: string) => void;
  /** How long the page may hang before it is ended and reloaded. */
  hangMs?: number;
}

/** A hang this long is not a slow report or a big import's progress: the page is stuck. */
export const DEFAULT_HANG_MS = 15_000;
/** Crashes in a row are reloaded later and later (1 s, 2 s, 4 s … 1 min), never in a tight loop. */
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;
/** A page that stayed up this long has recovered: the next crash starts the delays afresh. */
const STABLE_MS = 5 * 60_000;

type Watched = Pick<WebContents, 'on' | 'isDestroyed' | 'forcefullyCrashRenderer'>;

/**
 * Keeps the kiosk's screen alive: after the renderer crashes or is killed
 * (`render-process-gone`), or hangs (`unresponsive` without `responsive` within `hangMs`, then it
 * is ended), the app is loaded again, and each time it is logged.
 */
export function watchRenderer(contents: Watched, options: WatchdogOptions): void {
  const hangMs = options.hangMs ?? DEFAULT_HANG_MS;
  let hang: ReturnType<typeof setTimeout> | null = null;
  let pending: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let lastFailure = 0;

  const reloadSoon = () => {
    if (pending || contents.isDestroyed()) return;
    const now = Date.now();
    failures = now - lastFailure > STABLE_MS ? 1 : failures + 1;
    lastFailure = now;
    const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - 1));
    pending = setTimeout(() => {
      pending = null;
      if (!contents.isDestroyed()) options.reload();
    }, delay);
  };

  contents.on('render-process-gone', (_event: unknown, details: RenderProcessGoneDetails) => {
    // A clean exit is the window closing, not a failure.
    if (details.reason === 'clean-exit') return;
    options.log(`The interface stopped (${details.reason}, exit code ${details.exitCode}); loading it again.`);
    reloadSoon();
  });
  contents.on('unresponsive', () => {
    if (hang) return;
    hang = setTimeout(() => {
      hang = null;
      options.log(`The interface did not answer for ${Math.round(hangMs / 1000)} seconds; ending it and loading it again.`);
      contents.forcefullyCrashRenderer();
      reloadSoon();
    }, hangMs);
  });
  contents.on('responsive', () => {
    if (hang) clearTimeout(hang);
    hang = null;
  });
}
