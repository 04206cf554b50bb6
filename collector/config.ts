import path from 'node:path';
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
