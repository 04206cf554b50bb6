import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, type Gender } from '../../../core/contract';
import { ListenButton, spokenKeys } from '../components/Listen';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApp } from '../state/app-store';

const OLDEST_YEAR = 1920;
/** The youngest learners a village library sees on its own are about six. */
const YOUNGEST_AGE = 6;

/**
 * Two optional questions, asked once after the first login: the programme counts whether it
 * reaches women and older people. Every answer may be "prefer not to say"; skipping says that.
 */
export function ProfileQuestionsScreen() {
  const { t } = useTranslation();
  const saveProfile = useApp((s) => s.saveProfile);
  const [gender, setGender] = useState<Gender | null>(null);
  const [decade, setDecade] = useState<number | null>(null);
  const [birthYear, setBirthYear] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const newest = useMemo(() => new Date().getFullYear() - YOUNGEST_AGE, []);
  /** The decade first (nine big buttons), then the year in it: nobody scrolls through a hundred years. */
  const decades = useMemo(() => Array.from({ length: Math.floor(newest / 10) - OLDEST_YEAR / 10 + 1 }, (_, i) => OLDEST_YEAR + i * 10), [newest]);
  const years = decade === null ? [] : Array.from({ length: 10 }, (_, i) => decade + i).filter((y) => y <= newest);
  const genderNames: Record<Gender, string> = {
    female: t('profiles.questions.female'),
    male: t('profiles.questions.male'),
    other: t('profiles.questions.other'),
    undisclosed: t('profiles.questions.undisclosed'),
  };

  async function answer(chosen: Gender, year: number | null) {
    setBusy(true);
    await saveProfile(chosen, year);
    setBusy(false);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void answer(gender ?? 'undisclosed', birthYear);
  }

  return (
    <section className="screen questions-screen" aria-labelledby="questions-title">
      <div className="screen-head">
        <h1 id="questions-title" ref={heading} tabIndex={-1}>
          {t('profiles.questions.title')}
        </h1>
        <ListenButton
          sounds={spokenKeys('profiles.questions.title', 'profiles.questions.why', 'profiles.questions.who', 'profiles.questions.optional', 'profiles.questions.genderLegend', 'profiles.questions.birthYearLabel', 'profiles.questions.decadeHint')}
        />
      </div>
      <div className="why-box" id="questions-why">
        <p>{t('profiles.questions.why')}</p>
        <p>
          <strong>{t('profiles.questions.who')}</strong>
        </p>
        <p>{t('profiles.questions.optional')}</p>
      </div>
      <form onSubmit={submit} noValidate aria-describedby="questions-why">
        <fieldset className="gender-choice">
          <legend>{t('profiles.questions.genderLegend')}</legend>
          <div className="gender-options">
            {GENDERS.map((code) => (
              <label key={code} className={gender === code ? 'option selected' : 'option'}>
                <input type="radio" name="gender" value={code} checked={gender === code} onChange={() => setGender(code)} />
                {genderNames[code]}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="year-choice" aria-describedby="decade-hint">
          <legend>{t('profiles.questions.birthYearLabel')}</legend>
          <p className="hint" id="decade-hint">
            {t('profiles.questions.decadeHint')}
          </p>
          <div className="decade-options">
            {decades.map((start) => (
              <label key={start} className={decade === start ? 'option selected' : 'option'}>
                <input
                  type="radio"
                  name="decade"
                  value={start}
                  checked={decade === start}
                  onChange={() => {
                    setDecade(start);
                    setBirthYear(null);
                  }}
                />
                {Math.min(start + 9, newest) === start ? start : `${start}–${Math.min(start + 9, newest)}`}
              </label>
            ))}
            <label className={decade === 0 ? 'option selected' : 'option'}>
              <input
                type="radio"
                name="decade"
                value="none"
                checked={decade === 0}
                onChange={() => {
                  setDecade(0);
                  setBirthYear(null);
                }}
              />
              {t('profiles.questions.birthYearNone')}
            </label>
          </div>
          {years.length > 0 && (
            <fieldset className="year-options">
              <legend>{t('profiles.questions.yearInDecade')}</legend>
              <div className="decade-options">
                {years.map((year) => (
                  <label key={year} className={birthYear === year ? 'option selected' : 'option'}>
                    <input type="radio" name="birth-year" value={year} checked={birthYear === year} onChange={() => setBirthYear(year)} />
                    {year}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
        </fieldset>
        <div className="actions">
          <button type="button" className="button secondary" disabled={busy} onClick={() => void answer('undisclosed', null)}>
            {t('profiles.questions.skip')}
          </button>
          <button type="submit" className="button primary big" disabled={busy}>
            {t('profiles.questions.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
