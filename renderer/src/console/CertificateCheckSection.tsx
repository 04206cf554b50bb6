import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorToShow } from '../data/call';
import { useApiQuery } from '../data/useApiQuery';
import { useApp } from '../state/app-store';
import { TextField } from './fields';
import { dayLabel, parseDay } from './dates';
import { InlineError } from './InlineError';
import { localText } from './local-text';

/** Someone shows a certificate: the code printed on it says whether this kiosk issued it, to whom. */
export function CertificateCheckSection() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [code, setCode] = useState('');
  /** The code last asked about: the answer stays until another is asked. */
  const [asked, setAsked] = useState<string | null>(null);
  const verify = useApiQuery('certificates.verify', { code: asked ?? '' }, { enabled: asked !== null, handlesError: true });
  const busy = verify.isFetching;
  const found = verify.isError ? null : (verify.data ?? null);

  function check(event: FormEvent) {
    event.preventDefault();
    if (!code.trim() || busy) return;
    const next = code.trim().toUpperCase();
    if (next === asked) void verify.refetch();
    else setAsked(next);
  }

  return (
    <section className="console-panel" aria-labelledby="check-title">
      <h2 id="check-title">{t('console.certificates.title')}</h2>
      <form className="console-form" onSubmit={check}>
        <TextField id="certificate-code" label={t('console.certificates.code')} hint={t('console.certificates.codeHint')}>
          {(props) => <input {...props} autoComplete="off" spellCheck={false} maxLength={40} value={code} onChange={(e) => setCode(e.target.value)} />}
        </TextField>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
            {t('console.certificates.check')}
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {found && (
          <div className="console-notice">
            <p className="console-ok">{t('console.certificates.genuine')}</p>
            <dl className="review-list">
              <div>
                <dt>{t('console.certificates.learner')}</dt>
                <dd>{found.learnerName}</dd>
              </div>
              <div>
                <dt>{t('console.certificates.course')}</dt>
                <dd>{localText(found.courseTitle, language)}</dd>
              </div>
              <div>
                <dt>{t('console.certificates.issued')}</dt>
                <dd>{dayLabel(parseDay(found.issuedOn), language)}</dd>
              </div>
              <div>
                <dt>{t('console.certificates.site')}</dt>
                <dd>{found.siteName}</dd>
              </div>
            </dl>
          </div>
        )}
      </div>
      <InlineError error={errorToShow(verify.error)} />
    </section>
  );
}
