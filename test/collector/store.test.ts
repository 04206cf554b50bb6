import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../collector/store/open';
import type { CollectorStore } from '../../collector/store/store';
import { collectorBackends } from '../support/collector';
import { freshPostgresDatabase } from '../support/postgres';
import { completions, TestKiosk } from './kiosk-client';

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
