import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../core/contract';
import { useApiCommand } from '../data/useApiCommand';
import { useApp } from '../state/app-store';
import { formatBytes } from './format';
import { InlineError } from './InlineError';
import { localText } from './local-text';
import type { InstalledPack, Stick } from './PacksSection';

/** Copies installed packs onto a stick for another library; the stick's free space comes first. */
export function CopyToStick({ drives, installed }: { drives: Stick[]; installed: InstalledPack[] }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [driveId, setDriveId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const exporting = useApiCommand('packs.exportToDrive');
  const busy = exporting.busy;
  const [copied, setCopied] = useState<MethodOutput<'packs.exportToDrive'>['files'] | null>(null);

  // The stick chosen, or the only one there is; gone if it was taken out.
  const drive = drives.find((d) => d.id === driveId) ?? (drives.length === 1 ? drives[0] : undefined);
  const packs = installed.filter((p) => chosen.includes(p.id));
  const needed = packs.reduce((sum, p) => sum + p.size, 0);
  const tooBig = drive !== undefined && needed > drive.freeBytes;

  async function copy(event: FormEvent) {
    event.preventDefault();
    if (!drive || packs.length === 0 || busy) return;
    setCopied(null);
    const result = await exporting.run({ driveId: drive.id, packIds: packs.map((p) => p.id) });
    if (result) setCopied(result.files);
  }

  return (
    <section className="console-panel" aria-labelledby="copy-title">
      <h2 id="copy-title">{t('console.copy.title')}</h2>
      {drives.length === 0 ? (
        <p className="hint">{t('console.copy.noStick')}</p>
      ) : installed.length === 0 ? (
        <p className="hint">{t('console.packs.noneInstalled')}</p>
      ) : (
        <form className="console-form" onSubmit={(e) => void copy(e)}>
          <div className="field">
            <label htmlFor="copy-drive">{t('console.copy.stick')}</label>
            <select id="copy-drive" value={drive?.id ?? ''} onChange={(e) => setDriveId(e.target.value)}>
              {!drive && <option value="">{t('console.copy.chooseStick')}</option>}
              {drives.map((d) => (
                <option key={d.id} value={d.id}>
                  {t('console.copy.stickOption', { label: d.label, free: formatBytes(d.freeBytes, language) })}
                </option>
              ))}
            </select>
          </div>
          {drive && <p id="copy-space">{t('console.copy.free', { label: drive.label, free: formatBytes(drive.freeBytes, language) })}</p>}
          <fieldset className="choice-group">
            <legend>{t('console.copy.packs')}</legend>
            {installed.map((pack) => (
              <label key={pack.id} className="check-option">
                <input
                  type="checkbox"
                  checked={chosen.includes(pack.id)}
                  onChange={(e) => setChosen(e.target.checked ? [...chosen, pack.id] : chosen.filter((id) => id !== pack.id))}
                />
                {t('console.copy.packOption', { title: localText(pack.title, language), version: pack.version, size: formatBytes(pack.size, language) })}
              </label>
            ))}
          </fieldset>
          <p aria-live="polite">
            {packs.length > 0 && t('console.copy.needed', { count: packs.length, size: formatBytes(needed, language) })}
            {tooBig && <strong className="field-error"> {t('console.copy.tooBig')}</strong>}
          </p>
          <InlineError error={exporting.error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy || !drive || packs.length === 0 || tooBig} aria-busy={busy}>
              {busy ? t('console.copy.copying') : t('console.copy.submit')}
            </button>
          </div>
          {copied && (
            <div role="status" className="console-ok">
              <p>{t('console.copy.done', { count: copied.length })}</p>
              <ul>
                {copied.map((file) => (
                  <li key={file}>{file}</li>
                ))}
              </ul>
            </div>
          )}
        </form>
      )}
    </section>
  );
}
