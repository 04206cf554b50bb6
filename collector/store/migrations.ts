import type { Dialect } from './dialect';

/**
 * The collector's schema, one numbered list for both databases (base/migrations.ts): migration N
 * brings a database to schema N. Append only; written once, with the types of ./dialect.ts.
 * SQLite keeps its version in `PRAGMA user_version`, PostgreSQL in `collector_schema`, as both did
 * before the list was shared, so existing databases carry on.
 */
export const COLLECTOR_MIGRATIONS: ReadonlyArray<(dialect: Dialect) => string> = [
  // 1: sites, their enrolment codes, the batches they sent and the cells those add up to; admins.
  ({ types: t, falseLiteral, tableOptions, keyedTableOptions }) => `
   CREATE TABLE sites (
     id ${t.uuid} PRIMARY KEY,
     code ${t.text} NOT NULL,
     name ${t.text} NOT NULL,
     region ${t.text} NOT NULL,
     district ${t.text} NOT NULL,
     public_key ${t.text} NOT NULL UNIQUE,
     token_hash ${t.text} UNIQUE,
     enrolled_at ${t.instant} NOT NULL,
     last_sync_at ${t.instant},
     clock_skew_seconds ${t.bigint},
     clock_skew_flagged ${t.boolean} NOT NULL DEFAULT ${falseLiteral}
   )${tableOptions};
   CREATE TABLE enrolment_codes (
     code_hash ${t.text} PRIMARY KEY,
     label ${t.text} NOT NULL,
     created_at ${t.instant} NOT NULL,
     expires_at ${t.instant} NOT NULL,
     used_at ${t.instant},
     site_id ${t.uuid} REFERENCES sites (id)
   )${tableOptions};
   CREATE TABLE batches (
     site_id ${t.uuid} NOT NULL REFERENCES sites (id),
     batch_key ${t.uuid} NOT NULL,
     sequence ${t.integer} NOT NULL,
     device_time ${t.instant} NOT NULL,
     received_at ${t.instant} NOT NULL,
     skew_seconds ${t.bigint} NOT NULL,
     skew_flagged ${t.boolean} NOT NULL,
     week_shift ${t.integer} NOT NULL,
     via ${t.text} NOT NULL CHECK (via IN ('network', 'stick')),
     row_count ${t.integer} NOT NULL,
     body ${t.json} NOT NULL,
     PRIMARY KEY (site_id, batch_key)
   )${tableOptions};
   CREATE TABLE cells (
     site_id ${t.uuid} NOT NULL REFERENCES sites (id),
     week ${t.text} NOT NULL,
     course ${t.text} NOT NULL,
     metric ${t.text} NOT NULL,
     dimension ${t.text} NOT NULL,
     value ${t.text} NOT NULL,
     count ${t.bigint} NOT NULL,
     PRIMARY KEY (site_id, week, course, metric, dimension, value)
   )${keyedTableOptions};
   CREATE INDEX cells_by_week ON cells (week);
   CREATE TABLE admins (name ${t.text} PRIMARY KEY, password_hash ${t.text} NOT NULL)${tableOptions};`,
  // 2: enrolment proves the key: a code's one outstanding challenge (its hash), for one key, until when.
  ({ types: t }) => `
   ALTER TABLE enrolment_codes ADD COLUMN challenge_hash ${t.text};
   ALTER TABLE enrolment_codes ADD COLUMN challenge_public_key ${t.text};
   ALTER TABLE enrolment_codes ADD COLUMN challenge_expires_at ${t.instant};`,
];
