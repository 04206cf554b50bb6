import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { methods, type MethodInput, type MethodName, type Methods } from '../../core/contract';
import { createDispatch } from '../../core/api/dispatch';
import type { Handlers } from '../../core/api/handlers';
import { openDatabase } from '../../core/db/open';
import { Sessions } from '../../core/sessions/sessions';
import { buildHttpHost } from '../../http-host/http';
import { callHttpOk } from '../support/api';
import { makePack, sourceManifest, testKey } from '../support/packs';
import { addLearner, doSteps, statsCore } from '../support/stats-fixture';
import { TEST_ADMIN, call, importThroughApi, staffToken } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

type QueryName = { [K in MethodName]: Methods[K]['kind'] extends 'query' ? K : never }[MethodName];

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** What the database files hold now: their bytes, and SQLite's own count of commits by other connections. */
function fingerprint(databaseFile: string, observer: Database.Database) {
  const hash = (file: string) => (fs.existsSync(file) ? createHash('sha256').update(fs.readFileSync(file)).digest('hex') : 'absent');
  return { db: hash(databaseFile), wal: hash(`${databaseFile}-wal`), dataVersion: observer.pragma('data_version', { simple: true }) as number };
}

describe('queries never write', () => {
  it('runs every query of the contract over HTTP against a kiosk with learners, figures, packs and a stick, and the database stays byte for byte the same', async () => {
    const drives = tempDir('ayil-drives-');
    const { core, clock } = await statsCore('2026-03-02T09:00:00Z', { driveRoots: [drives] });
    const app = buildHttpHost(core, { rendererDir: tempDir() });
    await app.listen({ host: '127.0.0.1', port: 0 });
    closers.push(() => app.close());
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;

    // Figures of a week that has ended: reading sync's status once made batches of them.
    const learners = [];
    for (let i = 0; i < 6; i++) learners.push(await addLearner(core, { name: `Learner ${i}`, gender: 'female', birthYear: 1990 }));
    for (const learner of learners) await doSteps(core, learner, 'l1');
    await doSteps(core, learners[0]!, 'l3');
    clock.now = new Date('2026-03-11T09:00:00Z');

    const admin = (await call<{ token: string }>(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
    const facilitator = await staffToken(core, 'facilitator');
    const stick = path.join(drives, 'STICK');
    fs.mkdirSync(stick);
    const other = await makePack({ manifest: sourceManifest('1.0.0', { id: 'kg.ayil.other-pack' }), dir: stick });
    fs.writeFileSync(path.join(stick, 'publisher.pub.json'), JSON.stringify(testKey.publicKey));
    let [drive] = await call<Array<{ id: string }>>(core, 'drives.list', {}, admin);
    while (!drive) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      [drive] = await call<Array<{ id: string }>>(core, 'drives.list', {}, admin);
    }
    expect((await importThroughApi(core, admin, other)).state).toBe('done');
    await call(core, 'backup.create', { password: TEST_ADMIN.password, passphrase: 'river stone 2026 tulip', target: { kind: 'drive', driveId: drive.id } }, admin);
    const learner = learners[0]!;
    learner.token = (await call(core, 'learners.choose', { learnerId: learner.id })).token;
    const [certificate] = await call<Array<{ code: string }>>(core, 'certificates.mine', {}, learner.token);
    expect(certificate).toBeDefined();

    // Typed over every query: a new query without an input here does not compile.
    const inputs: { [K in QueryName]: MethodInput<K> } = {
      'kiosk.state': {},
      'learners.list': {},
      'learner.me': {},
      'certificates.mine': {},
      'certificates.verify': { code: certificate!.code },
      'courses.list': {},
      'lessons.get': { packId: 'kg.ayil.test-pack', lessonId: 'l2' },
      'staff.me': {},
      'staff.list': {},
      'settings.get': {},
      'settings.hostNames': {},
      'learners.search': { query: 'Learner' },
      'learners.detail': { learnerId: learner.id },
      'reports.get': { from: '2026-03-01', to: '2026-03-10' },
      'stats.preview': { from: '2026-03-01', to: '2026-03-10' },
      'backup.list': { target: { kind: 'drive', driveId: drive.id }, passphrase: 'river stone 2026 tulip' },
      'sync.status': {},
      'packs.installed': {},
      'packs.jobs': {},
      'drives.list': {},
      'drives.packs': { driveId: drive.id },
      'keys.list': {},
      'keys.onSticks': {},
    };
    const queries = (Object.keys(methods) as MethodName[]).filter((name) => methods[name].kind === 'query');
    expect(Object.keys(inputs).sort()).toEqual([...queries].sort());

    // From here on nothing may change.
    const observer = new Database(core.databaseFile, { readonly: true });
    closers.push(async () => void observer.close());
    const before = fingerprint(core.databaseFile, observer);
    const answers: Record<string, unknown> = {};
    for (const name of queries) {
      const token = methods[name].role === 'learner' ? learner.token : methods[name].role === 'facilitator' ? facilitator : admin;
      answers[name] = await callHttpOk(url, name, inputs[name as QueryName], token);
    }
    const after = fingerprint(core.databaseFile, observer);

    expect(after).toEqual(before);
    // The queries really looked at something: figures wait to be sent, the stick's pack is there.
    expect((answers['sync.status'] as { pendingBatches: number }).pendingBatches).toBeGreaterThan(0);
    expect(answers['drives.packs']).toEqual([expect.objectContaining({ packId: 'kg.ayil.other-pack', status: 'installed' })]);
    expect(answers['drives.list']).toEqual([expect.not.objectContaining({ packs: expect.anything() })]);
    // And a command still writes: sending figures to the stick makes the batches the status counted.
    await callHttpOk(url, 'sync.saveToStick', { target: { kind: 'drive', driveId: drive.id } }, admin);
    expect(fingerprint(core.databaseFile, observer).dataVersion).not.toBe(before.dataVersion);
  }, 60_000);

  it('refuses a query that writes, to its last await, while a command that runs in between still writes', async () => {
    const db = openDatabase(path.join(tempDir(), 'ayil.db'));
    closers.push(async () => void db.close());
    const logged: string[] = [];
    let letQueryWrite = () => {};
    const queryMayWrite = new Promise<void>((resolve) => (letQueryWrite = resolve));
    const handlers = {
      // A query that reads, waits, then writes: the write must fail, however late it comes.
      'learners.list': async () => {
        db.prepare('SELECT count(*) FROM settings').pluck().get();
        await queryMayWrite;
        db.prepare("INSERT INTO settings (key, value) VALUES ('written-by-a-query', 'x')").run();
        return [];
      },
      // A command whose first SQL is BEGIN IMMEDIATE, as sign-in tries are counted: it must find
      // the connection writable though the last statement run on it was a query's.
      'kiosk.setLanguage': () => {
        db.transaction(() => db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('written-by-a-command', 'x')").run()).immediate();
        return { done: true };
      },
    } as unknown as Handlers;
    const dispatch = createDispatch(handlers, new Sessions(() => 60_000, () => new Date()), (message) => logged.push(message), () => true);

    const query = dispatch('learners.list', {}, null);
    expect(await dispatch('kiosk.setLanguage', { language: 'ky' }, null)).toEqual({ ok: true, value: { done: true } });
    letQueryWrite();
    expect(await query).toEqual({ ok: false, error: { code: 'internal', params: {} } });
    expect(logged.join('\n')).toMatch(/learners\.list failed \(a query tried to write; the write was refused\)/);
    expect(db.prepare("SELECT key FROM settings WHERE key LIKE 'written-by-%'").pluck().all()).toEqual(['written-by-a-command']);
    // The connection is not left read-only for the next command.
    db.prepare("DELETE FROM settings WHERE key = 'written-by-a-command'").run();
    expect((await dispatch('kiosk.setLanguage', { language: 'ru' }, null)).ok).toBe(true);
    expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'written-by-a-command'").pluck().get()).toBe(1);
  });
});
