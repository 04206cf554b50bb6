import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, desktop } from '../api/client';
import { useApp, type Screen } from '../state/app-store';
import { combinedIdleSource, idlePhase, pageIdleSource, sampledIdleSource, type IdleSource } from '../state/idle-clock';
import { touchSession } from '../state/session-keeper';

/** The last seconds before leaving are shown, so someone still reading can stay. */
export const WARNING_SECONDS = 30;
/** Activity keeps core's session alive too, at most once a minute (core ends idle sessions itself). */
const KEEP_ALIVE_MS = 60_000;
/**
 * Screens that hold something half-typed by someone (a name, a secret, a staff password) although
 * no learner is logged in, and the staff console (its live panels keep core's staff session busy,
 * so only the screen can tell that nobody is there).
 */
const UNFINISHED: ReadonlySet<Screen['name']> = new Set(['new-learner', 'unlock', 'staff-login', 'console']);

/**
 * Logs a learner out after the site's idle time, so a shared PC never stays open in someone's
 * name. Also clears a half-filled new-learner or unlock screen the same way.
 */
export function IdleLogout() {
  const watched = useApp((s) => s.learner !== null || UNFINISHED.has(s.screen.name));
  return watched ? <IdleWatch /> : null;
}

function IdleWatch() {
  // The console has its own idle time: a librarian reading a report outlasts a short learner timeout.
  const timeout = useApp((s) => (s.screen.name === 'console' ? s.staffIdleTimeoutSeconds : s.idleTimeoutSeconds));
  const finish = useApp((s) => s.finish);
  /** Seconds left while the warning shows; null when it does not. */
  const [left, setLeft] = useState<number | null>(null);
  const warning = useRef(false);

  useEffect(() => {
    let lastKeepAlive = Date.now();
    /** Activity keeps core's session alive: the learner's, or the staff's in the console (a report that only shows calls nothing). */
    const keepAlive = (now: number) => {
      const { learner, settle, screen } = useApp.getState();
      if (learner) touchSession(now);
      if (now - lastKeepAlive <= KEEP_ALIVE_MS) return;
      if (learner) {
        lastKeepAlive = now;
        void api.call('learner.me', {}).then((result) => {
          if (!result.ok) settle(result);
        });
      } else if (screen.name === 'console') {
        // A session already over is the console's to say (its next call does).
        lastKeepAlive = now;
        void api.call('staff.me', {});
      }
    };
    const page = pageIdleSource((event) => {
      const now = Date.now();
      if (warning.current) {
        // The touch or key that says "I'm here" only closes the warning: it must not also press
        // whatever was under it or focused (the overlay covers pointers; keys are stopped here).
        if (event.type === 'keydown') {
          event.preventDefault();
          event.stopPropagation();
        }
        warning.current = false;
        setLeft(null);
      }
      keepAlive(now);
    });
    // In the desktop app the PC says when anyone last touched a key, the mouse or the screen, also
    // where the page could not see it (outside the window, a touchpad gesture, an on-screen
    // keyboard): someone still there is not logged out; someone gone is, as before.
    const system = desktop()?.systemIdleSeconds;
    const source: IdleSource = system ? combinedIdleSource([page, sampledIdleSource(system)]) : page;
    const timer = window.setInterval(() => {
      const idle = source.secondsIdle();
      if (idle < 2) keepAlive(Date.now());
      const state = idlePhase(idle, timeout, WARNING_SECONDS);
      if (state.phase === 'over') {
        window.clearInterval(timer);
        void finish('idle');
      } else if (state.phase === 'warning') {
        warning.current = true;
        setLeft(state.secondsLeft);
      } else if (warning.current) {
        warning.current = false;
        setLeft(null);
      }
    }, 1000);
    return () => {
      window.clearInterval(timer);
      source.stop();
    };
  }, [timeout, finish]);

  return left === null ? null : <IdleWarning seconds={left} />;
}

/** Announced at these seconds only: a screen reader reading every second would say nothing else. */
const ANNOUNCE_AT = new Set([30, 20, 10, 5]);

/** The big countdown: whole-screen, assertive, with one obvious way to stay. */
function IdleWarning({ seconds }: { seconds: number }) {
  const { t } = useTranslation();
  const learner = useApp((s) => s.learner);
  const stay = useRef<HTMLButtonElement>(null);
  const [announced, setAnnounced] = useState(seconds);
  if (ANNOUNCE_AT.has(seconds) && announced !== seconds) setAnnounced(seconds);

  useEffect(() => {
    // Focus moves to the way out of the warning and goes back where it was afterwards.
    const previous = document.activeElement as HTMLElement | null;
    stay.current?.focus();
    return () => previous?.focus?.();
  }, []);

  const message = (count: number) =>
    learner?.guest
      ? t('profiles.idle.guest', { count })
      : learner
        ? t('profiles.idle.learner', { count })
        : t('profiles.idle.other', { count });

  return (
    <div className="idle-overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-announce">
      <div className="idle-box">
        <h2 id="idle-title">{t('profiles.idle.title')}</h2>
        <p className="idle-count" aria-hidden="true">
          {seconds}
        </p>
        <p className="idle-text" aria-hidden="true">
          {message(seconds)}
        </p>
        <p id="idle-announce" className="visually-hidden" aria-live="assertive" aria-atomic="true">
          {message(announced)}
        </p>
        {learner && !learner.guest && <p className="idle-text">{t('profiles.idle.saved')}</p>}
        <p className="hint">{t('profiles.idle.anyKey')}</p>
        <button ref={stay} type="button" className="button primary big">
          {t('profiles.idle.stay')}
        </button>
      </div>
    </div>
  );
}
