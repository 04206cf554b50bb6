import { PostgresDriver } from './postgres-driver';
import { SqliteDriver } from './sqlite-driver';
import { SqlStore } from './sql-store';
import type { CollectorStore } from './store';

export const DEFAULT_SQLITE_FILE = 'collector-data/collector.db';

/**
 * The store the collector runs on, migrated: PostgreSQL when a `postgres://` URL is given,
 * otherwise one SQLite file. One store (./sql-store.ts) over either driver.
 */
export async function openStore(options: { databaseUrl?: string; sqliteFile?: string }): Promise<CollectorStore> {
  const url = options.databaseUrl?.trim();
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const store: CollectorStore = new SqlStore(url ? new PostgresDriver(url) : new SqliteDriver(options.sqliteFile ?? DEFAULT_SQLITE_FILE));
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
