import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Learner } from '../../../core/contract';
import { useApp } from '../state/app-store';
import { ListenButton, spokenKeys } from './Listen';

/**
 * "Sign out", and a short question first, so one press by mistake does not end the lesson: it
 * says that the progress is saved (or, for a guest, that it will be deleted). Escape stays.
 */
export function SignOut({ learner }: { learner: Learner }) {
  const { t } = useTranslation();
  const finish = useApp((s) => s.finish);
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" className="button finish" onClick={() => setAsking(true)}>
        <svg viewBox="0 0 24 24" width="1.2em" height="1.2em" aria-hidden="true" focusable="false">
          <path d="M10 4H5v16h5M14 8l4 4-4 4M18 12H9" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        {t('profiles.signOut.button')}
      </button>
      {asking && <SignOutQuestion guest={learner.guest} onStay={() => setAsking(false)} onLeave={() => void finish()} />}
    </>
  );
}

function SignOutQuestion({ guest, onStay, onLeave }: { guest: boolean; onStay(): void; onLeave(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    const previous = document.activeElement as HTMLElement | null;
    element?.showModal();
    return () => {
      element?.close();
      previous?.focus?.();
    };
  }, []);
  const text = guest ? 'profiles.signOut.guest' : 'profiles.signOut.saved';
  return (
    <dialog
      ref={dialog}
      className="sign-out-dialog"
      aria-labelledby="sign-out-title"
      aria-describedby="sign-out-text"
      onCancel={(event) => {
        event.preventDefault();
        onStay();
      }}
    >
      <h2 id="sign-out-title">{t('profiles.signOut.title')}</h2>
      <p id="sign-out-text">{t(text)}</p>
      <ListenButton sounds={spokenKeys('profiles.signOut.title', text)} />
      <div className="actions">
        <button type="button" className="button secondary big" onClick={onStay}>
          {t('profiles.signOut.stay')}
        </button>
        <button type="button" className="button primary big" autoFocus onClick={onLeave}>
          {t('profiles.signOut.confirm')}
        </button>
      </div>
    </dialog>
  );
}
