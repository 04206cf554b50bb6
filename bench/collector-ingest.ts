import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ingestDelivery } from '../collector/ingest';
import { toInstant } from '../collector/skew';
import { PostgresDriver } from '../collector/store/postgres-driver';
import { SqliteDriver } from '../collector/store/sqlite-driver';
import { SqlStore } from '../collector/store/sql-store';
import type { CollectorStore, SiteRecord } from '../collector/store/store';
import { SYNC_SCHEMA_VERSION, SyncDeliverySchema, type StatsRow, type SyncBatch, type SyncDelivery } from '../core/contract';
import { createDatabase, startPostgresCluster } from '../test/support/postgres';
import { compare } from './harness';

const ROWS_PER_BATCH = 50;
const ITERATIONS = 200;
const COURSES = ['basics/computer', 'basics/phone', 'money/savings', 'money/mobile-banking', 'health/first-aid'];
/** A year of weeks: after the first 52 batches most rows add to cells that exist (the steady state). */
const WEEKS = Array.from({ length: 52 }, (_, i) => `2025-W${String(i + 1).padStart(2, '0')}`);
const NOW = new Date('2026-01-07T10:00:00Z');

/**
 * Collector ingest (acceptance 6): batches of 50 rows per second through what a delivery costs
 * past HTTP — the contract's schema, the site check, the clock rule, the store's one transaction
 * (batch once, cell upserts, site contact) — for SQLite and PostgreSQL. The baseline is the bare
 * INSERTs of the same rows with the same driver (better-sqlite3 / pg), one transaction per batch,
 * into the same tables, in the same run. Node runs on one core; PostgreSQL's server is its own process.
 */
export async function collectorIngest(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-bench-collector-'));
  try {
    await sqliteIngest(root);
    await postgresIngest();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function sqliteIngest(root: string): Promise<void> {
  const store = new SqlStore(new SqliteDriver(path.join(root, 'collector.db')));
  await store.migrate();
  const site = await benchSite(store);

  // The baseline's own file with the same tables and the same durability (WAL, synchronous=FULL).
  const bareFile = path.join(root, 'bare.db');
  const bareStore = new SqlStore(new SqliteDriver(bareFile));
  await bareStore.migrate();
  const bareSite = await benchSite(bareStore);
  await bareStore.close();
  const db = new Database(bareFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insertBatch = db.prepare(
    `INSERT INTO batches (site_id, batch_key, sequence, device_time, received_at, skew_seconds, skew_flagged, week_shift, via, row_count, body)
     VALUES (?, ?, ?, ?, ?, 0, 0, 0, 'network', ?, ?)`,
  );
  const upsertCell = db.prepare(
    `INSERT INTO cells (site_id, week, course, metric, dimension, value, count) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (site_id, week, course, metric, dimension, value) DO UPDATE SET count = count + excluded.count`,
  );
  const bareInsert = db.transaction((delivery: SyncDelivery) => {
    const { batch } = delivery;
    insertBatch.run(bareSite.id, batch.key, batch.sequence, delivery.deviceTime, delivery.deviceTime, batch.rows.length, JSON.stringify(batch));
    for (const row of batch.rows) upsertCell.run(bareSite.id, row.week, row.course, row.metric, row.dimension, row.value, row.count);
  });

  await measure('SQLite', store, site, (delivery) => bareInsert(delivery));
  db.close();
  await store.close();
}

async function postgresIngest(): Promise<void> {
  // DATABASE_URL measures a real server; otherwise a throwaway cluster with PostgreSQL's default durability.
  const cluster = process.env.DATABASE_URL ? null : await startPostgresCluster({ durable: true });
  const adminUrl = process.env.DATABASE_URL ?? cluster!.url;
  try {
    const store = new SqlStore(new PostgresDriver(await createDatabase(adminUrl)));
    await store.migrate();
    const site = await benchSite(store);

    const bareUrl = await createDatabase(adminUrl);
    const bareStore = new SqlStore(new PostgresDriver(bareUrl));
    await bareStore.migrate();
    const bareSite = await benchSite(bareStore);
    await bareStore.close();
    const client = new pg.Client({ connectionString: bareUrl });
    await client.connect();
    const bareInsert = async (delivery: SyncDelivery) => {
      const { batch } = delivery;
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO batches (site_id, batch_key, sequence, device_time, received_at, skew_seconds, skew_flagged, week_shift, via, row_count, body)
         VALUES ($1, $2, $3, $4, $4, 0, false, 0, 'network', $5, $6)`,
        [bareSite.id, batch.key, batch.sequence, delivery.deviceTime, batch.rows.length, JSON.stringify(batch)],
      );
      // The plain way: one multi-row INSERT of the batch's rows.
      const values = batch.rows.map((_, i) => `($1, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6}, $${i * 6 + 7})`);
      await client.query(
        `INSERT INTO cells (site_id, week, course, metric, dimension, value, count) VALUES ${values.join(', ')}
         ON CONFLICT (site_id, week, course, metric, dimension, value) DO UPDATE SET count = cells.count + excluded.count`,
        [bareSite.id, ...batch.rows.flatMap((row) => [row.week, row.course, row.metric, row.dimension, row.value, row.count])],
      );
      await client.query('COMMIT');
    };

    await measure('PostgreSQL', store, site, bareInsert);
    await client.end();
    await store.close();
  } finally {
    await cluster?.stop();
  }
}

async function measure(
  backend: string,
  store: CollectorStore,
  site: SiteRecord,
  bareInsert: (delivery: SyncDelivery) => unknown | Promise<unknown>,
): Promise<void> {
  const subjectDeliveries = deliveries(site.code);
  const bareDeliveries = deliveries(site.code);
  const subject = throughput(async () => {
    // What the route does with a parsed body: validate, then ingest.
    const delivery = SyncDeliverySchema.parse(subjectDeliveries());
    await ingestDelivery(store, site, delivery, { now: NOW, via: 'network' });
  });
  const baseline = throughput(() => bareInsert(bareDeliveries()));
  await compare({ name: `collector ingest, ${backend} (${ROWS_PER_BATCH} rows a batch)`, subject: subject.run, baseline: baseline.run, iterations: ITERATIONS, target: 2 });
  console.log(`  ${backend}: ${subject.perSecond().toFixed(0)} batches/s through ingest vs ${baseline.perSecond().toFixed(0)} batches/s bare`);
}

/** Counts calls and time, so that batches per second can be printed next to the harness's ratio. */
function throughput(fn: () => unknown | Promise<unknown>) {
  let calls = 0;
  let ms = 0;
  return {
    run: async () => {
      const start = performance.now();
      await fn();
      ms += performance.now() - start;
      calls++;
    },
    perSecond: () => (calls / ms) * 1000,
  };
}

/** An endless supply of new batches (a new key each) from one kiosk, going round a year of weeks. */
function deliveries(siteCode: string): () => SyncDelivery {
  let sequence = 0;
  return () => {
    sequence++;
    const batch: SyncBatch = {
      schema: 'ayil.sync-batch',
      schemaVersion: SYNC_SCHEMA_VERSION,
      siteCode,
      sequence,
      key: randomUUID(),
      k: 5,
      rows: batchRows(WEEKS[sequence % WEEKS.length]!, sequence),
    };
    return { deviceTime: '2026-01-07T09:59:00Z', batch };
  };
}

/** Ten rows for each of five courses: totals, gender and age-band breakdowns. */
function batchRows(week: string, sequence: number): StatsRow[] {
  const rows: StatsRow[] = [];
  for (const course of COURSES) {
    const base = { week, course, count: 1 + (sequence % 7) };
    rows.push(
      { ...base, metric: 'lessons_started', dimension: 'total', value: '' },
      { ...base, metric: 'lessons_completed', dimension: 'total', value: '' },
      { ...base, metric: 'courses_started', dimension: 'total', value: '' },
      { ...base, metric: 'courses_completed', dimension: 'total', value: '' },
      { ...base, metric: 'courses_completed', dimension: 'gender', value: 'female' },
      { ...base, metric: 'courses_completed', dimension: 'gender', value: 'male' },
      { ...base, metric: 'courses_completed', dimension: 'age_band', value: '18-29' },
      { ...base, metric: 'courses_completed', dimension: 'age_band', value: '30-44' },
      { ...base, metric: 'lessons_completed', dimension: 'gender', value: 'female' },
      { ...base, metric: 'lessons_completed', dimension: 'age_band', value: '45-59' },
    );
  }
  if (rows.length !== ROWS_PER_BATCH) throw new Error('the bench batch should have 50 rows');
  return rows;
}

async function benchSite(store: CollectorStore): Promise<SiteRecord> {
  const publicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  return store.createSiteFromStick({ site: { code: 'BENCH-01', name: 'Bench library', region: 'Chuy', district: 'Sokuluk' }, publicKey, at: toInstant(NOW) });
}
