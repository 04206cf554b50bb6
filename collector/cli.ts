// The collector's command line: import stick files, make enrolment codes, set the admin password.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setAdminPassword, WeakPasswordError } from './auth';
import { ERROR_WORDS, storeLocation, weakPasswordWords } from './config';
import { createEnrolmentCode, DEFAULT_CODE_VALID_DAYS } from './enrolment';
import { CollectorError } from './errors';
import { openStore } from './store/open';
import { importStickFile } from './stick-import';

const USAGE = `Usage: ayil-collector-cli <command> [--db FILE]
  import-file FILE…               store the figures of stick files (a file already imported adds nothing)
  create-code --label X [--days N] make a one-time enrolment code for a kiosk (valid ${DEFAULT_CODE_VALID_DAYS} days unless --days)
  set-admin-password              set the dashboard password from AYIL_COLLECTOR_ADMIN_PASSWORD or standard input
                                  (refused when it is easy to guess, by the kiosk's rule for staff passwords)
Storage: DATABASE_URL (PostgreSQL) if set, else --db FILE, AYIL_COLLECTOR_DB or ./collector-data/collector.db`;

/** A mistake in how the command was called: the usage is printed with it. */
class UsageError extends Error {}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    label: { type: 'string' },
    days: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const [command, ...args] = positionals;
if (values.help || !command) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

if (!['import-file', 'create-code', 'set-admin-password'].includes(command)) {
  console.error(`unknown command: ${command}\n\n${USAGE}`);
  process.exit(2);
}

const location = storeLocation(process.env, values.db);
const store = await openStore(location);
let failed = false;
try {
  switch (command) {
    case 'import-file':
      if (args.length === 0) throw new UsageError('import-file needs at least one file');
      for (const file of args) failed = !(await importOne(file)) || failed;
      break;
    case 'create-code': {
      if (!values.label) throw new UsageError('create-code needs --label (where the code is going, e.g. a site name)');
      const days = values.days === undefined ? undefined : Number(values.days);
      const { code, expiresAt } = await createEnrolmentCode(store, { label: values.label, validDays: days, now: new Date() });
      console.log(`Enrolment code: ${code}`);
      console.log(`Valid once, until ${expiresAt}. Only its hash is stored: note it now.`);
      break;
    }
    case 'set-admin-password': {
      const password = (process.env.AYIL_COLLECTOR_ADMIN_PASSWORD || (await readStdin())).replace(/\r?\n$/, '');
      await setAdminPassword(store, password);
      console.log('The admin password is set. Sessions already open stay open until the collector restarts.');
      break;
    }
  }
} catch (error) {
  failed = true;
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof WeakPasswordError) console.error(weakPasswordWords(error.problem));
  else if (error instanceof CollectorError) console.error(`Refused (${error.code}): ${ERROR_WORDS[error.code] ?? error.code}`);
  else console.error(error);
} finally {
  await store.close();
}
process.exit(failed ? 1 : 0);

async function importOne(file: string): Promise<boolean> {
  const name = path.basename(file);
  try {
    const result = await importStickFile(store, fs.readFileSync(file, 'utf8'), { now: new Date() });
    console.log(
      `${name}: site ${result.site.code} (${result.site.name}): ${result.batches} batches, ${result.stored} stored, ${result.duplicates} duplicates (already here)`,
    );
    return true;
  } catch (error) {
    if (error instanceof CollectorError) console.error(`${name}: refused (${error.code}): ${ERROR_WORDS[error.code] ?? error.code}. Nothing from it was stored.`);
    else if ((error as NodeJS.ErrnoException).code === 'ENOENT') console.error(`${name}: no such file`);
    else throw error;
    return false;
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('New admin password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

