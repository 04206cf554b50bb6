import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicKeySchema, type ApiError, type MethodOutput } from '../../../core/contract';
import { api } from '../api/client';
import { settleStaff } from './console-store';
import { ConsoleDialog } from './ConsoleDialog';
import { TextField } from './fields';
import { InlineError } from './InlineError';

type Key = MethodOutput<'keys.list'>[number];

async function loadKeys() {
  return settleStaff(await api.call('keys.list', {}));
}

/**
 * The publishers whose packs import without a warning. A key is added by pasting the publisher's
 * key file (JSON with keyId, publisher and publicKey); the keys the app ships stay.
 */
export function TrustedKeys() {
  const { t } = useTranslation();
  const [keys, setKeys] = useState<Key[] | null>(null);
  const [pasted, setPasted] = useState('');
  const [password, setPassword] = useState('');
  const [unreadable, setUnreadable] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [removing, setRemoving] = useState<Key | null>(null);
  const [notice, setNotice] = useState('');

  const reload = useCallback(async () => {
    const list = await loadKeys();
    if (list) setKeys(list);
  }, []);
  useEffect(() => {
    void loadKeys().then((list) => list && setKeys(list));
  }, []);

  async function trust(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const key = readKeyFile(pasted);
    setUnreadable(!key);
    if (!key) return document.getElementById('key-file')?.focus();
    // Packs signed with this key will install without a warning: the administrator confirms it is them.
    const done = settleStaff(await api.call('keys.trust', { ...key, password }), setError);
    setPassword('');
    if (!done) return;
    setPasted('');
    setNotice(t('console.keys.added', { publisher: key.publisher }));
    await reload();
  }

  async function remove(key: Key) {
    const done = settleStaff(await api.call('keys.remove', { keyId: key.keyId }), setError);
    setRemoving(null);
    if (!done) return;
    setNotice(t('console.keys.removed', { publisher: key.publisher }));
    await reload();
  }

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
                <th scope="col">{t('console.keys.keyId')}</th>
                <th scope="col">{t('console.packs.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.keyId}>
                  <th scope="row">{key.publisher}</th>
                  <td>
                    <code>{key.keyId}</code>
                  </td>
                  <td>
                    {key.shipped ? (
                      <span className="hint">{t('console.keys.shipped')}</span>
                    ) : (
                      <button type="button" className="button small secondary" aria-label={t('console.keys.removeNamed', { publisher: key.publisher })} onClick={() => setRemoving(key)}>
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
      <form className="console-form" noValidate onSubmit={(e) => void trust(e)}>
        <div className="field">
          <label htmlFor="key-file">{t('console.keys.paste')}</label>
          <p id="key-file-hint" className="hint">
            {t('console.keys.pasteHint')}
          </p>
          <textarea
            id="key-file"
            spellCheck={false}
            aria-invalid={unreadable}
            aria-describedby={unreadable ? 'key-file-hint key-file-problem' : 'key-file-hint'}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
          />
          {unreadable && (
            <p id="key-file-problem" className="field-error">
              {t('console.keys.unreadable')}
            </p>
          )}
        </div>
        <TextField id="key-password" label={t('console.common.yourPassword')} hint={t('console.common.passwordAgainHint')}>
          {(props) => <input {...props} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
        </TextField>
        <InlineError error={error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={!password}>
            {t('console.keys.trust')}
          </button>
        </div>
      </form>
      {removing && (
        <ConsoleDialog
          title={t('console.keys.removeTitle', { publisher: removing.publisher })}
          confirmLabel={t('console.keys.remove')}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing)}
        >
          <p>{t('console.keys.removeText')}</p>
        </ConsoleDialog>
      )}
    </section>
  );
}

/** The three fields of a key file, from the JSON pasted (a whole file, or one key of a list). */
function readKeyFile(text: string) {
  try {
    const value: unknown = JSON.parse(text);
    const candidate = Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
    if (candidate === null || typeof candidate !== 'object') return null;
    const { keyId, publisher, publicKey } = candidate as Record<string, unknown>;
    const parsed = PublicKeySchema.safeParse({ keyId, publisher, publicKey });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
