import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AVATARS, type Avatar, type Secret } from '../../../core/contract';
import { AvatarPicture } from '../components/AvatarPicture';
import { PicturePad, PICTURE_COUNT } from '../components/PicturePad';
import { PinPad, PIN_LENGTH } from '../components/PinPad';
import { SecretPicture, type PictureName } from '../components/SecretPicture';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApp } from '../state/app-store';

type SecretKind = 'none' | 'pin' | 'pictures';

/** Joining takes a name and a picture; protecting the profile is offered, never required. */
export function NewLearnerScreen() {
  const { t } = useTranslation();
  const { createLearner, go } = useApp();
  const [name, setName] = useState('');
  const [avatar, setAvatar] = useState<Avatar>(AVATARS[0]);
  const [nameMissing, setNameMissing] = useState(false);
  const [secretKind, setSecretKind] = useState<SecretKind>('none');
  const [pin, setPin] = useState('');
  const [pictures, setPictures] = useState<PictureName[]>([]);
  const [secretIncomplete, setSecretIncomplete] = useState(false);
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();

  function chosenSecret(): Secret | undefined | null {
    if (secretKind === 'pin') return pin.length === PIN_LENGTH ? { kind: 'pin', pin } : null;
    if (secretKind === 'pictures') return pictures.length === PICTURE_COUNT ? { kind: 'pictures', pictures } : null;
    return undefined;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') {
      setNameMissing(true);
      document.getElementById('learner-name')?.focus();
      return;
    }
    const secret = chosenSecret();
    if (secret === null) {
      setSecretIncomplete(true);
      document.getElementById(secretKind === 'pin' ? 'new-pin' : 'new-pictures-first')?.focus();
      return;
    }
    setBusy(true);
    await createLearner({ displayName: name.trim(), avatar, ...(secret ? { secret } : {}) });
    setBusy(false);
  }

  const secretKinds: { kind: SecretKind; title: string; hint: string; icon: React.ReactNode }[] = [
    { kind: 'none', title: t('profiles.secret.none'), hint: t('profiles.secret.noneHint'), icon: <OpenIcon /> },
    { kind: 'pin', title: t('profiles.secret.pin'), hint: t('profiles.secret.pinHint'), icon: <span className="pin-icon">1234</span> },
    {
      kind: 'pictures',
      title: t('profiles.secret.pictures'),
      hint: t('profiles.secret.picturesHint'),
      icon: (
        <span className="pictures-icon">
          <SecretPicture picture="apple" size={28} />
          <SecretPicture picture="horse" size={28} />
          <SecretPicture picture="yurt" size={28} />
        </span>
      ),
    },
  ];

  return (
    <section className="screen new-learner-screen" aria-labelledby="new-learner-title">
      <h1 id="new-learner-title" ref={heading} tabIndex={-1}>
        {t('newLearner.title')}
      </h1>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="learner-name">{t('newLearner.nameLabel')}</label>
          <input
            id="learner-name"
            name="displayName"
            type="text"
            autoComplete="off"
            maxLength={40}
            value={name}
            aria-invalid={nameMissing}
            aria-describedby={nameMissing ? 'learner-name-hint learner-name-error' : 'learner-name-hint'}
            onChange={(e) => {
              setName(e.target.value);
              if (e.target.value.trim()) setNameMissing(false);
            }}
          />
          <p id="learner-name-hint" className="hint">
            {t('newLearner.nameHint')}
          </p>
          {nameMissing && (
            <p id="learner-name-error" className="field-error" role="alert">
              {t('newLearner.nameRequired')}
            </p>
          )}
        </div>
        <fieldset className="avatar-choice">
          <legend>{t('newLearner.avatarLegend')}</legend>
          <div className="avatar-grid">
            {AVATARS.map((code) => (
              <label key={code} className="avatar-option">
                <input type="radio" name="avatar" value={code} checked={avatar === code} onChange={() => setAvatar(code)} />
                <AvatarPicture avatar={code} size={64} />
                <span>{t(`avatar.${code}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="secret-choice" aria-describedby="secret-hint">
          <legend>{t('profiles.secret.legend')}</legend>
          <p id="secret-hint" className="hint">
            {t('profiles.secret.hint')}
          </p>
          <div className="secret-kinds">
            {secretKinds.map(({ kind, title, hint, icon }) => (
              <label key={kind} className="secret-kind">
                <input
                  type="radio"
                  name="secret-kind"
                  value={kind}
                  checked={secretKind === kind}
                  onChange={() => {
                    setSecretKind(kind);
                    setSecretIncomplete(false);
                  }}
                />
                <span className="secret-kind-icon" aria-hidden="true">
                  {icon}
                </span>
                <span className="secret-kind-title">{title}</span>
                <span className="secret-kind-hint">{hint}</span>
              </label>
            ))}
          </div>
          {secretKind === 'pin' && (
            <div className="secret-entry">
              <PinPad
                id="new-pin"
                label={t('profiles.secret.pinChoose')}
                value={pin}
                onChange={(value) => {
                  setPin(value);
                  setSecretIncomplete(false);
                }}
                masked={false}
                describedBy="secret-remember secret-error"
                invalid={secretIncomplete}
              />
            </div>
          )}
          {secretKind === 'pictures' && (
            <div className="secret-entry">
              <PicturePad
                id="new-pictures"
                label={t('profiles.secret.picturesChoose')}
                value={pictures}
                onChange={(value) => {
                  setPictures(value);
                  setSecretIncomplete(false);
                }}
                describedBy="secret-remember secret-error"
              />
            </div>
          )}
          {secretKind !== 'none' && (
            <p id="secret-remember" className="hint">
              {t('profiles.secret.remember')}
            </p>
          )}
          <div id="secret-error" aria-live="assertive">
            {secretIncomplete && (
              <p className="field-error">{secretKind === 'pin' ? t('profiles.secret.pinIncomplete') : t('profiles.secret.picturesIncomplete')}</p>
            )}
          </div>
        </fieldset>
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => go({ name: 'picker' })}>
            {t('newLearner.cancel')}
          </button>
          <button type="submit" className="button primary big" disabled={busy}>
            {t('newLearner.create')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** An open padlock: "anyone can open it". */
function OpenIcon() {
  return (
    <svg width="32" height="32" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect x="4" y="11" width="16" height="11" rx="2" fill="currentColor" />
      <path d="M8 11V7a4 4 0 0 1 7.5-2" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
