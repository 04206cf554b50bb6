import pg from 'pg';
import { pendingMigrations } from '../../base/migrations';
import { POSTGRES, type Dialect, type SqlDriver, type SqlResult, type SqlRunner } from './dialect';

/** Any number the migration lock is known by; two collectors starting together migrate one after the other. */
const MIGRATION_LOCK = 7_412_001;

/** The backend for a programme that outgrows one machine (`DATABASE_URL=postgres://…`). */
export class PostgresDriver implements SqlDriver {
  readonly dialect = POSTGRES;
  private readonly pool: pg.Pool;

  constructor(connectionString: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
    // An idle client losing its connection (a restarted server) must not crash the collector.
    this.pool.on('error', () => {});
  }

  query<R>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    return run<R>(this.pool, sql, params);
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({ query: <R>(sql: string, params: readonly unknown[] = []) => run<R>(client, sql, params) });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** The version is the one row of `collector_schema`. */
  async migrate(migrations: ReadonlyArray<(dialect: Dialect) => string>): Promise<void> {
    await this.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query('CREATE TABLE IF NOT EXISTS collector_schema (version integer NOT NULL)');
      const { rows } = await tx.query<{ version: number }>('SELECT version FROM collector_schema');
      const pending = pendingMigrations(migrations, rows[0]?.version ?? 0);
      if (pending.length === 0) return;
      for (const migration of pending) await tx.query(migration(POSTGRES));
      if (rows.length === 0) await tx.query('INSERT INTO collector_schema (version) VALUES ($1)', [migrations.length]);
      else await tx.query('UPDATE collector_schema SET version = $1', [migrations.length]);
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function run<R>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<SqlResult<R>> {
  const result = await client.query(sql, params.length > 0 ? [...params] : undefined);
  return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
}
