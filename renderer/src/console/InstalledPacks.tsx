import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NATIVE_NAMES } from '../../../core/contract';
import { useApiCommand } from '../data/useApiCommand';
import { useApp } from '../state/app-store';
import { ConsoleDialog } from './ConsoleDialog';
import { formatBytes } from './format';
import { localText } from './local-text';
import type { InstalledPack } from './PacksSection';
import { TransferPack } from './TransferPack';
import { useConsole } from './console-store';

/** The packs on this computer, each removable after a confirmation; an administrator can hand one to another publisher. */
export function InstalledPacks({ packs }: { packs: InstalledPack[] | null }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [removing, setRemoving] = useState<InstalledPack | null>(null);
  const removal = useApiCommand('packs.remove');
  const [notice, setNotice] = useState('');
  const [transferring, setTransferring] = useState<InstalledPack | null>(null);
  const isAdmin = useConsole((s) => s.staff?.role === 'admin');

  async function remove(pack: InstalledPack) {
    if (!(await removal.run({ packId: pack.id }))) return;
    setRemoving(null);
    setNotice(t('console.packs.removed', { title: localText(pack.title, language) }));
  }

  return (
    <section className="console-panel" aria-labelledby="installed-title" aria-busy={packs === null}>
      <h2 id="installed-title">{t('console.packs.installedTitle')}</h2>
      <p role="status" className="console-ok">
        {notice}
      </p>
      {packs?.length === 0 && <p className="hint">{t('console.packs.noneInstalled')}</p>}
      {packs && packs.length > 0 && (
        <div className="table-scroll">
          <table className="console-table wide">
            <caption className="visually-hidden">{t('console.packs.installedCount', { count: packs.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.packs.columns.title')}</th>
                <th scope="col">{t('console.packs.columns.version')}</th>
                <th scope="col">{t('console.packs.columns.publisher')}</th>
                <th scope="col">{t('console.packs.columns.size')}</th>
                <th scope="col">{t('console.packs.columns.languages')}</th>
                <th scope="col">{t('console.packs.columns.areas')}</th>
                <th scope="col">{t('console.packs.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {packs.map((pack) => (
                <tr key={pack.id}>
                  <th scope="row">{localText(pack.title, language)}</th>
                  <td data-label={t('console.packs.columns.version')}>{pack.version}</td>
                  <td data-label={t('console.packs.columns.publisher')}>
                    {pack.publisher}
                    <br />
                    <span className={`trust-${pack.trust}`}>{t(`console.packs.trust.${pack.trust}`)}</span>
                  </td>
                  <td data-label={t('console.packs.columns.size')}>{formatBytes(pack.size, language)}</td>
                  <td data-label={t('console.packs.columns.languages')}>{pack.languages.map((code) => LANGUAGE_NATIVE_NAMES[code]).join(', ')}</td>
                  <td data-label={t('console.packs.columns.areas')}>
                    {pack.competenceAreas.length === 0
                      ? '—'
                      : pack.competenceAreas.map((area) => (
                          <span key={area} className="area">
                            {area}. {t(`console.packs.areas.${area}`)}
                            <br />
                          </span>
                        ))}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button small secondary"
                      aria-label={t('console.packs.removeNamed', { title: localText(pack.title, language) })}
                      onClick={() => {
                        removal.reset();
                        setRemoving(pack);
                      }}
                    >
                      {t('console.packs.remove')}
                    </button>
                    {isAdmin && (
                      <button
                        type="button"
                        className="button small secondary"
                        aria-label={t('console.packs.transfer.openNamed', { title: localText(pack.title, language) })}
                        onClick={() => setTransferring(pack)}
                      >
                        {t('console.packs.transfer.open')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {transferring && (
        <TransferPack
          pack={transferring}
          onClose={(done) => {
            setTransferring(null);
            if (done) setNotice(done);
          }}
        />
      )}
      {removing && (
        <ConsoleDialog
          title={t('console.packs.removeTitle', { title: localText(removing.title, language) })}
          confirmLabel={t('console.packs.removeConfirm')}
          danger
          busy={removal.busy}
          error={removal.error}
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing)}
        >
          <p>{t('console.packs.removeText')}</p>
        </ConsoleDialog>
      )}
    </section>
  );
}
