import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HOST_NAMES_MAX, HostNameSchema } from '../../../core/contract';
import { useApiCommand } from '../data/useApiCommand';
import { useApiQuery } from '../data/useApiQuery';
import { TextField } from './fields';
import { InlineError } from './InlineError';

/**
 * The names the host answers to besides this computer's own addresses: a short list, for a
 * classroom that opens Ayil by a name (the host refuses any other name: DNS rebinding).
 */
export function HostNames() {
  const { t } = useTranslation();
  const names = useApiQuery('settings.hostNames', {}).data ?? null;
  const saving = useApiCommand('settings.setHostNames');
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<'invalid' | 'full' | null>(null);
  const [notice, setNotice] = useState('');

  async function save(added: string[], message: string) {
    if (!(await saving.run({ names: added }))) return false;
    setNotice(message);
    return true;
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!names || !typed.trim()) return;
    const parsed = HostNameSchema.safeParse(typed);
    const next = parsed.success ? [...new Set([...names.added, parsed.data])] : names.added;
    const wrong = !parsed.success ? 'invalid' : next.length > HOST_NAMES_MAX ? 'full' : null;
    setProblem(wrong);
    if (wrong || !parsed.success) return document.getElementById('host-name')?.focus();
    if (await save(next, t('console.hosts.addedNotice', { name: parsed.data }))) setTyped('');
  }

  return (
    <section className="console-panel" aria-labelledby="hosts-title">
      <h2 id="hosts-title">{t('console.hosts.title')}</h2>
      <p className="hint">{t('console.hosts.hint')}</p>
      {names && (
        <>
          <p>{t('console.hosts.own', { names: names.own.join(', ') })}</p>
          <h3>{t('console.hosts.added')}</h3>
          {names.added.length === 0 ? (
            <p className="hint">{t('console.hosts.none')}</p>
          ) : (
            <ul className="host-names">
              {names.added.map((name) => (
                <li key={name}>
                  <code>{name}</code>{' '}
                  <button
                    type="button"
                    className="button small secondary"
                    aria-label={t('console.hosts.removeNamed', { name })}
                    onClick={() => void save(names.added.filter((n) => n !== name), t('console.hosts.removedNotice', { name }))}
                  >
                    {t('console.hosts.remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p role="status" className="console-ok">
        {notice}
      </p>
      <form className="console-form" noValidate onSubmit={(e) => void add(e)}>
        <TextField id="host-name" label={t('console.hosts.field')} problem={problem !== null && t(`console.hosts.${problem}`)}>
          {(props) => <input {...props} autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} />}
        </TextField>
        <InlineError error={saving.error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={!names}>
            {t('console.hosts.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
