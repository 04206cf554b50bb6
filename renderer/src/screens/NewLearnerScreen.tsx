import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AVATARS, type Avatar } from '../../../core/contract';
import { AvatarPicture } from '../components/AvatarPicture';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApp } from '../state/app-store';

/** Joining takes a name and a picture, nothing else. */
export function NewLearnerScreen() {
  const { t } = useTranslation();
  const { createLearner, go } = useApp();
  const [name, setName] = useState('');
  const [avatar, setAvatar] = useState<Avatar>(AVATARS[0]);
  const [nameMissing, setNameMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') {
      setNameMissing(true);
      document.getElementById('learner-name')?.focus();
      return;
    }
    setBusy(true);
    await createLearner({ displayName: name.trim(), avatar });
    setBusy(false);
  }

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
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => go({ name: 'picker' })}>
            {t('newLearner.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {t('newLearner.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
