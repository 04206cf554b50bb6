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

/** A protected profile asks for its PIN or pictures, the same way they were chosen. */
export function UnlockScreen({ learner, lockedUntil: initialLock = 0 }: { learner: Learner; lockedUntil?: number }) {
  const { t } = useTranslation();
  const { chooseLearner, go } = useApp();
  const [kind, setKind] = useState<Kind>(learner.secret === 'pictures' ? 'pictures' : 'pin');
  const [pin, setPin] = useState('');
  const [pictures, setPictures] = useState<PictureName[]>([]);
  const [message, setMessage] = useState<Message>(null);
  /** When the lock ends (a Date.now() time); 0 when the profile is not locked. */
  const [lockedUntil, setLockedUntil] = useState(() => (initialLock > Date.now() ? initialLock : 0));
  const [busy, setBusy] = useState(false);
  const locked = lockedUntil !== 0;
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
    if (problem.code === 'learner.locked') setLockedUntil(Date.now() + Number(problem.params.seconds ?? 60) * 1000);
    if (problem.code === 'learner.secret_required') setKind(problem.params.kind === 'pictures' ? 'pictures' : 'pin');
    focusEntry();
  }

  // The lock message says how long; once the lock is over it would only confuse.
  const shownMessage = message?.kind === 'error' && message.error.code === 'learner.locked' && !locked ? null : message;
  const messageText =
    shownMessage?.kind === 'incomplete'
      ? kind === 'pin'
        ? t('profiles.secret.pinIncomplete')
        : t('profiles.secret.picturesIncomplete')
      : shownMessage?.kind === 'error'
        ? shownMessage.error.code === 'learner.secret_wrong'
          ? t('errors.learner.secret_wrong', shownMessage.error.params as Record<string, number>)
          : shownMessage.error.code === 'learner.locked'
            ? t('errors.learner.locked', shownMessage.error.params as Record<string, number>)
            : t('errors.learner.secret_required')
        : null;

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
        {locked && <LockWait key={lockedUntil} until={lockedUntil} onEnd={() => setLockedUntil(0)} />}
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
        <p className="hint">{t('profiles.unlock.forgot')}</p>
      </form>
    </section>
  );
}

/** "Locked: try again in 42 seconds", counting down; says when the lock is over. */
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
      {t('profiles.unlock.lockedWait', { count: seconds })}
    </p>
  );
}
