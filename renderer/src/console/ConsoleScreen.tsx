import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { BackupSection } from './BackupSection';
import { CertificateCheckSection } from './CertificateCheckSection';
import { sectionsFor, signOut, useConsole, type ConsolePage } from './console-store';
import './console.css';
import { LearnersSection } from './LearnersSection';
import { PacksSection } from './PacksSection';
import { ReportsSection } from './ReportsSection';
import { SettingsSection } from './SettingsSection';
import { SetupDone } from './SetupDone';
import { StaffSection } from './StaffSection';
import { StatisticsSection } from './StatisticsSection';
import { SyncSection } from './SyncSection';

const SECTIONS: Record<ConsolePage, ComponentType> = {
  'setup-done': SetupDone,
  packs: PacksSection,
  learners: LearnersSection,
  reports: ReportsSection,
  statistics: StatisticsSection,
  sync: SyncSection,
  backup: BackupSection,
  staff: StaffSection,
  settings: SettingsSection,
  certificates: CertificateCheckSection,
};

/** The staff console: one section at a time, chosen in the side navigation. */
export function ConsoleScreen() {
  const { t } = useTranslation();
  const { staff, section, open } = useConsole();
  const heading = useFocusOnMount<HTMLHeadingElement>(section);
  if (!staff) return null;
  const Section = SECTIONS[section];
  return (
    <section className="screen console-screen">
      <nav className="console-nav" aria-label={t('console.nav.label')}>
        <div className="console-who">
          <span className="console-who-name">{staff.name}</span>
          <span className="hint">{t(`console.roles.${staff.role}`)}</span>
          <button type="button" className="button secondary" onClick={() => void signOut()}>
            {t('console.nav.signOut')}
          </button>
        </div>
        <ul>
          {sectionsFor(staff.role).map((id) => (
            <li key={id}>
              <button type="button" className="console-nav-item" aria-current={id === section ? 'page' : undefined} onClick={() => open(id)}>
                {t(`console.nav.${id}`)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="console-section">
        <h1 ref={heading} tabIndex={-1}>
          {section === 'setup-done' ? t('console.done.title') : t(`console.nav.${section}`)}
        </h1>
        <Section />
      </div>
    </section>
  );
}
