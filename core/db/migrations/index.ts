import type { Database } from 'better-sqlite3';
import { up as m0001 } from './0001-initial';

/** Migrations in order; migration N brings the schema to user_version N. Append only. */
export const MIGRATIONS: ReadonlyArray<(db: Database) => void> = [m0001];

export const SCHEMA_VERSION = MIGRATIONS.length;
