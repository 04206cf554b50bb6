import { useTranslation } from 'react-i18next';
import { certificateTitle, formatIssuedOn } from '../components/certificate-text';
import { CertificateSeal } from '../components/CertificateSeal';
import { ListenButton, spokenKeys } from '../components/Listen';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApp, type Certificate } from '../state/app-store';
import { desktop } from '../api/client';
import { CertificateSaver } from './CertificateSaver';

/** The desktop app prints through Electron (A4, the system's dialog); a browser opens its own. */
function printCertificate(): void {
  const print = desktop()?.printCertificate;
  if (print) void print();
  else window.print();
}
import { useBackButton } from '../state/back-button';

/**
 * One certificate as an A4 page (landscape): on screen as a preview, and alone on paper (the
 * print stylesheet hides everything else). Texts are in the learner's current language.
 */
export function CertificateScreen({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const { go, language } = useApp();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  useBackButton(() => go({ name: 'certificates' }));
  const title = certificateTitle(certificate.courseTitle, language);
  return (
    <section className="screen certificate-screen" aria-labelledby="certificate-title">
      <div className="actions no-print">
        <button type="button" className="button secondary" onClick={() => go({ name: 'certificates' })}>
          {t('profiles.certificate.back')}
        </button>
        <button type="button" className="button primary big" onClick={printCertificate}>
          <svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 9V3h12v6M6 18H4v-7h16v7h-2" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
            <rect x="7" y="14" width="10" height="7" fill="none" stroke="currentColor" strokeWidth="2" />
          </svg>{' '}
          {t('profiles.certificate.print')}
        </button>
        <CertificateSaver code={certificate.code} />
        <ListenButton sounds={spokenKeys('profiles.certificate.heading', 'profiles.certificate.codeHint')} />
      </div>
      <article className="certificate" aria-labelledby="certificate-title">
        <div className="certificate-frame">
          <CertificateSeal size={96} />
          <h1 id="certificate-title" ref={heading} tabIndex={-1} className="certificate-heading">
            {t('profiles.certificate.heading')}
          </h1>
          <p className="certificate-line">{t('profiles.certificate.certifies')}</p>
          <p className="certificate-name">{certificate.learnerName}</p>
          <p className="certificate-line">{t('profiles.certificate.completed')}</p>
          <p className="certificate-course" lang={title.language}>
            «{title.text}»
          </p>
          <dl className="certificate-facts">
            <div>
              <dt>{t('profiles.certificate.date')}</dt>
              <dd>{formatIssuedOn(certificate.issuedOn, language)}</dd>
            </div>
            {certificate.siteName && (
              <div>
                <dt>{t('profiles.certificate.place')}</dt>
                <dd>{certificate.siteName}</dd>
              </div>
            )}
            <div>
              <dt>{t('profiles.certificate.code')}</dt>
              <dd className="certificate-code">{certificate.code}</dd>
            </div>
          </dl>
          <p className="certificate-check">{t('profiles.certificate.codeHint')}</p>
        </div>
      </article>
    </section>
  );
}
