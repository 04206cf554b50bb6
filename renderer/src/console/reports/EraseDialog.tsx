import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Asks before erasing a learner, saying what goes and what stays. A native modal <dialog>: focus
 * stays inside it, Escape cancels, and Cancel has focus first so Enter does no harm.
 */
export function EraseDialog({ name, busy, onConfirm, onCancel }: { name: string; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog ref={dialog} className="erase-dialog" aria-labelledby="erase-title" aria-describedby="erase-goes erase-stays" onCancel={onCancel}>
      <h2 id="erase-title">{t('reports.erase.title', { name })}</h2>
      <div id="erase-goes">
        <h3>{t('reports.erase.goesTitle')}</h3>
        <ul>
          <li>{t('reports.erase.goesName')}</li>
          <li>{t('reports.erase.goesProgress')}</li>
          <li>{t('reports.erase.goesCertificates')}</li>
        </ul>
      </div>
      <div id="erase-stays">
        <h3>{t('reports.erase.staysTitle')}</h3>
        <p>{t('reports.erase.stays')}</p>
      </div>
      <p className="erase-warning">{t('reports.erase.final')}</p>
      <div className="actions">
        <button type="button" className="button secondary" autoFocus onClick={onCancel}>
          {t('reports.erase.cancel')}
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={onConfirm}>
          {t('reports.erase.confirm', { name })}
        </button>
      </div>
    </dialog>
  );
}
