import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, type Gender } from '../../../core/contract';
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
  const [birthYear, setBirthYear] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const years = useMemo(() => {
    const newest = new Date().getFullYear() - YOUNGEST_AGE;
    return Array.from({ length: newest - OLDEST_YEAR + 1 }, (_, i) => newest - i);
  }, []);
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
    void answer(gender ?? 'undisclosed', birthYear ? Number(birthYear) : null);
  }

  return (
    <section className="screen questions-screen" aria-labelledby="questions-title">
      <h1 id="questions-title" ref={heading} tabIndex={-1}>
        {t('profiles.questions.title')}
      </h1>
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
        <div className="field">
          <label htmlFor="birth-year">{t('profiles.questions.birthYearLabel')}</label>
          <select id="birth-year" value={birthYear} onChange={(e) => setBirthYear(e.target.value)}>
            <option value="">{t('profiles.questions.birthYearNone')}</option>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
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
