import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrolRequestSchema } from '../../core/contract';
import { enrol, issueEnrolmentChallenge, normaliseCode } from '../../collector/enrolment';
import { sha256Hex } from '../../collector/secrets';
import { openStore } from '../../collector/store/open';
import { POSTGRES, SQLITE } from '../../collector/store/dialect';
import { COLLECTOR_MIGRATIONS } from '../../collector/store/migrations';
import type { CollectorStore } from '../../collector/store/store';
import { collectorBackends, type CollectorBackend } from '../support/collector';
import { freshPostgresDatabase } from '../support/postgres';
import { completions, TestKiosk } from './kiosk-client';

/** The schema version a database says it has. */
async function schemaVersion(backend: CollectorBackend, location: { sqliteFile?: string; databaseUrl?: string }): Promise<number> {
  if (backend === 'sqlite') {
    const db = new Database(location.sqliteFile!, { readonly: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: location.databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ version: number }>('SELECT version FROM collector_schema')).rows[0]!.version;
  } finally {
    await client.end();
  }
}

describe.each(collectorBackends)('the store (%s)', (backend) => {
  let location: { sqliteFile?: string; databaseUrl?: string };
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-store-'));
    location = backend === 'sqlite' ? { sqliteFile: path.join(dir, 'collector.db') } : { databaseUrl: await freshPostgresDatabase() };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const meta = { via: 'network', receivedAt: '2026-03-18T10:00:00Z', deviceTime: '2026-03-18T10:00:00Z', clockSkewSeconds: 0, clockSkewFlagged: false, weekShift: 0 } as const;

  it('migrates on every start without losing anything, and keeps what it stored', async () => {
    let store: CollectorStore = await openStore(location);
    const kiosk = new TestKiosk({ code: 'KEEP-01' });
    const site = await store.createSiteFromStick({ site: kiosk.site, publicKey: kiosk.publicKey, at: '2026-03-18T10:00:00Z' });
    expect(await store.ingest(site.id, kiosk.batch([completions('2026-W11', 4)]), meta)).toBe('stored');
    await store.setAdminPasswordHash('admin', 'scrypt$x');
    await store.close();

    // Two starts at once (two collector processes on one database) and a third after them.
    const [a, b] = await Promise.all([openStore(location), openStore(location)]);
    await Promise.all([a.close(), b.close()]);
    store = await openStore(location);
    try {
      expect(await store.counts()).toEqual({ sites: 1, batches: 1, cells: 1 });
      expect(await store.adminPasswordHash('admin')).toBe('scrypt$x');
      expect((await store.cells())[0]).toMatchObject({ siteCode: 'KEEP-01', week: '2026-W11', count: 4 });
    } finally {
      await store.close();
    }
  });

  it('brings a schema-1 database (before enrolment proved the key) to schema 2, and a code made under schema 1 still enrols', async () => {
    const code = 'ABCD-EFGH-JKLM-NPQR';
    const row = [sha256Hex(normaliseCode(code)), 'made before', '2026-03-01T10:00:00Z', '2026-04-01T10:00:00Z'];
    // Schema 1 exactly as the collector before this change left it, holding one unused code.
    const schema1 = backend === 'sqlite' ? { sqliteFile: path.join(dir, 'schema-1.db') } : { databaseUrl: await freshPostgresDatabase() };
    if (backend === 'sqlite') {
      const db = new Database(schema1.sqliteFile!);
      db.exec(COLLECTOR_MIGRATIONS[0]!(SQLITE));
      db.pragma('user_version = 1');
      db.prepare('INSERT INTO enrolment_codes (code_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?)').run(...row);
      db.close();
    } else {
      const client = new pg.Client({ connectionString: schema1.databaseUrl });
      await client.connect();
      await client.query(COLLECTOR_MIGRATIONS[0]!(POSTGRES));
      await client.query('CREATE TABLE collector_schema (version integer NOT NULL); INSERT INTO collector_schema VALUES (1)');
      await client.query('INSERT INTO enrolment_codes (code_hash, label, created_at, expires_at) VALUES ($1, $2, $3, $4)', row);
      await client.end();
    }

    const store = await openStore(schema1);
    try {
      expect(await schemaVersion(backend, schema1)).toBe(2);
      const now = new Date('2026-03-18T10:00:00Z');
      const kiosk = new TestKiosk({ code: 'OLD-CODE-1' });
      const { challenge } = await issueEnrolmentChallenge(store, { code, publicKey: kiosk.publicKey }, now);
      const { siteId } = await enrol(store, EnrolRequestSchema.parse(kiosk.enrolment(code, challenge)), now);
      expect((await store.sites()).map((site) => [site.id, site.code])).toEqual([[siteId, 'OLD-CODE-1']]);
    } finally {
      await store.close();
    }
  });

  it('enrols a site the same way on either database: a code once, the same key keeps its site, a stick site is taken over', async () => {
    const store = await openStore(location);
    try {
      const at = '2026-03-18T10:00:00Z';
      const code = async (hash: string, expiresAt = '2026-04-01T10:00:00Z') =>
        store.createEnrolmentCode({ codeHash: hash, label: hash, createdAt: '2026-03-01T10:00:00Z', expiresAt });
      const kiosk = new TestKiosk({ code: 'ENR-01' });
      const site = (name: string) => ({ ...kiosk.site, name });
      await code('enrol-a');
      await code('enrol-b');
      await code('enrol-old', '2026-03-10T10:00:00Z');

      expect(await store.enrolSite({ codeHash: 'unknown', site: site('A'), publicKey: kiosk.publicKey, tokenHash: 't0', at })).toBeNull();
      expect(await store.enrolSite({ codeHash: 'enrol-old', site: site('A'), publicKey: kiosk.publicKey, tokenHash: 't0', at })).toBeNull();
      const first = await store.enrolSite({ codeHash: 'enrol-a', site: site('A'), publicKey: kiosk.publicKey, tokenHash: 't1', at });
      expect(first).toMatchObject({ code: 'ENR-01', name: 'A', publicKey: kiosk.publicKey, enrolledAt: at });
      expect(await store.enrolSite({ codeHash: 'enrol-a', site: site('B'), publicKey: kiosk.publicKey, tokenHash: 't2', at })).toBeNull();
      const again = await store.enrolSite({ codeHash: 'enrol-b', site: site('B'), publicKey: kiosk.publicKey, tokenHash: 't2', at: '2026-03-19T10:00:00Z' });
      expect(again).toEqual({ ...first, name: 'B', enrolledAt: '2026-03-19T10:00:00Z' });
      expect(await store.siteByTokenHash('t1')).toBeNull();
      expect(await store.siteByTokenHash('t2')).toEqual(again);

      const stick = new TestKiosk({ code: 'ENR-02' });
      const fromStick = await store.createSiteFromStick({ site: stick.site, publicKey: stick.publicKey, at });
      await code('enrol-c');
      const enrolled = await store.enrolSite({ codeHash: 'enrol-c', site: stick.site, publicKey: stick.publicKey, tokenHash: 't3', at });
      expect(enrolled?.id).toBe(fromStick.id);
      expect((await store.sites()).map((s) => s.code).filter((c) => c.startsWith('ENR-'))).toEqual(['ENR-01', 'ENR-02']);
    } finally {
      await store.close();
    }
  });

  it('refuses a database written by a newer collector', async () => {
    if (backend === 'sqlite') {
      const db = new Database(location.sqliteFile!);
      db.pragma('user_version = 99');
      db.close();
    } else {
      const client = new pg.Client({ connectionString: location.databaseUrl });
      await client.connect();
      await client.query('UPDATE collector_schema SET version = 99');
      await client.end();
    }
    await expect(openStore(location)).rejects.toThrow(/newer version/);
  });
});

describe('choosing the backend', () => {
  it('refuses a DATABASE_URL that is not PostgreSQL', async () => {
    await expect(openStore({ databaseUrl: 'mysql://localhost/x' })).rejects.toThrow(/postgres:\/\//);
  });
});
