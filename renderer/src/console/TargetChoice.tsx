import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../core/contract';
import { useApp } from '../state/app-store';
import { formatBytes } from './format';
import type { Stick } from './PacksSection';

export type Target = MethodInput<'backup.create'>['target'];

/** The target a choice stands for: 'folder', or a stick's id while that stick is still there. */
export function targetOf(choice: string, drives: Stick[]): Target | null {
  if (choice === 'folder') return { kind: 'folder' };
  return drives.some((d) => d.id === choice) ? { kind: 'drive', driveId: choice } : null;
}

/** Where a backup (or export) goes: one of the sticks plugged in now, or this computer's folder. */
export function TargetChoice({ name, legend, drives, value, onChange }: { name: string; legend: string; drives: Stick[]; value: string; onChange(choice: string): void }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const gone = value !== 'folder' && !drives.some((d) => d.id === value);
  return (
    <fieldset className="choice-group">
      <legend>{legend}</legend>
      {drives.map((drive) => (
        <label key={drive.id} className="check-option">
          <input type="radio" name={name} value={drive.id} checked={value === drive.id} onChange={() => onChange(drive.id)} />
          {t('console.target.stick', { label: drive.label, free: formatBytes(drive.freeBytes, language) })}
        </label>
      ))}
      <label className="check-option">
        <input type="radio" name={name} value="folder" checked={value === 'folder'} onChange={() => onChange('folder')} />
        {t('console.target.folder')}
      </label>
      {drives.length === 0 && <p className="hint">{t('console.target.noStick')}</p>}
      {gone && (
        <p className="field-error" role="alert">
          {t('console.target.gone')}
        </p>
      )}
    </fieldset>
  );
}
