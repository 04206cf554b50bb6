import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NATIVE_NAMES, SetupInputSchema, type Language } from '../../../core/contract';
import { useApiCommand } from '../data/useApiCommand';
import { useApiQuery } from '../data/useApiQuery';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApp } from '../state/app-store';
import { enterConsole } from './console-store';
import { LanguageChoice, TextField } from './fields';
import { InlineError } from './InlineError';

const STEPS = ['site', 'place', 'languages', 'admin', 'review'] as const;
type Step = (typeof STEPS)[number];

interface Answers {
  siteName: string;
  siteCode: string;
  district: string;
  region: string;
  languages: Language[];
  adminName: string;
  adminPassword: string;
  adminPasswordAgain: string;
  /** Only from a screen other than the kiosk's own: the code the host printed on its console. */
  setupCode: string;
}

type Field = keyof Answers;
/** What each field's problem is called in the catalogue (console.setup.problems.*). */
type Problems = Partial<Record<Field, 'required' | 'code' | 'languages' | 'short' | 'mismatch'>>;

const shape = SetupInputSchema.shape;

/** The same rules core applies (the contract's schemas), checked as each step is left. */
function check(step: Step, a: Answers, codeNeeded: boolean): Problems {
  const problems: Problems = {};
  const required = (field: Field, value: string) => {
    if (!value.trim()) problems[field] = 'required';
  };
  if (step === 'site') {
    required('siteName', a.siteName);
    if (!a.siteCode.trim()) problems.siteCode = 'required';
    else if (!shape.siteCode.safeParse(a.siteCode).success) problems.siteCode = 'code';
  } else if (step === 'place') {
    required('district', a.district);
    required('region', a.region);
  } else if (step === 'languages') {
    if (a.languages.length === 0) problems.languages = 'languages';
  } else if (step === 'admin') {
    required('adminName', a.adminName);
    if (!shape.adminPassword.safeParse(a.adminPassword).success) problems.adminPassword = 'short';
    else if (a.adminPassword !== a.adminPasswordAgain) problems.adminPasswordAgain = 'mismatch';
  } else if (step === 'review' && codeNeeded) {
    required('setupCode', a.setupCode);
  }
  return problems;
}

/**
 * The first start: the site's name and code, where it is, the languages it offers, and the first
 * administrator. Learners cannot use the kiosk until it is done; it ends in the console, on a page
 * saying what to do next (./SetupDone).
 */
export function SetupScreen() {
  const { t } = useTranslation();
  const reloadKiosk = useApp((s) => s.reloadKiosk);
  const [step, setStep] = useState<Step>('site');
  const [answers, setAnswers] = useState<Answers>({
    siteName: '',
    siteCode: '',
    district: '',
    region: '',
    languages: [...LANGUAGES],
    adminName: '',
    adminPassword: '',
    adminPasswordAgain: '',
    setupCode: '',
  });
  // A classroom PC (not the kiosk's own screen) must type the code the host printed.
  const codeNeeded = useApiQuery('kiosk.state', {}).data?.setupCodeNeeded ?? false;
  const [problems, setProblems] = useState<Problems>({});
  const completion = useApiCommand('setup.complete');
  const { busy } = completion;
  const heading = useFocusOnMount<HTMLHeadingElement>(step);
  const index = STEPS.indexOf(step);

  const set = <F extends Field>(field: F, value: Answers[F]) => setAnswers((a) => ({ ...a, [field]: value }));

  async function next(event: FormEvent) {
    event.preventDefault();
    const found = check(step, answers, codeNeeded);
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      // Straight to the first thing to fix; its message is read with it.
      document.getElementById(`setup-${first}`)?.focus();
      return;
    }
    if (step !== 'review') {
      completion.reset();
      return setStep(STEPS[index + 1]!);
    }
    const { adminPasswordAgain: _again, setupCode, ...input } = answers;
    const grant = await completion.run(codeNeeded ? { ...input, setupCode } : input, (error) => {
      // A password too easy to guess is changed where it was typed; the message stays beside it.
      if (error.code === 'staff.password_weak') setStep('admin');
    });
    if (!grant) return;
    await reloadKiosk();
    // First what set-up did and what to do next, ending with handing the computer to learners.
    enterConsole(grant.token, { name: answers.adminName.trim(), role: grant.role }, 'setup-done');
  }

  const text = (field: 'siteName' | 'siteCode' | 'district' | 'region' | 'adminName' | 'setupCode', hint?: string) => (
    <TextField id={`setup-${field}`} label={t(`console.setup.fields.${field}`)} hint={hint} problem={problems[field] && t(`console.setup.problems.${problems[field]}`)}>
      {(props) => <input {...props} value={answers[field]} autoComplete="off" onChange={(e) => set(field, e.target.value)} />}
    </TextField>
  );

  return (
    <section className="screen setup-screen" aria-labelledby="setup-title">
      <p className="hint">{t('console.setup.intro')}</p>
      <p className="setup-progress">{t('console.setup.stepOf', { current: index + 1, total: STEPS.length })}</p>
      <h1 id="setup-title" ref={heading} tabIndex={-1}>
        {t(`console.setup.steps.${step}`)}
      </h1>
      <form className="console-form" noValidate onSubmit={(e) => void next(e)}>
        {step === 'site' && (
          <>
            {text('siteName', t('console.setup.hints.siteName'))}
            {text('siteCode', t('console.setup.hints.siteCode'))}
          </>
        )}
        {step === 'place' && (
          <>
            {text('district')}
            {text('region')}
          </>
        )}
        {step === 'languages' && (
          <LanguageChoice
            id="setup-languages"
            legend={t('console.setup.fields.languages')}
            hint={t('console.setup.hints.languages')}
            value={answers.languages}
            onChange={(languages) => set('languages', languages)}
            problem={problems.languages && t(`console.setup.problems.${problems.languages}`)}
          />
        )}
        {step === 'admin' && (
          <>
            <p className="hint">{t('console.setup.hints.admin')}</p>
            {text('adminName')}
            <TextField
              id="setup-adminPassword"
              label={t('console.setup.fields.adminPassword')}
              hint={t('console.setup.hints.password')}
              problem={problems.adminPassword && t(`console.setup.problems.${problems.adminPassword}`)}
            >
              {(props) => <input {...props} type="password" autoComplete="new-password" value={answers.adminPassword} onChange={(e) => set('adminPassword', e.target.value)} />}
            </TextField>
            <TextField
              id="setup-adminPasswordAgain"
              label={t('console.setup.fields.adminPasswordAgain')}
              problem={problems.adminPasswordAgain && t(`console.setup.problems.${problems.adminPasswordAgain}`)}
            >
              {(props) => (
                <input {...props} type="password" autoComplete="new-password" value={answers.adminPasswordAgain} onChange={(e) => set('adminPasswordAgain', e.target.value)} />
              )}
            </TextField>
          </>
        )}
        {step === 'review' && (
          <>
            <p className="hint">{t('console.setup.hints.review')}</p>
            <dl className="review-list">
              {(['siteName', 'siteCode', 'district', 'region', 'adminName'] as const).map((field) => (
                <div key={field}>
                  <dt>{t(`console.setup.fields.${field}`)}</dt>
                  <dd>{answers[field].trim()}</dd>
                </div>
              ))}
              <div>
                <dt>{t('console.setup.fields.languages')}</dt>
                <dd>{answers.languages.map((code) => LANGUAGE_NATIVE_NAMES[code]).join(', ')}</dd>
              </div>
            </dl>
            {codeNeeded && text('setupCode', t('console.setup.hints.setupCode'))}
          </>
        )}
        <InlineError error={completion.error} />
        <div className="actions">
          {index > 0 && (
            <button type="button" className="button secondary big" onClick={() => setStep(STEPS[index - 1]!)}>
              {t('console.setup.back')}
            </button>
          )}
          <button type="submit" className="button primary big" disabled={busy} aria-busy={busy}>
            {step === 'review' ? t('console.setup.finish') : t('console.setup.next')}
          </button>
        </div>
      </form>
    </section>
  );
}
