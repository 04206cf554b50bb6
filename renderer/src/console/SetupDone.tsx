import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../data/useApiQuery';
import { signOut, useConsole } from './console-store';

/**
 * The end of set-up: it is done, and what to do next (lesson sets from a stick, librarians'
 * accounts, both optional), then sign out so that learners get the computer.
 */
export function SetupDone() {
  const { t } = useTranslation();
  const open = useConsole((s) => s.open);
  const installed = useApiQuery('packs.installed', {}).data?.length ?? null;

  return (
    <>
      <p className="console-notice setup-done-lead">{t('console.done.lead')}</p>
      <section className="console-panel" aria-labelledby="done-next-title">
        <h2 id="done-next-title">{t('console.done.nextTitle')}</h2>
        <p className="hint">{t('console.done.nextHint')}</p>
        <ol className="done-steps">
          <li>
            <h3>{t('console.done.packsTitle')}</h3>
            {installed !== null && <p>{installed === 0 ? t('console.done.packsNone') : t('console.done.packsInstalled', { count: installed })}</p>}
            <p>{t('console.done.packsText')}</p>
            <button type="button" className="button secondary" onClick={() => open('packs')}>
              {t('console.done.packsButton')}
            </button>
          </li>
          <li>
            <h3>{t('console.done.staffTitle')}</h3>
            <p>{t('console.done.staffText')}</p>
            <button type="button" className="button secondary" onClick={() => open('staff')}>
              {t('console.done.staffButton')}
            </button>
          </li>
        </ol>
      </section>
      <section className="console-panel done-hand-over" aria-labelledby="done-hand-over-title">
        <h2 id="done-hand-over-title">{t('console.done.handOverTitle')}</h2>
        <p>{t('console.done.handOverText', { staffButton: t('console.login.staffButton') })}</p>
        <div className="actions">
          <button type="button" className="button primary big" onClick={() => void signOut()}>
            {t('console.done.signOut')}
          </button>
        </div>
      </section>
    </>
  );
}
