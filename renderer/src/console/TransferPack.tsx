import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorToShow } from '../data/call';
import { useApiCommand } from '../data/useApiCommand';
import { useApiQuery } from '../data/useApiQuery';
import { useApp } from '../state/app-store';
import { ConsoleDialog } from './ConsoleDialog';
import { TextField } from './fields';
import { localText } from './local-text';
import type { InstalledPack } from './PacksSection';
import { fingerprint } from './TrustedKeys';

/**
 * An administrator hands a lesson set to another trusted publisher: from then on only that
 * publisher's versions install under it, never the current publisher's. Rare and risky, so it
 * warns, names both publishers with their fingerprints, and asks for the password again.
 */
export function TransferPack({ pack, onClose }: { pack: InstalledPack; onClose(done: string | null): void }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const listed = useApiQuery('keys.list', {}, { handlesError: true });
  const keys = listed.data?.filter((k) => k.keyId !== pack.ownerKeyId) ?? null;
  const transferring = useApiCommand('packs.transfer');
  const [keyId, setKeyId] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<'key' | 'password' | null>(null);
  const title = localText(pack.title, language);

  async function transfer() {
    const problem = !keyId ? 'key' : !password ? 'password' : null;
    setMissing(problem);
    if (problem) return document.getElementById(problem === 'key' ? 'transfer-key' : 'transfer-password')?.focus();
    const done = await transferring.run({ packId: pack.id, keyId, password });
    setPassword('');
    const publisher = keys?.find((k) => k.keyId === keyId)?.publisher ?? '';
    if (done) onClose(t('console.packs.transfer.done', { title, publisher }));
  }

  return (
    <ConsoleDialog title={t('console.packs.transfer.title', { title })} confirmLabel={t('console.packs.transfer.confirm')} danger busy={transferring.busy} error={transferring.error ?? errorToShow(listed.error)} onCancel={() => onClose(null)} onConfirm={() => void transfer()}>
      <p className="console-notice">{t('console.packs.transfer.warning', { publisher: pack.publisher })}</p>
      {pack.ownerKeyId && (
        <p>
          {t('console.packs.transfer.current')}: <code className="fingerprint">{fingerprint(pack.ownerKeyId)}</code>
        </p>
      )}
      <TextField id="transfer-key" label={t('console.packs.transfer.to')} problem={missing === 'key' && t('console.setup.problems.required')}>
        {(props) => (
          <select {...props} value={keyId} onChange={(e) => setKeyId(e.target.value)}>
            <option value="">{t('console.packs.transfer.choose')}</option>
            {(keys ?? []).map((key) => (
              <option key={key.keyId} value={key.keyId}>
                {key.publisher} — {fingerprint(key.keyId)}
              </option>
            ))}
          </select>
        )}
      </TextField>
      <TextField id="transfer-password" label={t('console.common.yourPassword')} hint={t('console.common.passwordAgainHint')} problem={missing === 'password' && t('console.setup.problems.required')}>
        {(props) => <input {...props} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
      </TextField>
    </ConsoleDialog>
  );
}
