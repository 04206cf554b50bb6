import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, Learner, Secret } from '../../../core/contract';
import { AvatarPicture } from '../components/AvatarPicture';
import { ListenButton, spokenKeys } from '../components/Listen';
import { LockIcon } from '../components/LockBadge';
import { PicturePad, PICTURE_COUNT } from '../components/PicturePad';
import { PinPad, PIN_LENGTH } from '../components/PinPad';
import type { PictureName } from '../components/SecretPicture';
import { useCountdown } from '../components/useCountdown';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApp } from '../state/app-store';

type Kind = 'pin' | 'pictures';
type Message = { kind: 'incomplete' } | { kind: 'error'; error: ApiError } | null;

/** Answers that lock the entry for a while: the profile's lock, or this computer's after too many wrong tries. */
const TIMED_LOCKS = new Set(['learner.locked', 'auth.too_many_tries']);
const ASK_LIBRARIAN: ApiError = { code: 'learner.locked_ask_librarian', params: {} };

/** A protected profile asks for its PIN or pictures, the same way they were chosen. */
export function UnlockScreen({ learner, lockedUntil: initialLock = 0 }: { learner: Learner; lockedUntil?: number }) {
  const { t } = useTranslation();
  const { chooseLearner, go } = useApp();
  const [kind, setKind] = useState<Kind>(learner.secret === 'pictures' ? 'pictures' : 'pin');
  const [pin, setPin] = useState('');
  const [pictures, setPictures] = useState<PictureName[]>([]);
  /** A profile that waits for a librarian says so at once: there is nothing to type. */
  const [message, setMessage] = useState<Message>(() => (learner.needsLibrarian ? { kind: 'error', error: ASK_LIBRARIAN } : null));
  /** When the lock ends (a Date.now() time); 0 when the profile is not locked. */
  const [lockedUntil, setLockedUntil] = useState(() => (initialLock > Date.now() ? initialLock : 0));
  /** Locked until a librarian unlocks it (by removing the secret in the console). */
  const [askLibrarian, setAskLibrarian] = useState(learner.needsLibrarian);
  const [busy, setBusy] = useState(false);
  const locked = lockedUntil !== 0 || askLibrarian;
  const heading = useFocusOnMount<HTMLHeadingElement>();

  const focusEntry = () =>
    requestAnimationFrame(() => document.getElementById(kind === 'pin' ? 'unlock-pin' : 'unlock-pictures-first')?.focus());

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy || locked) return;
    const complete = kind === 'pin' ? pin.length === PIN_LENGTH : pictures.length === PICTURE_COUNT;
    if (!complete) {
      setMessage({ kind: 'incomplete' });
      focusEntry();
      return;
    }
    const secret: Secret = kind === 'pin' ? { kind: 'pin', pin } : { kind: 'pictures', pictures };
    setBusy(true);
    const problem = await chooseLearner(learner.id, secret);
    setBusy(false);
    if (!problem) return; // Opened: the store has moved on to the learner's screens.
    setPin('');
    setPictures([]);
    setMessage({ kind: 'error', error: problem });
    if (TIMED_LOCKS.has(problem.code)) setLockedUntil(Date.now() + Number(problem.params.seconds ?? 60) * 1000);
    if (problem.code === 'learner.locked_ask_librarian') setAskLibrarian(true);
    if (problem.code === 'learner.secret_required') setKind(problem.params.kind === 'pictures' ? 'pictures' : 'pin');
    focusEntry();
  }

  // The lock message says how long; once the lock is over it would only confuse.
  const shownMessage = message?.kind === 'error' && TIMED_LOCKS.has(message.error.code) && lockedUntil === 0 ? null : message;
  const messageText =
    shownMessage?.kind === 'incomplete'
      ? kind === 'pin'
        ? t('profiles.secret.pinIncomplete')
        : t('profiles.secret.picturesIncomplete')
      : shownMessage?.kind === 'error'
        ? lockMessage(shownMessage.error) ?? t('errors.learner.secret_required')
        : null;

  /** "Wrong, and now locked for 5 minutes" when this very try locked it; the lock alone otherwise. */
  function lockMessage(error: ApiError): string | null {
    const params = error.params as Record<string, number>;
    const text =
      error.code === 'learner.secret_wrong' || error.code === 'learner.locked_ask_librarian' || TIMED_LOCKS.has(error.code)
        ? t(`errors.${error.code}`, params)
        : null;
    return text && error.params.justLocked === true ? `${t('profiles.unlock.wrong')} ${text}` : text;
  }

  return (
    <section className="screen unlock-screen" aria-labelledby="unlock-title">
      <div className="unlock-who">
        <AvatarPicture avatar={learner.avatar} size={88} />
        <h1 id="unlock-title" ref={heading} tabIndex={-1}>
          {learner.displayName}
        </h1>
        <ListenButton sounds={spokenKeys(kind === 'pin' ? 'profiles.unlock.pinPrompt' : 'profiles.unlock.picturesPrompt', 'profiles.unlock.forgot')} />
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate className="unlock-form">
        <div className="secret-message" aria-live="assertive" id="unlock-message">
          {messageText && (
            <p className="field-error">
              {messageText}
            </p>
          )}
        </div>
        {lockedUntil !== 0 && <LockWait key={lockedUntil} until={lockedUntil} onEnd={() => setLockedUntil(0)} />}
        {kind === 'pin' ? (
          <PinPad
            id="unlock-pin"
            label={t('profiles.unlock.pinPrompt')}
            value={pin}
            onChange={(value) => {
              setPin(value);
              if (message?.kind === 'incomplete') setMessage(null);
            }}
            masked
            disabled={locked}
            describedBy="unlock-message"
            invalid={message !== null}
          />
        ) : (
          <PicturePad
            id="unlock-pictures"
            label={t('profiles.unlock.picturesPrompt')}
            value={pictures}
            onChange={(value) => {
              setPictures(value);
              if (message?.kind === 'incomplete') setMessage(null);
            }}
            disabled={locked}
            describedBy="unlock-message"
          />
        )}
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => go({ name: 'picker' })}>
            {t('profiles.unlock.notMe')}
          </button>
          <button type="submit" className="button primary big" disabled={busy || locked}>
            {t('profiles.unlock.submit')}
          </button>
        </div>
        <p className="hint">{t(askLibrarian ? 'profiles.unlock.askLibrarian' : 'profiles.unlock.forgot')}</p>
      </form>
    </section>
  );
}

/** "Locked: try again in 42 seconds" (or "in 14 minutes"), counting down; says when the lock is over. */
function LockWait({ until, onEnd }: { until: number; onEnd(): void }) {
  const { t } = useTranslation();
  const seconds = useCountdown(until);
  useEffect(() => {
    if (seconds === 0) onEnd();
  }, [seconds, onEnd]);
  return (
    <p className="lock-wait">
      <LockIcon size={28} />
      {/* Counts down visibly; not a live region, which would speak every second. */}
      {seconds > 60 ? t('profiles.unlock.lockedWaitMinutes', { count: Math.ceil(seconds / 60) }) : t('profiles.unlock.lockedWait', { count: seconds })}
    </p>
  );
}
