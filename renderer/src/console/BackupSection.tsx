import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BackupPassphraseSchema, type MethodOutput } from '../../../core/contract';
import { api } from '../api/client';
import { useApiCommand } from '../data/useApiCommand';
import { useApiQuery } from '../data/useApiQuery';
import { useApp } from '../state/app-store';
import { ConsoleDialog } from './ConsoleDialog';
import { TextField } from './fields';
import { formatBytes, formatDateTime } from './format';
import { InlineError } from './InlineError';
import { TargetChoice, targetOf, type Target } from './TargetChoice';
import { useSticks } from './useSticks';

type Backup = MethodOutput<'backup.list'>[number];
/** What is wrong with the passphrase typed for a new backup (console.backup.problems.*). */
type PassphraseProblem = 'short' | 'mismatch';

/**
 * Backs the database up to a stick (or this computer's exports folder), encrypted with a
 * passphrase the administrator types twice, and restores a backup once its passphrase opens it.
 */
export function BackupSection() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const drives = useSticks();
  const [choice, setChoice] = useState('folder');
  const [passphrase, setPassphrase] = useState('');
  const [passphraseAgain, setPassphraseAgain] = useState('');
  const [problem, setProblem] = useState<{ field: 'backup-passphrase' | 'backup-passphraseAgain'; kind: PassphraseProblem } | null>(null);
  const [password, setPassword] = useState('');
  const making = useApiCommand('backup.create');
  const busy = making.busy;
  const [made, setMade] = useState<Backup | null>(null);
  /** The passphrase typed to open the list, and the one the shown list was checked with. */
  const [listPassphrase, setListPassphrase] = useState('');
  const [checkedWith, setCheckedWith] = useState<string | undefined>(undefined);
  const [restoring, setRestoring] = useState<Backup | null>(null);

  const target: Target | null = targetOf(choice, drives);
  const listed = useApiQuery('backup.list', { target: target ?? { kind: 'folder' }, ...(checkedWith ? { passphrase: checkedWith } : {}) }, {
    enabled: target !== null,
    // While another passphrase is checked the list stays; a list for another target does not.
    keepPrevious: (previous) => JSON.stringify(previous.target) === JSON.stringify(target),
  });
  const backups = target ? (listed.data ?? null) : null;
  // Checking takes a second or two per backup (the passphrase goes through scrypt each time).
  const checking = Boolean(target && checkedWith) && listed.isFetching && (listed.isPlaceholderData || listed.data === undefined);

  function passphraseProblem(): typeof problem {
    if (!BackupPassphraseSchema.safeParse(passphrase).success) return { field: 'backup-passphrase', kind: 'short' };
    if (passphrase !== passphraseAgain) return { field: 'backup-passphraseAgain', kind: 'mismatch' };
    return null;
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!target || !password || busy) return;
    const wrong = passphraseProblem();
    setProblem(wrong);
    if (wrong) return document.getElementById(wrong.field)?.focus();
    setMade(null);
    const backup = await making.run({ password, passphrase, target });
    setPassword('');
    if (!backup) return;
    setPassphrase('');
    setPassphraseAgain('');
    setMade(backup);
  }

  async function check(event: FormEvent) {
    event.preventDefault();
    if (!target || !listPassphrase || checking) return;
    setCheckedWith(listPassphrase);
    if (listPassphrase === checkedWith) await listed.refetch();
  }

  const passphraseField = (id: 'backup-passphrase' | 'backup-passphraseAgain', value: string, onChange: (value: string) => void) => (
    <TextField
      id={id}
      label={t(id === 'backup-passphrase' ? 'console.backup.passphrase' : 'console.backup.passphraseAgain')}
      hint={id === 'backup-passphrase' ? t('console.backup.passphraseHint') : undefined}
      problem={problem?.field === id && t(`console.backup.problems.${problem.kind}`)}
    >
      {(props) => <input {...props} type="password" autoComplete="new-password" value={value} onChange={(e) => onChange(e.target.value)} />}
    </TextField>
  );

  return (
    <>
      <section className="console-panel" aria-labelledby="backup-make-title">
        <h2 id="backup-make-title">{t('console.backup.makeTitle')}</h2>
        <p className="hint">{t('console.backup.makeHint')}</p>
        <form className="console-form" noValidate onSubmit={(e) => void create(e)}>
          <TargetChoice name="backup-target" legend={t('console.backup.where')} drives={drives} value={choice} onChange={setChoice} />
          {passphraseField('backup-passphrase', passphrase, setPassphrase)}
          {passphraseField('backup-passphraseAgain', passphraseAgain, setPassphraseAgain)}
          <TextField id="backup-password" label={t('console.common.yourPassword')} hint={t('console.common.passwordAgainHint')}>
            {(props) => <input {...props} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
          </TextField>
          <InlineError error={making.error} />
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
        <form className="console-form" noValidate onSubmit={(e) => void check(e)}>
          <TextField id="backup-list-passphrase" label={t('console.backup.checkPassphrase')} hint={t('console.backup.checkHint')}>
            {(props) => <input {...props} type="password" autoComplete="off" value={listPassphrase} onChange={(e) => setListPassphrase(e.target.value)} />}
          </TextField>
          <div className="actions">
            <button type="submit" className="button secondary" disabled={checking || !listPassphrase || !target} aria-busy={checking}>
              {t('console.backup.check')}
            </button>
          </div>
          <p role="status" aria-live="polite">
            {checking ? t('console.backup.checking') : ''}
          </p>
        </form>
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
                    <th scope="row" className="file-name">
                      {backup.name}
                    </th>
                    <td data-label={t('console.backup.columns.taken')}>{backup.takenAt ? formatDateTime(backup.takenAt, language) : '—'}</td>
                    <td data-label={t('console.backup.columns.site')}>{backup.siteName ?? '—'}</td>
                    <td data-label={t('console.backup.columns.size')}>{formatBytes(backup.bytes, language)}</td>
                    <td className="row-actions">
                      {/* Only a backup the passphrase opened can be restored; the others say why not. */}
                      {backup.state === 'ok' ? (
                        <button type="button" className="button small secondary" aria-label={t('console.backup.restoreNamed', { name: backup.name })} onClick={() => setRestoring(backup)}>
                          {t('console.backup.restore')}
                        </button>
                      ) : (
                        t(`console.backup.states.${backup.state}`)
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {restoring && checkedWith && <RestoreDialog backup={restoring} passphrase={checkedWith} onClose={() => setRestoring(null)} />}
    </>
  );
}

/** The last question before the database is replaced: what will be lost, and the password. */
function RestoreDialog({ backup, passphrase, onClose }: { backup: Backup; passphrase: string; onClose(): void }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [password, setPassword] = useState('');
  const restoration = useApiCommand('backup.restore');
  const busy = restoration.busy;

  async function restore() {
    if (!password) return;
    const done = await restoration.run({ password, passphrase, file: backup.file });
    setPassword('');
    if (!done) return;
    // Every session ended with the old database: sign in again against the restored one.
    api.setToken(null);
    useApp.setState({ screen: { name: 'staff-login', notice: 'restored' }, error: null });
    await useApp.getState().reloadKiosk();
  }

  return (
    <ConsoleDialog title={t('console.backup.restoreTitle')} confirmLabel={t('console.backup.restoreConfirm')} danger busy={busy} error={restoration.error} onCancel={onClose} onConfirm={() => void restore()}>
      <p>
        <strong>{backup.siteName}</strong>
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
