import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../components/useFocusOnMount';
import { useApiCommand } from '../data/useApiCommand';
import { useApp } from '../state/app-store';
import { enterConsole } from './console-store';
import { InlineError } from './InlineError';

/** Facilitators and administrators sign in here, from the discreet "Staff" button on the picker. */
export function StaffLoginScreen({ notice }: { notice?: 'restored' }) {
  const { t } = useTranslation();
  const go = useApp((s) => s.go);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const login = useApiCommand('staff.login');
  const { busy } = login;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !name.trim() || !password) return;
    const grant = await login.run({ name: name.trim(), password });
    if (grant) return enterConsole(grant.token, { name: name.trim(), role: grant.role });
    // A wrong password is typed again from scratch; the name stays.
    setPassword('');
  }

  return (
    <section className="screen staff-login-screen" aria-labelledby="staff-login-title">
      <h1 id="staff-login-title" ref={heading} tabIndex={-1}>
        {t('console.login.title')}
      </h1>
      {notice === 'restored' && (
        <p className="console-notice" role="status">
          {t('console.login.restored')}
        </p>
      )}
      <p className="hint">{t('console.login.hint')}</p>
      <form className="console-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="staff-name">{t('console.login.name')}</label>
          <input id="staff-name" autoComplete="username" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="staff-password">{t('console.login.password')}</label>
          <input
            id="staff-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <InlineError error={login.error} />
        <div className="actions">
          <button type="submit" className="button primary big" disabled={busy} aria-busy={busy}>
            {t('console.login.submit')}
          </button>
          <button type="button" className="button secondary big" onClick={() => go({ name: 'picker' })}>
            {t('console.login.back')}
          </button>
        </div>
      </form>
    </section>
  );
}
