import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AVATARS, DisplayNameSchema, foldName, type Avatar, type Learner, type Secret } from '../../../core/contract';
import { AvatarPicture } from '../components/AvatarPicture';
import { ListenButton, spokenKeys } from '../components/Listen';
import { PicturePad, PICTURE_COUNT } from '../components/PicturePad';
import { PinPad, PIN_LENGTH } from '../components/PinPad';
import { SecretPicture, type PictureName } from '../components/SecretPicture';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApiQuery } from '../data/useApiQuery';
import { useApp } from '../state/app-store';

type SecretKind = 'none' | 'pin' | 'pictures';
type SecretProblem = 'incomplete' | 'mismatch' | null;

/** The longest name a profile may have (the contract's limit), said before it is reached. */
const NAME_MAX = DisplayNameSchema.maxLength ?? 40;
/** From here on, "31 of 40 letters" shows under the name. */
const NAME_COUNT_FROM = NAME_MAX - 10;

/**
 * Joining takes a name and a picture; protecting the profile is offered, never required. No
 * picture is chosen in advance (a preselected one ends up on most profiles); a name that someone
 * here already has is pointed out with their picture, so a learner does not make a second profile
 * of themselves and think their progress is gone; a name that is too long is said so, not cut.
 */
export function NewLearnerScreen() {
  const { t } = useTranslation();
  const { createLearner, chooseLearner, go } = useApp();
  const [name, setName] = useState('');
  const [avatar, setAvatar] = useState<Avatar | null>(null);
  const [nameProblem, setNameProblem] = useState<'missing' | 'long' | null>(null);
  const [avatarMissing, setAvatarMissing] = useState(false);
  const [notThem, setNotThem] = useState(false);
  const [secretKind, setSecretKind] = useState<SecretKind>('none');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [pictures, setPictures] = useState<PictureName[]>([]);
  const [secretProblem, setSecretProblem] = useState<SecretProblem>(null);
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();

  // Without the list only the same-name warning is missing: a failure is not worth a message.
  const existing = useApiQuery('learners.list', {}, { handlesError: true }).data ?? [];

  const folded = foldName(name);
  const sameName = folded ? existing.filter((l) => foldName(l.displayName) === folded) : [];
  const warnSameName = sameName.length > 0 && !notThem;
  const length = name.trim().length;

  function chosenSecret(): Secret | undefined | SecretProblem {
    if (secretKind === 'pin') {
      if (pin.length < PIN_LENGTH || pinAgain.length < PIN_LENGTH) return 'incomplete';
      return pin === pinAgain ? { kind: 'pin', pin } : 'mismatch';
    }
    if (secretKind === 'pictures') return pictures.length === PICTURE_COUNT ? { kind: 'pictures', pictures } : 'incomplete';
    return undefined;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (length === 0 || length > NAME_MAX) {
      setNameProblem(length === 0 ? 'missing' : 'long');
      document.getElementById('learner-name')?.focus();
      return;
    }
    if (warnSameName) {
      document.getElementById('same-name-open')?.focus();
      return;
    }
    if (!avatar) {
      setAvatarMissing(true);
      document.querySelector<HTMLInputElement>('input[name="avatar"]')?.focus();
      return;
    }
    const secret = chosenSecret();
    if (secret === 'incomplete' || secret === 'mismatch') {
      setSecretProblem(secret);
      if (secret === 'mismatch') setPinAgain('');
      const first = secretKind === 'pictures' ? 'new-pictures-first' : pin.length < PIN_LENGTH ? 'new-pin' : 'new-pin-again';
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    await createLearner({ displayName: name.trim(), avatar, ...(secret ? { secret } : {}) });
    setBusy(false);
  }

  /** "That is me": opens the existing profile (asking its PIN or pictures when it has them). */
  async function openExisting(learner: Learner) {
    if (learner.secret !== 'none' || learner.lockedSeconds > 0) {
      return go({ name: 'unlock', learner, lockedUntil: learner.lockedSeconds > 0 ? Date.now() + learner.lockedSeconds * 1000 : 0 });
    }
    const problem = await chooseLearner(learner.id);
    if (problem) go({ name: 'unlock', learner: { ...learner, secret: problem.params.kind === 'pictures' ? 'pictures' : 'pin' } });
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
      <div className="screen-head">
        <h1 id="new-learner-title" ref={heading} tabIndex={-1}>
          {t('newLearner.title')}
        </h1>
        <ListenButton
          sounds={spokenKeys(
            'newLearner.title',
            'newLearner.nameLabel',
            'newLearner.nameHint',
            warnSameName && 'profiles.newLearner.sameNameTitle',
            warnSameName && 'profiles.newLearner.sameNameText',
            'newLearner.avatarLegend',
            'profiles.secret.legend',
            'profiles.secret.hint',
          )}
        />
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="learner-name">{t('newLearner.nameLabel')}</label>
          <input
            id="learner-name"
            name="displayName"
            type="text"
            autoComplete="off"
            value={name}
            aria-invalid={nameProblem !== null || length > NAME_MAX}
            aria-describedby={['learner-name-hint', length >= NAME_COUNT_FROM && 'learner-name-count', nameProblem && 'learner-name-error'].filter(Boolean).join(' ')}
            onChange={(e) => {
              setName(e.target.value);
              setNotThem(false);
              const next = e.target.value.trim().length;
              if (next > 0 && next <= NAME_MAX) setNameProblem(null);
            }}
          />
          <p id="learner-name-hint" className="hint">
            {t('newLearner.nameHint')}
          </p>
          {length >= NAME_COUNT_FROM && (
            <p id="learner-name-count" className={length > NAME_MAX ? 'field-error' : 'hint'}>
              {t('profiles.newLearner.nameCount', { length, max: NAME_MAX })}
            </p>
          )}
          {nameProblem && (
            <p id="learner-name-error" className="field-error" role="alert">
              {nameProblem === 'missing' ? t('newLearner.nameRequired') : t('profiles.newLearner.nameTooLong', { max: NAME_MAX })}
            </p>
          )}
        </div>
        {warnSameName && (
          <div className="same-name" role="alert" aria-labelledby="same-name-title">
            <h2 id="same-name-title">{t('profiles.newLearner.sameNameTitle')}</h2>
            <ul className="same-name-list">
              {sameName.map((learner) => (
                <li key={learner.id}>
                  <AvatarPicture avatar={learner.avatar} size={56} />
                  <span className="learner-name">{learner.displayName}</span>
                </li>
              ))}
            </ul>
            <p>{t('profiles.newLearner.sameNameText')}</p>
            <div className="actions">
              <button id="same-name-open" type="button" className="button primary" onClick={() => void openExisting(sameName[0]!)}>
                {t('profiles.newLearner.itIsMe')}
              </button>
              <button type="button" className="button secondary" onClick={() => setNotThem(true)}>
                {t('profiles.newLearner.notMe')}
              </button>
            </div>
          </div>
        )}
        <fieldset className="avatar-choice" aria-describedby={avatarMissing ? 'avatar-error' : undefined}>
          <legend>{t('newLearner.avatarLegend')}</legend>
          {avatarMissing && (
            <p id="avatar-error" className="field-error" role="alert">
              {t('profiles.newLearner.avatarRequired')}
            </p>
          )}
          <div className="avatar-grid">
            {AVATARS.map((code) => (
              <label key={code} className="avatar-option">
                <input
                  type="radio"
                  name="avatar"
                  value={code}
                  checked={avatar === code}
                  onChange={() => {
                    setAvatar(code);
                    setAvatarMissing(false);
                  }}
                />
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
                    setSecretProblem(null);
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
                  setPinAgain('');
                  setSecretProblem(null);
                }}
                masked={false}
                describedBy="secret-remember secret-error"
                invalid={secretProblem === 'incomplete' && pin.length < PIN_LENGTH}
              />
              {/* Typed twice, so a slip of the finger does not lock the learner out of their profile. */}
              {pin.length === PIN_LENGTH && (
                <PinPad
                  id="new-pin-again"
                  label={t('profiles.secret.pinAgain')}
                  value={pinAgain}
                  onChange={(value) => {
                    setPinAgain(value);
                    setSecretProblem(null);
                  }}
                  masked={false}
                  describedBy="secret-error"
                  invalid={secretProblem !== null}
                />
              )}
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
                  setSecretProblem(null);
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
            {secretProblem && (
              <p className="field-error">
                {secretProblem === 'mismatch'
                  ? t('profiles.secret.pinMismatch')
                  : secretKind === 'pin'
                    ? pin.length < PIN_LENGTH
                      ? t('profiles.secret.pinIncomplete')
                      : t('profiles.secret.pinAgainIncomplete')
                    : t('profiles.secret.picturesIncomplete')}
              </p>
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
