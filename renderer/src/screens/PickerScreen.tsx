import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Learner } from '../../../core/contract';
import { api } from '../api/client';
import { AvatarPicture } from '../components/AvatarPicture';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApp } from '../state/app-store';

/** "Who is learning today?": everyone's picture and name, and a way to join. */
export function PickerScreen() {
  const { t } = useTranslation();
  const { settle, chooseLearner, go } = useApp();
  const [learners, setLearners] = useState<Learner[] | null>(null);
  const heading = useFocusOnMount<HTMLHeadingElement>();

  useEffect(() => {
    let live = true;
    void api.call('learners.list', {}).then((result) => {
      const list = settle(result);
      if (live && list) setLearners(list);
    });
    return () => {
      live = false;
    };
  }, [settle]);

  return (
    <section className="screen picker-screen" aria-labelledby="picker-title">
      <h1 id="picker-title" ref={heading} tabIndex={-1}>
        {t('picker.title')}
      </h1>
      <p className="hint">{t('picker.hint')}</p>
      <ul className="learner-grid" aria-label={learners ? t('picker.learnerCount', { count: learners.length }) : undefined}>
        <li>
          <button type="button" className="learner-card new" onClick={() => go({ name: 'new-learner' })}>
            <span className="plus" aria-hidden="true">
              +
            </span>
            <span className="learner-name">{t('picker.newLearner')}</span>
          </button>
        </li>
        {learners?.map((learner) => (
          <li key={learner.id}>
            <button type="button" className="learner-card" onClick={() => void chooseLearner(learner.id)}>
              <AvatarPicture avatar={learner.avatar} size={72} />
              <span className="learner-name">{learner.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      {learners?.length === 0 && <p className="hint">{t('picker.empty')}</p>}
    </section>
  );
}
