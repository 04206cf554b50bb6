import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from './open';

/** Set for the whole of a query (across its awaits): statements then run with `query_only` on. */
const inQuery = new AsyncLocalStorage<true>();
const guarded = new WeakSet<object>();

type Transaction = ((...args: unknown[]) => unknown) & Record<(typeof TRANSACTION_VARIANTS)[number], (...args: unknown[]) => unknown>;

/** Statement methods that run SQL; the others (`pluck`, `bind`…) only configure it. */
const EXECUTES = new Set<PropertyKey>(['run', 'get', 'all', 'iterate']);
/**
 * Connection methods that run SQL directly. `close` too: closing checkpoints the WAL, which must
 * not meet a flag a query left on.
 */
const CONNECTION_EXECUTES = new Set<PropertyKey>(['exec', 'pragma', 'close']);
/** A transaction function's variants: each begins with its own BEGIN (IMMEDIATE is a write to SQLite). */
const TRANSACTION_VARIANTS = ['default', 'deferred', 'immediate', 'exclusive'] as const;

/**
 * Runs `read` (sync or async) as a query: until it settles, every statement it runs, on any
 * connection `guardQueries` wrapped, runs with SQLite's `query_only` on, so a write throws
 * (SQLITE_READONLY) and leaves the database as it was. Dispatch runs every `query` of the
 * contract this way.
 */
export function asQuery<T>(read: () => T): T {
  return inQuery.run(true, read);
}

export function isGuarded(db: Db): boolean {
  return guarded.has(db);
}

/**
 * Wraps a connection so that its `query_only` follows whoever runs a statement: on inside
 * `asQuery`, off elsewhere. better-sqlite3 runs one statement at a time, but an async query's
 * statements interleave with other calls' between its awaits; setting the flag per statement
 * (only when it must change) keeps a query from writing without stopping a command that runs
 * meanwhile. Wrapping twice returns the same wrapper.
 */
export function guardQueries(db: Db): Db {
  if (guarded.has(db)) return db;
  let queryOnly = db.pragma('query_only', { simple: true }) === 1;
  const follow = () => {
    const wanted = inQuery.getStore() === true;
    if (wanted === queryOnly) return;
    db.pragma(`query_only = ${wanted ? 'ON' : 'OFF'}`);
    queryOnly = wanted;
  };
  const wrapStatement = <S extends object>(statement: S): S => {
    const proxy: S = new Proxy(statement, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (EXECUTES.has(property)) follow();
          const result: unknown = value.apply(target, args);
          // `pluck()`, `bind()`… return the statement itself: keep handing out the guarded one.
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  // The flag is set before BEGIN, not only before the statements inside: `BEGIN IMMEDIATE`
  // under a flag a query left on fails.
  const wrapTransaction = (transaction: Transaction): Transaction => {
    const run = (variant: (...args: unknown[]) => unknown) =>
      function (this: unknown, ...args: unknown[]) {
        follow();
        return variant.apply(this, args);
      };
    const wrapped = run(transaction) as Transaction;
    for (const name of TRANSACTION_VARIANTS) wrapped[name] = run(transaction[name]);
    return wrapped;
  };
  const wrapped = new Proxy(db, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'prepare') return (...args: unknown[]) => wrapStatement(value.apply(target, args) as object);
      if (property === 'transaction') return (...args: unknown[]) => wrapTransaction(value.apply(target, args) as Transaction);
      if (CONNECTION_EXECUTES.has(property)) {
        return (...args: unknown[]) => {
          follow();
          return value.apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
  guarded.add(wrapped);
  return wrapped;
}
