// A separate process that restores one backup through core's API and kills itself (SIGKILL: no
// clean-up, as in a power cut) when the restore reaches the given step, so a test can look at
// what the next start makes of it. Usage: restore-worker <data-dir> <bundled-dir> <backup> <step>
import { startCore } from '../../core';
import type { RestoreStep } from '../../core/backup/restore';
import { TEST_ADMIN, TEST_PASSPHRASE } from './set-up';

const [dataDir, bundledPacksDir, backupFile, crashAt] = process.argv.slice(2) as [string, string, string, RestoreStep];
const core = await startCore({
  dataDir,
  bundledPacksDir,
  log: () => {},
  onRestoreStep: (step) => {
    if (step !== crashAt) return;
    console.log(`crash at ${step}`);
    process.kill(process.pid, 'SIGKILL');
  },
});
const login = await core.dispatch('staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password }, null);
if (!login.ok) throw new Error(login.error.code);
const { token } = login.value as { token: string };
const restored = await core.dispatch('backup.restore', { password: TEST_ADMIN.password, passphrase: TEST_PASSPHRASE, file: backupFile }, token);
console.log(restored.ok ? 'restored' : `failed ${JSON.stringify(restored.error)}`);
await core.close();
