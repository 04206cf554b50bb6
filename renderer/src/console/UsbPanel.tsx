import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../core/contract';
import { errorToShow } from '../data/call';
import { useApiCommand } from '../data/useApiCommand';
import { useApiQuery } from '../data/useApiQuery';
import { useApp } from '../state/app-store';
import { useConsole } from './console-store';
import { ConsoleDialog } from './ConsoleDialog';
import { formatBytes } from './format';
import { InlineError } from './InlineError';
import { localText } from './local-text';
import type { InstalledPack, Stick } from './PacksSection';

type StickPack = MethodOutput<'drives.packs'>[number];
type Job = MethodOutput<'packs.jobs'>[number];

const RUNNING: ReadonlySet<Job['state']> = new Set(['queued', 'checking', 'copying', 'verifying', 'switching']);
/** An import still under way (not done, failed or cancelled). */
const importRunning = (job: Job) => RUNNING.has(job.state);


/** What an administrator must confirm before a pack is imported anyway. */
type Override = { pack: StickPack; kind: 'untrusted' | 'older' };

/**
 * The sticks plugged in now, as the kiosk sees them, with the packs on each and what importing
 * them would do; imports run as jobs with a progress bar and can be cancelled.
 */
export function UsbPanel({ sticks: drives, installed }: { sticks: Stick[] | null; installed: InstalledPack[] }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const admin = useConsole((s) => s.staff?.role === 'admin');
  const jobs = useApiQuery('packs.jobs', {}).data ?? [];
  const importPack = useApiCommand('packs.import');
  const cancelImport = useApiCommand('packs.cancelImport');
  const [override, setOverride] = useState<Override | null>(null);
  const announcement = useStickAnnouncements(drives);
  // The last of the two to fail says why, here or in the dialog.
  const error = importPack.error ?? cancelImport.error;
  const clearError = () => {
    importPack.reset();
    cancelImport.reset();
  };

  async function startImport(pack: StickPack, options: { acceptUntrusted?: boolean; force?: boolean } = {}) {
    clearError();
    return (await importPack.run({ file: pack.file, ...options })) !== null;
  }

  async function cancel(job: Job) {
    clearError();
    await cancelImport.run({ jobId: job.id });
  }

  const installedVersion = (packId: string | null) => installed.find((p) => p.id === packId)?.version ?? '';
  const importing = (pack: StickPack) => jobs.some((job) => job.file === pack.file && importRunning(job));

  return (
    <section className="console-panel" aria-labelledby="usb-title">
      <h2 id="usb-title">{t('console.usb.title')}</h2>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {drives === null && <p className="hint">{t('console.usb.looking')}</p>}
      {drives?.length === 0 && <p className="hint">{t('console.usb.none')}</p>}
      <InlineError error={error} />
      {jobs.length > 0 && (
        <div className="jobs">
          <h3>{t('console.usb.jobsTitle')}</h3>
          <ul className="stick-packs">
            {jobs.map((job) => (
              <JobRow key={job.id} job={job} onCancel={() => void cancel(job)} />
            ))}
          </ul>
        </div>
      )}
      {drives && drives.length > 0 && (
        <ul className="stick-list">
          {drives.map((drive) => (
            <li key={drive.id} className="stick">
              <h3>{t('console.usb.stick', { label: drive.label })}</h3>
              <p className="hint">{t('console.usb.free', { size: formatBytes(drive.freeBytes, language) })}</p>
              <StickPacks stick={drive}>
                {(pack) => (
                  <li key={pack.file} className="stick-pack">
                    <div className="stick-pack-info">
                      <strong>{pack.title ? localText(pack.title, language) : pack.name}</strong>
                      {pack.version && <span> · {t('console.usb.version', { version: pack.version })}</span>}
                      <span> · {formatBytes(pack.size, language)}</span>
                      {pack.title && <span className="hint file-name"> · {pack.name}</span>}
                      <br />
                      <span className={`pack-status ${pack.status}`}>
                        {/* Older, with nothing installed: older than a version removed since (the kiosk remembers the highest). */}
                        {pack.status === 'older' && !installedVersion(pack.packId)
                          ? t('console.usb.status.olderThanBefore')
                          : t(`console.usb.status.${pack.status}`, { installed: installedVersion(pack.packId) })}
                      </span>
                      {pack.error && <span className="field-error"> {t(`errors.${pack.error.code}`, namedAsOnStick(pack.error.params, pack.file, pack.name))}</span>}
                      {pack.status === 'untrusted' && !admin && <span className="hint"> {t('console.usb.adminMustAccept')}</span>}
                      {pack.status === 'older' && !admin && <span className="hint"> {t('console.usb.adminMustDowngrade')}</span>}
                    </div>
                    <StickPackAction
                      pack={pack}
                      admin={admin}
                      busy={importing(pack)}
                      onImport={() => void startImport(pack)}
                      onOverride={(kind) => {
                        clearError();
                        setOverride({ pack, kind });
                      }}
                    />
                  </li>
                )}
              </StickPacks>
            </li>
          ))}
        </ul>
      )}
      {override && (
        <ConsoleDialog
          title={t(`console.usb.override.${override.kind}.title`)}
          confirmLabel={t(`console.usb.override.${override.kind}.confirm`)}
          danger
          error={error}
          onCancel={() => setOverride(null)}
          onConfirm={() => {
            const options = override.kind === 'untrusted' ? { acceptUntrusted: true } : { force: true };
            void startImport(override.pack, options).then((started) => started && setOverride(null));
          }}
        >
          <p>{override.pack.title ? localText(override.pack.title, language) : override.pack.name}</p>
          <p>{t(`console.usb.override.${override.kind}.text`)}</p>
        </ConsoleDialog>
      )}
    </section>
  );
}

/** The packs on one stick, read when it shows (each pack file is opened and checked). */
function StickPacks({ stick, children }: { stick: Stick; children(pack: StickPack): ReactNode }) {
  const { t } = useTranslation();
  const packs = useApiQuery('drives.packs', { driveId: stick.id }, { handlesError: true });
  if (packs.isError) return <p className="field-error">{t(`errors.${errorToShow(packs.error)?.code ?? 'internal'}`)}</p>;
  if (!packs.data) return null;
  if (packs.data.length === 0) return <p className="hint">{t('console.usb.noPacks')}</p>;
  return (
    <ul className="stick-packs" aria-label={t('console.usb.packsOn', { label: stick.label, count: packs.data.length })}>
      {packs.data.map(children)}
    </ul>
  );
}

function StickPackAction({
  pack,
  admin,
  busy,
  onImport,
  onOverride,
}: {
  pack: StickPack;
  admin: boolean;
  busy: boolean;
  onImport(): void;
  onOverride(kind: Override['kind']): void;
}) {
  const { t } = useTranslation();
  const name = pack.name;
  if (pack.status === 'new' || pack.status === 'newer') {
    return (
      <button type="button" className="button primary" disabled={busy} aria-label={t('console.usb.importNamed', { name })} onClick={onImport}>
        {pack.status === 'newer' ? t('console.usb.update') : t('console.usb.import')}
      </button>
    );
  }
  // Only an administrator may take a pack from an unknown publisher or go back a version.
  if (admin && (pack.status === 'untrusted' || pack.status === 'older')) {
    return (
      <button type="button" className="button secondary" disabled={busy} aria-label={t('console.usb.importAnywayNamed', { name })} onClick={() => onOverride(pack.status as 'untrusted' | 'older')}>
        {t('console.usb.importAnyway')}
      </button>
    );
  }
  return null;
}

/** An error about the pack file itself names it as the stick shows it, never by its path on this computer. */
function namedAsOnStick(params: Record<string, unknown>, file: string, name: string): Record<string, unknown> {
  return params.file === file ? { ...params, file: name } : params;
}

function JobRow({ job, onCancel }: { job: Job; onCancel(): void }) {
  const { t } = useTranslation();
  const name = job.file.split(/[\\/]/).pop() ?? job.file;
  const running = importRunning(job);
  const percent = job.bytesTotal > 0 ? Math.floor((job.bytesDone / job.bytesTotal) * 100) : 0;
  return (
    <li className="stick-pack">
      <div className="job">
        <span className="stick-pack-info">
          <strong>{name}</strong> · <span>{t(`console.usb.jobState.${job.state}`)}</span>
        </span>
        {running && (
          <>
            <progress
              className="import-progress"
              aria-label={t('console.usb.progressLabel', { name })}
              max={job.bytesTotal || 1}
              value={job.bytesDone}
              aria-valuetext={t('console.usb.percent', { percent })}
            />
            <span aria-hidden="true">{t('console.usb.percent', { percent })}</span>
            <button type="button" className="button secondary small" aria-label={t('console.usb.cancelNamed', { name })} onClick={onCancel}>
              {t('console.common.cancel')}
            </button>
          </>
        )}
      </div>
      {job.state === 'done' && <p className="console-ok">{t('console.usb.done', { version: job.version ?? '' })}</p>}
      {job.state === 'failed' && job.error && <p className="field-error">{t(`errors.${job.error.code}`, namedAsOnStick(job.error.params, job.file, name))}</p>}
    </li>
  );
}

/** "Stick X plugged in" / "Stick X taken out", said once when it happens (not on first look). */
function useStickAnnouncements(drives: Stick[] | null): string {
  const { t } = useTranslation();
  const [seen, setSeen] = useState(drives);
  const [message, setMessage] = useState('');
  // Compared while rendering (React's "state from props" pattern), so the news shows with the list.
  if (drives !== seen) {
    setSeen(drives);
    if (seen && drives) {
      const before = new Map(seen.map((d) => [d.id, d.label]));
      const now = new Map(drives.map((d) => [d.id, d.label]));
      const said: string[] = [];
      for (const [id, label] of now) if (!before.has(id)) said.push(t('console.usb.appeared', { label }));
      for (const [id, label] of before) if (!now.has(id)) said.push(t('console.usb.left', { label }));
      if (said.length > 0) setMessage(said.join(' '));
    }
  }
  return message;
}
