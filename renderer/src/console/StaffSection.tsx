import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffPasswordSchema, type MethodOutput, type StaffRole } from '../../../core/contract';
import { useApiCommand } from '../data/useApiCommand';
import { useApiQuery } from '../data/useApiQuery';
import { useApp } from '../state/app-store';
import { useConsole } from './console-store';
import { ConsoleDialog } from './ConsoleDialog';
import { TextField } from './fields';
import { formatDay } from './format';
import { InlineError } from './InlineError';

type Account = MethodOutput<'staff.list'>[number];

/** Facilitator and administrator accounts: add one, give one a new password, remove one. */
export function StaffSection() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const me = useConsole((s) => s.staff);
  const accounts = useApiQuery('staff.list', {}).data ?? null;
  const removal = useApiCommand('staff.remove');
  const [changing, setChanging] = useState<Account | null>(null);
  const [removing, setRemoving] = useState<Account | null>(null);
  const [notice, setNotice] = useState('');

  async function remove(account: Account) {
    if (!(await removal.run({ staffId: account.id }))) return;
    setRemoving(null);
    setNotice(t('console.staff.removed', { name: account.name }));
  }

  return (
    <>
      <section className="console-panel" aria-labelledby="staff-list-title" aria-busy={accounts === null}>
        <h2 id="staff-list-title">{t('console.staff.listTitle')}</h2>
        <p role="status" className="console-ok">
          {notice}
        </p>
        {accounts && (
          <div className="table-scroll">
            <table className="console-table">
              <thead>
                <tr>
                  <th scope="col">{t('console.staff.columns.name')}</th>
                  <th scope="col">{t('console.staff.columns.role')}</th>
                  <th scope="col">{t('console.staff.columns.created')}</th>
                  <th scope="col">{t('console.packs.columns.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((account) => (
                  <tr key={account.id}>
                    <th scope="row">
                      {account.name}
                      {me?.name === account.name && <span className="hint"> ({t('console.staff.you')})</span>}
                    </th>
                    <td data-label={t('console.staff.columns.role')}>{t(`console.roles.${account.role}`)}</td>
                    <td data-label={t('console.staff.columns.created')}>{formatDay(account.createdAt, language)}</td>
                    <td className="row-actions">
                      <div className="actions">
                        <button type="button" className="button small secondary" aria-label={t('console.staff.setPasswordNamed', { name: account.name })} onClick={() => setChanging(account)}>
                          {t('console.staff.setPassword')}
                        </button>
                        <button
                          type="button"
                          className="button small secondary"
                          aria-label={t('console.staff.removeNamed', { name: account.name })}
                          onClick={() => {
                            removal.reset();
                            setRemoving(account);
                          }}
                        >
                          {t('console.staff.remove')}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <AddStaff onAdded={(name) => setNotice(t('console.staff.added', { name }))} />
      {changing && (
        <SetPasswordDialog
          account={changing}
          onClose={(changed) => {
            setChanging(null);
            if (changed) setNotice(t('console.staff.passwordSet', { name: changing.name }));
          }}
        />
      )}
      {removing && (
        <ConsoleDialog
          title={t('console.staff.removeTitle', { name: removing.name })}
          confirmLabel={t('console.staff.removeConfirm')}
          danger
          busy={removal.busy}
          error={removal.error}
          onCancel={() => setRemoving(null)}
          onConfirm={() => void remove(removing)}
        >
          <p>{t('console.staff.removeText')}</p>
        </ConsoleDialog>
      )}
    </>
  );
}

function AddStaff({ onAdded }: { onAdded(name: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('facilitator');
  const [password, setPassword] = useState('');
  const [yourPassword, setYourPassword] = useState('');
  const [problem, setProblem] = useState<'name' | 'password' | 'your-password' | null>(null);
  const adding = useApiCommand('staff.create');
  const busy = adding.busy;

  async function add(event: FormEvent) {
    event.preventDefault();
    const found = !name.trim() ? 'name' : !StaffPasswordSchema.safeParse(password).success ? 'password' : !yourPassword ? 'your-password' : null;
    setProblem(found);
    if (found) return document.getElementById(`new-staff-${found}`)?.focus();
    const account = await adding.run({ name: name.trim(), role, password, yourPassword });
    // Typed again from scratch each time, right or wrong: it is not kept in the page.
    setYourPassword('');
    if (!account) return;
    setName('');
    setPassword('');
    onAdded(account.name);
  }

  return (
    <section className="console-panel" aria-labelledby="staff-add-title">
      <h2 id="staff-add-title">{t('console.staff.addTitle')}</h2>
      <form className="console-form" noValidate onSubmit={(e) => void add(e)}>
        <TextField id="new-staff-name" label={t('console.staff.columns.name')} problem={problem === 'name' && t('console.setup.problems.required')}>
          {(props) => <input {...props} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />}
        </TextField>
        <fieldset className="choice-group">
          <legend>{t('console.staff.columns.role')}</legend>
          {(['facilitator', 'admin'] as const).map((r) => (
            <label key={r} className="check-option">
              <input type="radio" name="new-staff-role" value={r} checked={role === r} onChange={() => setRole(r)} />
              {t(`console.roles.${r}`)} — {t(`console.staff.roleHint.${r}`)}
            </label>
          ))}
        </fieldset>
        <TextField id="new-staff-password" label={t('console.staff.password')} hint={t('console.setup.hints.password')} problem={problem === 'password' && t('console.setup.problems.short')}>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
        </TextField>
        <TextField
          id="new-staff-your-password"
          label={t('console.common.yourPassword')}
          hint={t('console.common.passwordAgainHint')}
          problem={problem === 'your-password' && t('console.setup.problems.required')}
        >
          {(props) => <input {...props} type="password" autoComplete="current-password" value={yourPassword} onChange={(e) => setYourPassword(e.target.value)} />}
        </TextField>
        <InlineError error={adding.error} />
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
            {t('console.staff.add')}
          </button>
        </div>
      </form>
    </section>
  );
}

function SetPasswordDialog({ account, onClose }: { account: Account; onClose(changed: boolean): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [yourPassword, setYourPassword] = useState('');
  const [problem, setProblem] = useState<'short' | 'your-password' | null>(null);
  const setting = useApiCommand('staff.setPassword');

  async function save() {
    const found = !StaffPasswordSchema.safeParse(password).success ? 'short' : !yourPassword ? 'your-password' : null;
    setProblem(found);
    if (found) return;
    const done = await setting.run({ staffId: account.id, password, yourPassword });
    setYourPassword('');
    if (done) onClose(true);
  }

  return (
    <ConsoleDialog
      title={t('console.staff.setPasswordTitle', { name: account.name })}
      confirmLabel={t('console.staff.setPassword')}
      busy={setting.busy}
      error={setting.error}
      onCancel={() => onClose(false)}
      onConfirm={() => void save()}
    >
      <TextField id="set-password" label={t('console.staff.newPassword')} hint={t('console.setup.hints.password')} problem={problem === 'short' && t('console.setup.problems.short')}>
        {(props) => <input {...props} type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />}
      </TextField>
      <TextField
        id="set-password-yours"
        label={t('console.common.yourPassword')}
        hint={t('console.common.passwordAgainHint')}
        problem={problem === 'your-password' && t('console.setup.problems.required')}
      >
        {(props) => <input {...props} type="password" autoComplete="current-password" value={yourPassword} onChange={(e) => setYourPassword(e.target.value)} />}
      </TextField>
    </ConsoleDialog>
  );
}
