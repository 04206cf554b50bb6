import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { KEYBOARD_LAYOUTS, SiteSettingsSchema, type SiteSettings } from '../../../core/contract';
import { useApiCommand } from '../data/useApiCommand';
import { useApiQuery } from '../data/useApiQuery';
import { useApp } from '../state/app-store';
import { LanguageChoice, TextField } from './fields';
import { HostNames } from './HostNames';
import { InlineError } from './InlineError';
import { TrustedKeys } from './TrustedKeys';

type TextSetting = 'siteName' | 'siteCode' | 'district' | 'region';

/** The site's details, the languages offered, the learners' and the staff's idle times, the privacy threshold, the keyboard, full screen, trusted keys, and the host's names. */
export function SettingsSection() {
  return (
    <>
      <SiteSettingsForm />
      <TrustedKeys />
      <HostNames />
    </>
  );
}

function SiteSettingsForm() {
  const saved = useApiQuery('settings.get', {}).data;
  // The form starts from the settings as first read; what is typed is not replaced by a later read.
  if (!saved) return <section className="console-panel" aria-busy="true" />;
  return <SiteSettingsFields initial={saved} />;
}

function SiteSettingsFields({ initial }: { initial: SiteSettings }) {
  const { t } = useTranslation();
  const reloadKiosk = useApp((s) => s.reloadKiosk);
  const [settings, setSettings] = useState(initial);
  // Minutes are what people think in; core keeps seconds.
  const [minutes, setMinutes] = useState(() => String(Math.round(initial.idleTimeoutSeconds / 60)));
  const [staffMinutes, setStaffMinutes] = useState(() => String(Math.round(initial.staffIdleTimeoutSeconds / 60)));
  const [k, setK] = useState(() => String(initial.k));
  const [invalid, setInvalid] = useState<string[]>([]);
  const update = useApiCommand('settings.update');
  const busy = update.busy;
  const [saved, setSaved] = useState(false);

  const change = (part: Partial<SiteSettings>) => {
    setSettings({ ...settings, ...part });
    setSaved(false);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const candidate = { ...settings, idleTimeoutSeconds: Math.round(Number(minutes) * 60), staffIdleTimeoutSeconds: Math.round(Number(staffMinutes) * 60), k: Number(k) };
    const parsed = SiteSettingsSchema.safeParse(candidate);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
      setInvalid(fields);
      document.getElementById(`settings-${fields[0]}`)?.focus();
      return;
    }
    setInvalid([]);
    if (!(await update.run(parsed.data))) return;
    setSaved(true);
    await reloadKiosk();
  }

  const problem = (field: string, key = 'console.setup.problems.required') => invalid.includes(field) && t(key);
  const text = (field: TextSetting) => (
    <TextField id={`settings-${field}`} label={t(`console.setup.fields.${field}`)} problem={problem(field, field === 'siteCode' ? 'console.setup.problems.code' : undefined)}>
      {(props) => <input {...props} autoComplete="off" value={settings[field]} onChange={(e) => change({ [field]: e.target.value })} />}
    </TextField>
  );

  return (
    <section className="console-panel" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('console.settings.siteTitle')}</h2>
      <form className="console-form" noValidate onSubmit={(e) => void save(e)}>
        {text('siteName')}
        {text('siteCode')}
        {text('district')}
        {text('region')}
        <LanguageChoice
          id="settings-languages"
          legend={t('console.setup.fields.languages')}
          hint={t('console.setup.hints.languages')}
          value={settings.languages}
          onChange={(languages) => change({ languages })}
          problem={problem('languages', 'console.setup.problems.languages')}
        />
        <TextField id="settings-idleTimeoutSeconds" label={t('console.settings.idle')} hint={t('console.settings.idleHint')} problem={problem('idleTimeoutSeconds', 'console.settings.idleProblem')}>
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={1}
              max={60}
              value={minutes}
              onChange={(e) => {
                setMinutes(e.target.value);
                setSaved(false);
              }}
            />
          )}
        </TextField>
        <TextField
          id="settings-staffIdleTimeoutSeconds"
          label={t('console.settings.staffIdle')}
          hint={t('console.settings.staffIdleHint')}
          problem={problem('staffIdleTimeoutSeconds', 'console.settings.idleProblem')}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={1}
              max={60}
              value={staffMinutes}
              onChange={(e) => {
                setStaffMinutes(e.target.value);
                setSaved(false);
              }}
            />
          )}
        </TextField>
        <TextField id="settings-k" label={t('console.settings.k')} hint={t('console.settings.kHint')} problem={problem('k', 'console.settings.kProblem')}>
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={2}
              max={100}
              value={k}
              onChange={(e) => {
                setK(e.target.value);
                setSaved(false);
              }}
            />
          )}
        </TextField>
        <fieldset className="choice-group" aria-describedby="settings-keyboardLayout-hint">
          <legend>{t('console.settings.keyboardLayout')}</legend>
          <p id="settings-keyboardLayout-hint" className="hint">
            {t('console.settings.keyboardLayoutHint')}
          </p>
          {KEYBOARD_LAYOUTS.map((layout) => (
            <label key={layout} className="check-option">
              <input type="radio" name="settings-keyboardLayout" value={layout} checked={settings.keyboardLayout === layout} onChange={() => change({ keyboardLayout: layout })} />
              {t(`console.settings.keyboardLayouts.${layout}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-group" aria-describedby="settings-fullScreen-hint">
          <legend>{t('console.settings.fullScreen')}</legend>
          <p id="settings-fullScreen-hint" className="hint">
            {t('console.settings.fullScreenHint')}
          </p>
          <label className="check-option">
            <input id="settings-fullScreen" type="checkbox" checked={settings.fullScreen} onChange={(e) => change({ fullScreen: e.target.checked })} />
            {t('console.settings.fullScreenOption')}
          </label>
        </fieldset>
        <InlineError error={update.error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
            {t('console.settings.save')}
          </button>
        </div>
        <p role="status" className="console-ok">
          {saved ? t('console.settings.saved') : ''}
        </p>
      </form>
    </section>
  );
}
