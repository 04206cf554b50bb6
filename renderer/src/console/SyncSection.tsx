import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../core/contract';
import { useApiCommand } from '../data/useApiCommand';
import { useApiQuery } from '../data/useApiQuery';
import { useApp } from '../state/app-store';
import { TextField } from './fields';
import { formatDateTime } from './format';
import { InlineError } from './InlineError';
import { TargetChoice, targetOf } from './TargetChoice';
import { useSticks } from './useSticks';

type SyncStatus = MethodOutput<'sync.status'>;

const DAY_SECONDS = 24 * 3600;
const YEAR_DAYS = 365;

/**
 * Sending the anonymised figures to the programme's collector: where it stands, enrolment with
 * the programme's code, "send now", and "save figures to stick" for a library without internet.
 */
export function SyncSection() {
  const status = useApiQuery('sync.status', {}).data ?? null;
  // The privacy threshold, for the line that says why small groups wait.
  const k = useApiQuery('settings.get', {}).data?.k ?? null;

  return (
    <>
      <StatusPanel status={status} k={k} />
      <EnrolPanel enrolled={status?.enrolled ?? false} />
      <StickPanel />
    </>
  );
}

function StatusPanel({ status, k }: { status: SyncStatus | null; k: number | null }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const sending = useApiCommand('sync.now');
  const busy = sending.busy;
  const [sent, setSent] = useState(false);
  const when = (value: string | null) => (value ? formatDateTime(value, language) : t('console.sync.never'));

  async function sendNow() {
    setSent(false);
    const after = await sending.run({});
    if (!after) return;
    // The attempt's own problem (collector down…) shows in the facts above; here only success.
    setSent(after.lastError === null && after.pendingBatches === 0);
  }

  return (
    <section className="console-panel" aria-labelledby="sync-status-title" aria-busy={status === null}>
      <h2 id="sync-status-title">{t('console.sync.statusTitle')}</h2>
      <p className="hint">{t('console.sync.statusHint')}</p>
      {status && !status.enrolled && <p>{t('console.sync.notEnrolled')}</p>}
      {status && (
        <dl className="review-list">
          {status.collectorUrl && <Fact label={t('console.sync.collector')}>{status.collectorUrl}</Fact>}
          <Fact label={t('console.sync.lastSuccess')} name="last-success">
            {when(status.lastSuccessAt)}
          </Fact>
          <Fact label={t('console.sync.pending')} name="pending">
            {status.pendingBatches === 0 ? t('console.sync.nothingPending') : t('console.sync.pendingCount', { count: status.pendingBatches })}
          </Fact>
          {status.heldCells > 0 && (
            <Fact label={t('console.sync.held')} name="held">
              {t('console.sync.heldCount', { count: status.heldCells })}
              {k !== null && <p className="hint">{t('console.sync.heldWhy', { k })}</p>}
            </Fact>
          )}
          {status.lastError && (
            <Fact label={t('console.sync.lastError')} name="last-error">
              <span className="sync-problem">{t(`errors.${status.lastError.code}`)}</span> <span className="hint">({formatDateTime(status.lastError.at, language)})</span>
            </Fact>
          )}
          {status.nextAttemptAt && status.pendingBatches > 0 && <Fact label={t('console.sync.nextAttempt')}>{formatDateTime(status.nextAttemptAt, language)}</Fact>}
          {status.lastSavedToStickAt && <Fact label={t('console.sync.lastSaved')}>{formatDateTime(status.lastSavedToStickAt, language)}</Fact>}
        </dl>
      )}
      {status && <ClockWarning skewSeconds={status.clockSkewSeconds} />}
      {status?.enrolled && (
        <div className="actions">
          <button type="button" className="button primary" disabled={busy} aria-busy={busy} onClick={() => void sendNow()}>
            {t('console.sync.sendNow')}
          </button>
        </div>
      )}
      <InlineError error={sending.error} />
      <div role="status" aria-live="polite">
        {busy && <p>{t('console.sync.sending')}</p>}
        {/* Only while it is still true: a later problem replaces it (shown in the facts above). */}
        {sent && status?.lastError === null && <p className="console-ok">{t('console.sync.sent')}</p>}
      </div>
    </section>
  );
}

function Fact({ label, name, children }: { label: string; name?: string; children: ReactNode }) {
  return (
    <div data-fact={name}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Said when the collector found this PC's clock more than a day off: in days, or years when that far. */
function ClockWarning({ skewSeconds }: { skewSeconds: number | null }) {
  const { t } = useTranslation();
  if (skewSeconds === null || Math.abs(skewSeconds) <= DAY_SECONDS) return null;
  const days = Math.round(Math.abs(skewSeconds) / DAY_SECONDS);
  const amount = days >= YEAR_DAYS ? t('console.sync.years', { count: Math.round(days / YEAR_DAYS) }) : t('console.sync.days', { count: days });
  // Positive skew: the collector's clock is ahead of this one, so this one is behind.
  return (
    <p className="console-notice" role="note">
      {t(skewSeconds > 0 ? 'console.sync.clockBehind' : 'console.sync.clockAhead', { amount })}
    </p>
  );
}

function EnrolPanel({ enrolled }: { enrolled: boolean }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [allowPlainHttp, setAllowPlainHttp] = useState(false);
  const [password, setPassword] = useState('');
  const enrolment = useApiCommand('sync.enrol');
  const busy = enrolment.busy;
  const [done, setDone] = useState<string | null>(null);

  async function enrol(event: FormEvent) {
    event.preventDefault();
    if (!url.trim() || !code.trim() || !password || busy) return;
    setDone(null);
    const status = await enrolment.run({ collectorUrl: url.trim(), code: code.trim(), allowPlainHttp, password });
    setPassword('');
    if (!status) return;
    // The code is used up; the address stays in the status above.
    setCode('');
    setUrl('');
    setDone(status.collectorUrl ?? url);
  }

  return (
    <section className="console-panel" aria-labelledby="sync-enrol-title">
      <h2 id="sync-enrol-title">{t(enrolled ? 'console.sync.enrolAgainTitle' : 'console.sync.enrolTitle')}</h2>
      <p className="hint">{t('console.sync.enrolHint')}</p>
      <form className="console-form" onSubmit={(e) => void enrol(e)}>
        <TextField id="sync-url" label={t('console.sync.url')} hint={t('console.sync.urlHint')}>
          {(props) => <input {...props} type="url" inputMode="url" autoComplete="off" spellCheck={false} required value={url} onChange={(e) => setUrl(e.target.value)} />}
        </TextField>
        <TextField id="sync-code" label={t('console.sync.code')}>
          {(props) => <input {...props} type="text" autoComplete="off" spellCheck={false} required minLength={6} maxLength={64} value={code} onChange={(e) => setCode(e.target.value)} />}
        </TextField>
        <div className="field">
          <label className="check-option">
            <input type="checkbox" checked={allowPlainHttp} aria-describedby="sync-http-hint" onChange={(e) => setAllowPlainHttp(e.target.checked)} />
            {t('console.sync.allowHttp')}
          </label>
          <p id="sync-http-hint" className="hint">
            {t('console.sync.allowHttpHint')}
          </p>
        </div>
        <TextField id="sync-password" label={t('console.common.yourPassword')} hint={t('console.common.passwordAgainHint')}>
          {(props) => <input {...props} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
        </TextField>
        <InlineError error={enrolment.error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy || !url.trim() || code.trim().length < 6 || !password} aria-busy={busy}>
            {t('console.sync.enrol')}
          </button>
        </div>
        <div role="status" aria-live="polite">
          {busy && <p>{t('console.sync.enrolling')}</p>}
          {done && <p className="console-ok">{t('console.sync.enrolled', { url: done })}</p>}
        </div>
      </form>
    </section>
  );
}

function StickPanel() {
  const { t } = useTranslation();
  const drives = useSticks();
  const [choice, setChoice] = useState('folder');
  const saving = useApiCommand('sync.saveToStick');
  const busy = saving.busy;
  const [saved, setSaved] = useState<MethodOutput<'sync.saveToStick'> | null>(null);

  const target = targetOf(choice, drives);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!target || busy) return;
    setSaved(null);
    const answer = await saving.run({ target });
    if (answer) setSaved(answer);
  }

  return (
    <section className="console-panel" aria-labelledby="sync-stick-title">
      <h2 id="sync-stick-title">{t('console.sync.stickTitle')}</h2>
      <p className="hint">{t('console.sync.stickHint')}</p>
      <form className="console-form" onSubmit={(e) => void save(e)}>
        <TargetChoice name="sync-target" legend={t('console.sync.where')} drives={drives} value={choice} onChange={setChoice} />
        <InlineError error={saving.error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy || !target} aria-busy={busy}>
            {t('console.sync.save')}
          </button>
        </div>
        <div role="status" aria-live="polite">
          {busy && <p>{t('console.sync.saving')}</p>}
          {saved && <p className="console-ok">{t('console.sync.saved', { count: saved.batches, file: saved.file })}</p>}
        </div>
      </form>
    </section>
  );
}
