import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, MethodOutput } from '../../../core/contract';
import { api } from '../api/client';
import { useApp } from '../state/app-store';
import { settleStaff } from './console-store';
import { ConsoleDialog } from './ConsoleDialog';
import { TextField } from './fields';
import { formatBytes, formatDateTime } from './format';
import { InlineError } from './InlineError';
import { TargetChoice, targetOf, type Target } from './TargetChoice';
import { useSticks } from './useSticks';

type Backup = MethodOutput<'backup.list'>[number];

async function loadBackups(where: string) {
  return settleStaff(await api.call('backup.list', { target: JSON.parse(where) as Target }));
}

/** Backs the database up to a stick (or this computer's exports folder) and restores a backup. */
export function BackupSection() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const drives = useSticks();
  const [choice, setChoice] = useState('folder');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [made, setMade] = useState<Backup | null>(null);
  /** The backups found, and where: a list for another target than the chosen one is not shown. */
  const [found, setFound] = useState<{ where: string; backups: Backup[] } | null>(null);
  const [restoring, setRestoring] = useState<Backup | null>(null);


  const target: Target | null = targetOf(choice, drives);

  const targetKey = target ? JSON.stringify(target) : '';
  const backups = found && found.where === targetKey ? found.backups : null;
  const readBackups = useCallback(async (where: string) => {
    const list = await loadBackups(where);
    if (list) setFound({ where, backups: list });
  }, []);
  useEffect(() => {
    if (targetKey) void loadBackups(targetKey).then((list) => list && setFound({ where: targetKey, backups: list }));
  }, [targetKey]);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!target || !password || busy) return;
    setBusy(true);
    setError(null);
    setMade(null);
    const backup = settleStaff(await api.call('backup.create', { password, target }), setError);
    setBusy(false);
    setPassword('');
    if (!backup) return;
    setMade(backup);
    await readBackups(targetKey);
  }

  return (
    <>
      <section className="console-panel" aria-labelledby="backup-make-title">
        <h2 id="backup-make-title">{t('console.backup.makeTitle')}</h2>
        <p className="hint">{t('console.backup.makeHint')}</p>
        <form className="console-form" onSubmit={(e) => void create(e)}>
          <TargetChoice name="backup-target" legend={t('console.backup.where')} drives={drives} value={choice} onChange={setChoice} />
          <TextField id="backup-password" label={t('console.common.yourPassword')} hint={t('console.common.passwordAgainHint')}>
            {(props) => <input {...props} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
          </TextField>
          <InlineError error={error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy || !target || !password} aria-busy={busy}>
              {t('console.backup.make')}
            </button>
          </div>
          <div role="status" aria-live="polite">
            {busy && <p>{t('console.backup.making')}</p>}
            {made && (
              <p className="console-ok">
                {t('console.backup.made', { file: made.file, size: formatBytes(made.bytes, language) })}
              </p>
            )}
          </div>
        </form>
      </section>

      <section className="console-panel" aria-labelledby="backup-list-title">
        <h2 id="backup-list-title">{t('console.backup.listTitle')}</h2>
        <p className="hint">{t('console.backup.listHint')}</p>
        {backups?.length === 0 && <p className="hint">{t('console.backup.none')}</p>}
        {backups && backups.length > 0 && (
          <div className="table-scroll">
            <table className="console-table">
              <thead>
                <tr>
                  <th scope="col">{t('console.backup.columns.name')}</th>
                  <th scope="col">{t('console.backup.columns.taken')}</th>
                  <th scope="col">{t('console.backup.columns.site')}</th>
                  <th scope="col">{t('console.backup.columns.size')}</th>
                  <th scope="col">{t('console.packs.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {backups.map((backup) => (
                  <tr key={backup.file}>
                    <th scope="row">{backup.name}</th>
                    <td>{backup.takenAt ? formatDateTime(backup.takenAt, language) : '—'}</td>
                    <td>{backup.siteName ?? '—'}</td>
                    <td>{formatBytes(backup.bytes, language)}</td>
                    <td>
                      <button type="button" className="button small secondary" aria-label={t('console.backup.restoreNamed', { name: backup.name })} onClick={() => setRestoring(backup)}>
                        {t('console.backup.restore')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />}
    </>
  );
}

/** The last question before the database is replaced: what will be lost, and the password. */
function RestoreDialog({ backup, onClose }: { backup: Backup; onClose(): void }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function restore() {
    if (!password) return;
    setBusy(true);
    setError(null);
    const done = settleStaff(await api.call('backup.restore', { password, file: backup.file }), setError);
    setBusy(false);
    setPassword('');
    if (!done) return;
    // Every session ended with the old database: sign in again against the restored one.
    api.setToken(null);
    useApp.setState({ screen: { name: 'staff-login', notice: 'restored' }, error: null });
    await useApp.getState().reloadKiosk();
  }

  return (
    <ConsoleDialog title={t('console.backup.restoreTitle')} confirmLabel={t('console.backup.restoreConfirm')} danger busy={busy} error={error} onCancel={onClose} onConfirm={() => void restore()}>
      <p>
        <strong>{backup.name}</strong>
        {backup.takenAt && <> · {formatDateTime(backup.takenAt, language)}</>}
      </p>
      <p>{t('console.backup.restoreText')}</p>
      <TextField id="restore-password" label={t('console.common.yourPassword')}>
        {(props) => <input {...props} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
      </TextField>
      {busy && <p role="status">{t('console.backup.restoring')}</p>}
    </ConsoleDialog>
  );
}
