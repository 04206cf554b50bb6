import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../core/contract';
import { useApiCommand } from '../data/useApiCommand';
import { useApiQuery } from '../data/useApiQuery';
import { ConsoleDialog } from './ConsoleDialog';
import { TextField } from './fields';

type Key = MethodOutput<'keys.list'>[number];
type KeyFile = MethodOutput<'keys.onSticks'>[number];
type FoundKey = KeyFile['keys'][number];

/** A key's fingerprint as a person reads it aloud or compares it: its id in groups of four. */
export function fingerprint(keyId: string): string {
  return keyId.match(/.{1,4}/g)!.join(' ');
}

/**
 * The publishers whose lesson sets install without a warning. A publisher is added by picking
 * their key file on a USB stick (the kiosk lists the files it finds there); the administrator
 * checks the fingerprint and types their password again. The keys the app ships stay.
 */
export function TrustedKeys() {
  const { t } = useTranslation();
  const keys = useApiQuery('keys.list', {}).data ?? null;
  const files = useApiQuery('keys.onSticks', {}).data ?? null;
  const removal = useApiCommand('keys.remove');
  const [picked, setPicked] = useState<{ file: KeyFile; key: FoundKey } | null>(null);
  const [removing, setRemoving] = useState<Key | null>(null);
  const [notice, setNotice] = useState('');

  async function remove(key: Key) {
    const done = await removal.run({ keyId: key.keyId });
    if (!done) return;
    setRemoving(null);
    setNotice(t('console.keys.removed', { publisher: key.publisher }));
  }

  // One line per key found, and one per file that cannot be used (saying why).
  const found = (files ?? []).flatMap((file): Array<{ file: KeyFile; key: FoundKey | null }> =>
    file.error ? [{ file, key: null }] : file.keys.map((key) => ({ file, key })),
  );
  return (
    <section className="console-panel" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('console.keys.title')}</h2>
      <p className="hint">{t('console.keys.hint')}</p>
      <p role="status" className="console-ok">
        {notice}
      </p>
      {keys && (
        <div className="table-scroll">
          <table className="console-table">
            <thead>
              <tr>
                <th scope="col">{t('console.keys.publisher')}</th>
                <th scope="col">{t('console.keys.fingerprint')}</th>
                <th scope="col">{t('console.packs.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.keyId}>
                  <th scope="row">{key.publisher}</th>
                  <td data-label={t('console.keys.fingerprint')}>
                    <code className="fingerprint">{fingerprint(key.keyId)}</code>
                  </td>
                  <td className="row-actions">
                    {key.shipped ? (
                      <span className="hint">{t('console.keys.shipped')}</span>
                    ) : (
                      <button
                        type="button"
                        className="button small secondary"
                        aria-label={t('console.keys.removeNamed', { publisher: key.publisher })}
                        onClick={() => {
                          removal.reset();
                          setRemoving(key);
                        }}
                      >
                        {t('console.keys.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 id="key-files-title">{t('console.keys.fromStickTitle')}</h3>
      <p className="hint">{t('console.keys.fromStickHint')}</p>
      <div role="status" aria-live="polite">
        {files?.length === 0 && <p className="hint">{t('console.keys.noFiles')}</p>}
      </div>
      {found.length > 0 && (
        <ul className="key-files" aria-labelledby="key-files-title">
          {found.map(({ file, key }) => (
            <li key={`${file.file}/${key?.keyId ?? ''}`} className="key-file">
              <div className="key-file-info">
                {key ? (
                  <>
                    <strong>{key.publisher}</strong>
                    <span>
                      {t('console.keys.fingerprint')}: <code className="fingerprint">{fingerprint(key.keyId)}</code>
                    </span>
                  </>
                ) : (
                  <span className="field-error">{t('console.keys.fileUnusable', { file: file.name })}</span>
                )}
                <span className="hint">{t('console.keys.onStick', { file: file.name, stick: file.drive })}</span>
              </div>
              {key &&
                (key.trusted ? (
                  <span className="trust-trusted">{t('console.keys.alreadyTrusted')}</span>
                ) : (
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={t('console.keys.pickNamed', { publisher: key.publisher })}
                    onClick={() => setPicked({ file, key })}
                  >
                    {t('console.keys.pick')}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
      {picked && (
        <TrustDialog
          picked={picked}
          onClose={(trusted) => {
            setPicked(null);
            if (!trusted) return;
            setNotice(t('console.keys.added', { publisher: picked.key.publisher }));
          }}
        />
      )}
      {removing && (
        <ConsoleDialog
          title={t('console.keys.removeTitle', { publisher: removing.publisher })}
          confirmLabel={t('console.keys.remove')}
          danger
          busy={removal.busy}
          error={removal.error}
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing)}
        >
          <p>{t('console.keys.removeText')}</p>
        </ConsoleDialog>
      )}
    </section>
  );
}

/** The last question before a publisher is trusted: who, the fingerprint to compare, and the password. */
function TrustDialog({ picked, onClose }: { picked: { file: KeyFile; key: FoundKey }; onClose(trusted: boolean): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const trusting = useApiCommand('keys.trust');
  const { keyId, publisher, publicKey } = picked.key;

  async function trust() {
    setMissing(!password);
    if (!password) return document.getElementById('key-password')?.focus();
    // Lesson sets signed with this key will install without a warning: the administrator confirms it is them.
    const done = await trusting.run({ keyId, publisher, publicKey, password });
    // Typed again from scratch each time, right or wrong: it is not kept in the page.
    setPassword('');
    if (done) onClose(true);
  }

  return (
    <ConsoleDialog
      title={t('console.keys.confirmTitle', { publisher })}
      confirmLabel={t('console.keys.trust')}
      busy={trusting.busy}
      error={trusting.error}
      onCancel={() => onClose(false)}
      onConfirm={() => void trust()}
    >
      <p>{t('console.keys.confirmText')}</p>
      <dl className="review-list">
        <div>
          <dt>{t('console.keys.publisher')}</dt>
          <dd>{publisher}</dd>
        </div>
        <div>
          <dt>{t('console.keys.fingerprint')}</dt>
          <dd>
            <code className="fingerprint big">{fingerprint(keyId)}</code>
          </dd>
        </div>
        <div>
          <dt>{t('console.keys.file')}</dt>
          <dd>{t('console.keys.onStick', { file: picked.file.name, stick: picked.file.drive })}</dd>
        </div>
      </dl>
      <TextField id="key-password" label={t('console.common.yourPassword')} hint={t('console.common.passwordAgainHint')} problem={missing && t('console.setup.problems.required')}>
        {(props) => <input {...props} type="password" autoComplete="current-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />}
      </TextField>
    </ConsoleDialog>
  );
}
