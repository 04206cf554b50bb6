/**
 * How long nobody has used the kiosk, and what that means: the one place the idle logout's timing
 * lives. A source answers "seconds since the last activity"; the page's own events and media are
 * one source, and a host may add another (the Electron shell knows the whole system's idle time):
 * the kiosk counts as idle only as long as every source says so.
 */
export interface IdleSource {
  secondsIdle(): number;
  stop(): void;
}

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Touches, keys and the mouse on the page; listening to a lesson's audio or watching its video
 * counts too. `onActivity` sees each event first (the warning uses it to swallow the key that
 * closes it).
 */
export function pageIdleSource(onActivity: (event: Event) => void, now: () => number = Date.now): IdleSource {
  let last = now();
  const listener = (event: Event) => {
    last = now();
    onActivity(event);
  };
  for (const type of ACTIVITY) window.addEventListener(type, listener, { capture: true, passive: type !== 'keydown' });
  return {
    secondsIdle() {
      if (mediaPlaying()) last = now();
      return Math.floor((now() - last) / 1000);
    },
    stop() {
      for (const type of ACTIVITY) window.removeEventListener(type, listener, { capture: true });
    },
  };
}

/**
 * A source asked in the background (the desktop app's system idle time): answers the last value
 * it heard, and asks again each time; until it has answered it claims no activity.
 */
export function sampledIdleSource(sample: () => Promise<number>): IdleSource {
  let seconds = Number.POSITIVE_INFINITY;
  let stopped = false;
  return {
    secondsIdle() {
      void sample()
        .then((value) => {
          if (!stopped) seconds = value;
        })
        .catch(() => {});
      return seconds;
    },
    stop() {
      stopped = true;
    },
  };
}

/** Idle only as long as every source is: any one of them seeing activity keeps the kiosk open. */
export function combinedIdleSource(sources: readonly IdleSource[]): IdleSource {
  return {
    secondsIdle: () => Math.min(...sources.map((s) => s.secondsIdle())),
    stop: () => sources.forEach((s) => s.stop()),
  };
}

function mediaPlaying(): boolean {
  return Array.from(document.querySelectorAll<HTMLMediaElement>('audio, video')).some((media) => !media.paused && !media.ended);
}

export type IdlePhase = { phase: 'active' } | { phase: 'warning'; secondsLeft: number } | { phase: 'over' };

/** Active, the last `warningSeconds` of the timeout (counting down), or over. */
export function idlePhase(secondsIdle: number, timeoutSeconds: number, warningSeconds: number): IdlePhase {
  const left = timeoutSeconds - secondsIdle;
  if (left <= 0) return { phase: 'over' };
  if (left <= warningSeconds) return { phase: 'warning', secondsLeft: left };
  return { phase: 'active' };
}
