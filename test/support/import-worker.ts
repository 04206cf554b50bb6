// A separate process that imports one pack through core's API, so a test can kill -9 it at any
// moment. Usage: import-worker <data-dir> <bundled-dir> <pack-file> <drive-root>
import { startCore } from '../../core';
import { setUpKiosk } from './set-up';

const [dataDir, bundledPacksDir, file, driveRoot] = process.argv.slice(2) as [string, string, string, string];
const core = await startCore({ dataDir, bundledPacksDir, driveRoots: [driveRoot], log: () => {} });
const state = await core.dispatch('kiosk.state', {}, null);
if (state.ok && !(state.value as { setUp: boolean }).setUp) await setUpKiosk(core.dispatch);
const name = `worker-${process.pid}`;
const password = 'worker pass phrase 1';
await core.createStaffAccount({ name, role: 'facilitator', password });
const login = await core.dispatch('staff.login', { name, password }, null);
if (!login.ok) throw new Error(login.error.code);
const { token } = login.value as { token: string };
console.log('ready');
const started = await core.dispatch('packs.import', { file }, token);
if (!started.ok) throw new Error(started.error.code);
for (;;) {
  const jobs = await core.dispatch('packs.jobs', {}, token);
  const job = (jobs.ok ? (jobs.value as Array<{ state: string; error: unknown }>) : [])[0];
  if (job && ['done', 'failed', 'cancelled'].includes(job.state)) {
    console.log(job.state === 'done' ? 'done' : `failed ${JSON.stringify(job.error)}`);
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await core.close();
