import { isIP } from 'node:net';
import path from 'node:path';
import type { AdminPasswordProblem } from './auth';
import { DEFAULT_SQLITE_FILE } from './store/open';

/**
 * Where the collector keeps its data, the same for the service and the CLI: `DATABASE_URL`
 * (PostgreSQL) when set, otherwise the SQLite file from `--db`, `AYIL_COLLECTOR_DB` or the default.
 */
export function storeLocation(env: NodeJS.ProcessEnv, dbArg: string | undefined): { databaseUrl?: string; sqliteFile?: string; describe: string } {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) return { databaseUrl, describe: `PostgreSQL (${redactPassword(databaseUrl)})` };
  const sqliteFile = path.resolve(dbArg || env.AYIL_COLLECTOR_DB || DEFAULT_SQLITE_FILE);
  return { sqliteFile, describe: `SQLite file ${sqliteFile}` };
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

/** Plain words for the operator at a terminal (the dashboard has its own translations). */
export const ERROR_WORDS: Record<string, string> = {
  'file.invalid': 'this is not an Ayil figures file, or it is damaged',
  'file.signature_invalid': 'the signature does not match: the file was changed after the kiosk wrote it',
  'file.site_mismatch': 'the file holds figures of another site than the kiosk that signed it',
  'file.missing': 'no file was given',
  'code.invalid': 'the label must be 1 to 100 characters and the days a whole number from 1 to 365',
};

/**
 * The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto the collector believes, from
 * `--trusted-proxies` or `AYIL_COLLECTOR_TRUSTED_PROXIES`: addresses or CIDR ranges, separated by
 * commas. Empty or unset: none.
 */
export function parseTrustedProxies(text: string | undefined): string[] {
  const entries = (text ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  return assertTrustedProxies(entries);
}

/**
 * Each entry must be one address or a range with a prefix: a range of everyone (/0), a name or
 * `true` would let any client pick its own address and defeat the rate limits.
 */
export function assertTrustedProxies(entries: readonly string[]): string[] {
  for (const entry of entries) {
    if (!isProxyAddress(entry)) {
      throw new Error(`not a proxy address: "${entry}" (give IP addresses or ranges such as 10.0.0.2 or 10.0.0.0/24, separated by commas; a range of every address is refused)`);
    }
  }
  return [...entries];
}

function isProxyAddress(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  return bits >= 1 && bits <= (family === 4 ? 32 : 128);
}

/** A refused dashboard password in plain words for the operator at a terminal; the same reasons the kiosk gives. */
export function weakPasswordWords(problem: AdminPasswordProblem): string {
  const refused = 'The password was refused and nothing was changed:';
  if (problem === 'short') return `${refused} it must have at least 8 characters.`;
  if (problem === 'long') return `${refused} it may have at most 200 characters.`;
  const why: Record<typeof problem, string> = {
    common: 'it is one of the passwords people use most.',
    keyboard: 'it is a row of keys that lie next to each other.',
    repeat: 'it repeats the same letters or words.',
    sequence: 'it is a sequence such as abcd or 1234.',
    date: 'it is mostly a date or a year.',
    word: 'it is one common word or name.',
    personal: 'it contains the name of the account or of this service.',
    guessable: 'it is short or built in a way that is easy to guess.',
  };
  return `${refused} it is too easy to guess, because ${why[problem]} Choose a longer one, for example three or four words that do not belong together, with a number.`;
}
