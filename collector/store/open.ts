import { PostgresStore } from './postgres-store';
import { SqliteStore } from './sqlite-store';
import type { CollectorStore } from './store';

export const DEFAULT_SQLITE_FILE = 'collector-data/collector.db';

/**
 * The store the collector runs on, migrated: PostgreSQL when a `postgres://` URL is given,
 * otherwise one SQLite file.
 */
export async function openStore(options: { databaseUrl?: string; sqliteFile?: string }): Promise<CollectorStore> {
  const url = options.databaseUrl?.trim();
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const store: CollectorStore = url ? new PostgresStore(url) : new SqliteStore(options.sqliteFile ?? DEFAULT_SQLITE_FILE);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
