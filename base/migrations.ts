/**
 * Numbered schema migrations, the one scheme of the kiosk's database and both of the collector's:
 * migration N brings a database to schema version N; the list is only ever appended to; a
 * database whose version is beyond the list was written by a newer program and is refused.
 */

export class SchemaTooNewError extends Error {
  constructor(
    readonly version: number,
    readonly known: number,
  ) {
    super(`The database is from a newer version (schema ${version}; this one knows ${known}).`);
    this.name = 'SchemaTooNewError';
  }
}

/** The migrations to run, in order, to bring a database at `current` to `target` (all of them by default). */
export function pendingMigrations<M>(migrations: readonly M[], current: number, target: number = migrations.length): readonly M[] {
  if (current > migrations.length) throw new SchemaTooNewError(current, migrations.length);
  if (!Number.isInteger(target) || target < 0 || target > migrations.length) throw new RangeError(`no schema version ${target}`);
  return current >= target ? [] : migrations.slice(current, target);
}
