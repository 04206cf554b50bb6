import type { Database } from 'better-sqlite3';
import { up as m0001 } from './0001-initial';
import { up as m0002 } from './0002-signed-packs';
import { up as m0003 } from './0003-staff';
import { up as m0004 } from './0004-learner-secrets-certificates';
import { up as m0005 } from './0005-stats';
import { up as m0006 } from './0006-learner-name-key';
import { up as m0007 } from './0007-sync-outbox';
import { up as m0008 } from './0008-sign-in-tries';
import { up as m0009 } from './0009-release-rounds';
import { up as m0010 } from './0010-pack-owners';

/** Migrations in order; migration N brings the schema to user_version N. Append only. */
export const MIGRATIONS: ReadonlyArray<(db: Database) => void> = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009, m0010];

export const SCHEMA_VERSION = MIGRATIONS.length;
