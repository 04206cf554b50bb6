import { useTranslation } from 'react-i18next';
import { certificateTitle, formatIssuedOn } from '../components/certificate-text';
import { CertificateSeal } from '../components/CertificateSeal';
import { ListenButton, spokenKeys } from '../components/Listen';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApiQuery } from '../data/useApiQuery';
import { useApp } from '../state/app-store';
import { useBackButton } from '../state/back-button';

/** The learner's certificates, one per completed course, each opening its printable page. */
export function CertificatesScreen() {
  const { t } = useTranslation();
  const { go, language } = useApp();
  const certificates = useApiQuery('certificates.mine', {}).data ?? null;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  useBackButton(() => go({ name: 'courses' }));

  return (
    <section className="screen certificates-screen" aria-labelledby="certificates-title" aria-busy={certificates === null}>
      <div className="screen-head">
        <h1 id="certificates-title" ref={heading} tabIndex={-1}>
          {t('profiles.certificates.title')}
        </h1>
        <div className="screen-head-buttons">
          <ListenButton sounds={spokenKeys('profiles.certificates.title', certificates?.length === 0 && 'profiles.certificates.empty')} />
          <button type="button" className="button secondary" onClick={() => go({ name: 'courses' })}>
            {t('profiles.certificates.back')}
          </button>
        </div>
      </div>
      {certificates?.length === 0 && <p className="hint">{t('profiles.certificates.empty')}</p>}
      {certificates && certificates.length > 0 && (
        <ul className="certificate-list">
          {certificates.map((certificate) => {
            const title = certificateTitle(certificate.courseTitle, language);
            return (
              <li key={certificate.id} className="certificate-row">
                <CertificateSeal size={56} />
                <div className="certificate-row-text">
                  <h2 lang={title.language}>{title.text}</h2>
                  <p className="meta">{t('profiles.certificates.issuedOn', { date: formatIssuedOn(certificate.issuedOn, language) })}</p>
                </div>
                <button
                  type="button"
                  className="button primary"
                  aria-label={`${t('profiles.certificates.open')}: ${title.text}`}
                  onClick={() => go({ name: 'certificate', certificate })}
                >
                  {t('profiles.certificates.open')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
