import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { migrateSqlite, openSqlite, useWal } from '../../base/sqlite';
import { SQLITE, type Dialect, type SqlDriver, type SqlResult, type SqlRunner } from './dialect';

/**
 * The default backend: one SQLite file, written durably (base/sqlite.ts). better-sqlite3 is
 * synchronous, but the store's transactions await between statements: calls take turns, so no
 * statement of one call falls inside another's transaction.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = SQLITE;
  private readonly db: Database.Database;
  /** Statements prepared once (preparing is a good part of a small query's cost). */
  private readonly statements = new Map<string, { statement: Database.Statement; order: number[] }>();
  private turn: Promise<unknown> = Promise.resolve();

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // The CLI may import a stick file while the service runs on the same file.
    this.db = openSqlite(file, { busyTimeoutMs: 10_000 });
    useWal(this.db);
  }

  query<R>(sql: string, params: readonly unknown[] = []): Promise<SqlResult<R>> {
    return this.inTurn(async () => this.run<R>(sql, params));
  }

  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.inTurn(async () => {
      // IMMEDIATE: the write lock now, so a read that the transaction then changes cannot go stale.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work({ query: async <R>(sql: string, params: readonly unknown[] = []) => this.run<R>(sql, params) });
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  migrate(migrations: ReadonlyArray<(dialect: Dialect) => string>): Promise<void> {
    return this.inTurn(async () => migrateSqlite(this.db, migrations.map((migration) => (db: Database.Database) => db.exec(migration(SQLITE)))));
  }

  async close(): Promise<void> {
    await this.inTurn(async () => {
      if (this.db.open) this.db.close();
    });
  }

  private run<R>(sql: string, params: readonly unknown[]): SqlResult<R> {
    const { statement, order } = this.prepared(sql);
    // SQLite binds no booleans: 1 and 0, as the schema stores them.
    const values = order.map((n) => {
      const value = params[n - 1];
      return typeof value === 'boolean' ? Number(value) : value;
    });
    if (statement.reader) {
      const rows = statement.all(...values) as R[];
      return { rows, rowCount: rows.length };
    }
    return { rows: [], rowCount: statement.run(...values).changes };
  }

  /** `$1`-style placeholders become SQLite's `?`, with the parameters in the order they stand. */
  private prepared(sql: string): { statement: Database.Statement; order: number[] } {
    let entry = this.statements.get(sql);
    if (!entry) {
      const order: number[] = [];
      const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
        order.push(Number(n));
        return '?';
      });
      this.statements.set(sql, (entry = { statement: this.db.prepare(text), order }));
    }
    return entry;
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    const result = this.turn.then(work);
    this.turn = result.catch(() => {});
    return result;
  }
}
