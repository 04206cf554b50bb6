/**
 * Where the collector's SQL differs between SQLite and PostgreSQL, in one place: column types for
 * the migrations and the few words a query needs. Everything else (every statement) is written
 * once, in ./sql-store.ts and ./migrations.ts, with PostgreSQL's `$1` placeholders; the SQLite
 * driver rewrites those (./sqlite-driver.ts).
 */
export interface Dialect {
  readonly name: 'sqlite' | 'postgres';
  /** Column types of the schema. */
  readonly types: {
    /** A site's id (a UUID the store makes). */
    readonly uuid: string;
    readonly text: string;
    /** An instant (UTC, ISO 8601 in SQLite). */
    readonly instant: string;
    readonly integer: string;
    readonly bigint: string;
    /** true/false (1/0 in SQLite). */
    readonly boolean: string;
    readonly json: string;
  };
  /** The boolean false as a column default. */
  readonly falseLiteral: string;
  /** After a table's closing parenthesis: SQLite's type checking (STRICT); nothing in PostgreSQL. */
  readonly tableOptions: string;
  /** After the closing parenthesis of a table looked up only by its key (SQLite: WITHOUT ROWID). */
  readonly keyedTableOptions: string;
  /** After a column in ORDER BY: byte order, as SQLite's default, not the database's locale. */
  readonly byteOrder: string;
  /** After a SELECT inside a transaction that then changes what it read (SQLite's write lock is taken at BEGIN). */
  readonly forUpdate: string;
}

export const SQLITE: Dialect = {
  name: 'sqlite',
  types: { uuid: 'TEXT', text: 'TEXT', instant: 'TEXT', integer: 'INTEGER', bigint: 'INTEGER', boolean: 'INTEGER', json: 'TEXT' },
  falseLiteral: '0',
  tableOptions: ' STRICT',
  keyedTableOptions: ' STRICT, WITHOUT ROWID',
  byteOrder: '',
  forUpdate: '',
};

export const POSTGRES: Dialect = {
  name: 'postgres',
  types: { uuid: 'uuid', text: 'text', instant: 'timestamptz', integer: 'integer', bigint: 'bigint', boolean: 'boolean', json: 'jsonb' },
  falseLiteral: 'false',
  tableOptions: '',
  keyedTableOptions: '',
  byteOrder: ' COLLATE "C"',
  forUpdate: ' FOR UPDATE',
};

export interface SqlResult<R> {
  rows: R[];
  /** Rows a statement changed (or returned). */
  rowCount: number;
}

/** Runs one statement; parameters are `$1`, `$2`… in the text. */
export interface SqlRunner {
  query<R = unknown>(sql: string, params?: readonly unknown[]): Promise<SqlResult<R>>;
}

/** One of the two databases: statements, transactions, migrations (each keeps its version its own way). */
export interface SqlDriver extends SqlRunner {
  readonly dialect: Dialect;
  /** Runs `work` in one transaction, committed when it resolves and rolled back when it throws. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Runs the numbered migrations the database has not had (base/migrations.ts), all or none. */
  migrate(migrations: ReadonlyArray<(dialect: Dialect) => string>): Promise<void>;
  close(): Promise<void>;
}
