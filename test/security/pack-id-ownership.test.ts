import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { generatePublisherKey, type KeyPair } from '../../core/packs/signing';
import { callHttp, callHttpOk, importJobOverHttp } from '../support/api';
import { startInProcessHost } from '../support/in-process-host';
import { makePack, sourceManifest, TEST_DRIVE_ROOT, TEST_STICK } from '../support/packs';
import { TEST_ADMIN } from '../support/set-up';
import { tempDir } from '../support/temp-dir';

/*
 * Issue 11, item 7: "a pack id does not belong to its publisher". Any trusted key could replace
 * another publisher's pack (the app's own included) by shipping the same id with a higher version,
 * and removing a pack then importing an older signed file got around the downgrade refusal.
 * Every attack goes through the real host over HTTP, with real signed zips on a stick it sees.
 */
const APP_PACK = 'kg.ayil.first-steps';
const OTHER_PACK = 'org.publisher-a.lessons';
const FACILITATOR = { name: 'Айгүл', password: 'Тоо арасы китеп 7' };

const appKey = generatePublisherKey('Ayil programme');
const publisherA = generatePublisherKey('Publisher A');
/** A publisher the administrator trusts, who would like to take other publishers' lessons over. */
const hostile = generatePublisherKey('Hostile publisher');

function pack(id: string, version: string, key: KeyPair) {
  return makePack({ version, key, manifest: sourceManifest(version, { id, publisher: key.publicKey.publisher }) });
}

/** The app's own resources: its shipped keys and one pack signed with its key, as `npm run build` makes them. */
async function appResources(): Promise<string> {
  const dir = tempDir('ayil-app-packs-');
  fs.writeFileSync(path.join(dir, 'trusted-keys.json'), JSON.stringify([appKey.publicKey]));
  await makePack({ version: '1.0.0', key: appKey, dir, manifest: sourceManifest('1.0.0', { id: APP_PACK, publisher: 'Ayil programme' }) });
  return dir;
}

async function kiosk() {
  const { url, dataDir } = await startInProcessHost(tempDir(), { bundledPacksDir: await appResources(), driveRoots: [TEST_DRIVE_ROOT], drivePollMs: 200 });
  const admin = (await callHttpOk(url, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token as string;
  for (const key of [publisherA, hostile]) await callHttpOk(url, 'keys.trust', { ...key.publicKey, password: TEST_ADMIN.password }, admin);
  await callHttpOk(url, 'staff.create', { ...FACILITATOR, role: 'facilitator', yourPassword: TEST_ADMIN.password }, admin);
  const facilitator = (await callHttpOk(url, 'staff.login', FACILITATOR)).token as string;
  /** What is installed: the list the console shows, and the pack files on disk. */
  const state = async () => ({
    installed: await callHttpOk(url, 'packs.installed', {}, admin),
    files: fs.readdirSync(path.join(dataDir, 'packs')).sort(),
  });
  return { url, admin, facilitator, state };
}

describe('a pack id belongs to the key that first installed it (issue 11, item 7)', () => {
  it('another trusted key cannot replace the app’s own lessons or another publisher’s, whoever imports it; nothing changes', async () => {
    const { url, admin, facilitator, state } = await kiosk();
    const onStickRoot: string[] = [];
    onTestFinished(() => onStickRoot.forEach((file) => fs.rmSync(file, { force: true })));
    expect(await callHttpOk(url, 'packs.installed', {}, admin)).toEqual([expect.objectContaining({ id: APP_PACK, version: '1.0.0', ownerKeyId: appKey.publicKey.keyId })]);
    expect((await importJobOverHttp(url, facilitator, await pack(OTHER_PACK, '1.0.0', publisherA))).state).toBe('done');
    const before = await state();

    for (const [id, owner] of [
      [APP_PACK, 'Ayil programme'],
      [OTHER_PACK, 'Publisher A'],
    ] as const) {
      const takeover = await pack(id, '9.0.0', hostile);
      onStickRoot.push(path.join(TEST_STICK, `${id}-9.0.0.ayilpack`));
      fs.copyFileSync(takeover, onStickRoot.at(-1)!);
      // A facilitator, and an administrator who accepts every warning and forces it: all refused.
      for (const [token, extra] of [
        [facilitator, {}],
        [admin, { acceptUntrusted: true, force: true }],
      ] as const) {
        const job = await importJobOverHttp(url, token, takeover, extra);
        expect(job, id).toMatchObject({ state: 'failed', error: { code: 'pack.publisher_mismatch', params: { packId: id, owner } } });
        expect(await state()).toEqual(before);
      }
      // An unsigned copy under the same id, accepted with the warning: refused as well.
      const unsigned = await makePack({ version: '9.0.1', key: null, manifest: sourceManifest('9.0.1', { id }) });
      expect(await importJobOverHttp(url, admin, unsigned, { acceptUntrusted: true })).toMatchObject({ state: 'failed', error: { code: 'pack.publisher_mismatch' } });
      expect(await state()).toEqual(before);
    }

    // The stick's list says so before anyone tries.
    type Listed = { packId: string | null; version: string | null; status: string; error: { code: string } | null };
    const drives = await callHttpOk<Array<{ id: string }>>(url, 'drives.list', {}, admin);
    const onSticks = await Promise.all(drives.map((d) => callHttpOk<Listed[]>(url, 'drives.packs', { driveId: d.id }, admin)));
    const listed = onSticks.flat().filter((p) => p.version === '9.0.0');
    expect(listed.map((p) => [p.packId, p.status, p.error?.code]).sort()).toEqual([
      [APP_PACK, 'invalid', 'pack.publisher_mismatch'],
      [OTHER_PACK, 'invalid', 'pack.publisher_mismatch'],
    ]);

    // The owner's own newer version still installs.
    expect((await importJobOverHttp(url, facilitator, await pack(OTHER_PACK, '1.1.0', publisherA))).state).toBe('done');
  }, 120_000);

  it('removing a pack keeps what was installed: an older version, or another key’s pack of that id, is refused after it', async () => {
    const { url, admin, facilitator, state } = await kiosk();
    expect((await importJobOverHttp(url, facilitator, await pack(OTHER_PACK, '1.0.0', publisherA))).state).toBe('done');
    expect((await importJobOverHttp(url, facilitator, await pack(OTHER_PACK, '2.0.0', publisherA))).state).toBe('done');
    const old = await pack(OTHER_PACK, '1.0.0', publisherA);
    expect(await importJobOverHttp(url, facilitator, old)).toMatchObject({ state: 'failed', error: { code: 'pack.downgrade' } });

    await callHttpOk(url, 'packs.remove', { packId: OTHER_PACK }, facilitator);
    const removed = await state();
    expect(removed.installed.map((p: { id: string }) => p.id)).toEqual([APP_PACK]);

    const job = await importJobOverHttp(url, facilitator, old);
    expect(job).toMatchObject({ state: 'failed', error: { code: 'pack.older_than_before', params: { packId: OTHER_PACK, version: '1.0.0', highest: '2.0.0' } } });
    expect(await state()).toEqual(removed);
    expect(await importJobOverHttp(url, facilitator, await pack(OTHER_PACK, '3.0.0', hostile))).toMatchObject({ state: 'failed', error: { code: 'pack.publisher_mismatch' } });
    expect(await state()).toEqual(removed);
    // The app's own pack, removed, does not come back older either, nor under another key.
    await callHttpOk(url, 'packs.remove', { packId: APP_PACK }, facilitator);
    const none = await state();
    expect(await importJobOverHttp(url, facilitator, await pack(APP_PACK, '2.0.0', hostile))).toMatchObject({ state: 'failed', error: { code: 'pack.publisher_mismatch' } });
    expect(await state()).toEqual(none);

    // The same version again is a re-install, not a downgrade; an administrator may still go back on purpose.
    expect((await importJobOverHttp(url, facilitator, await pack(OTHER_PACK, '2.0.0', publisherA))).state).toBe('done');
    expect((await importJobOverHttp(url, admin, old, { force: true })).state).toBe('done');
  }, 120_000);

  it('only an administrator, re-entering their password, hands an id to another trusted key', async () => {
    const { url, admin, facilitator, state } = await kiosk();
    expect((await importJobOverHttp(url, facilitator, await pack(OTHER_PACK, '1.0.0', publisherA))).state).toBe('done');
    const before = await state();
    const transfer = { packId: OTHER_PACK, keyId: hostile.publicKey.keyId };

    expect((await callHttp(url, 'packs.transfer', transfer, admin)).body).toMatchObject({ error: { code: 'input.invalid', params: { issues: [{ path: 'password' }] } } });
    expect((await callHttp(url, 'packs.transfer', { ...transfer, password: 'not my password' }, admin)).body).toEqual({ ok: false, error: { code: 'staff.password_wrong', params: {} } });
    expect((await callHttp(url, 'packs.transfer', { ...transfer, password: FACILITATOR.password }, facilitator)).body).toMatchObject({ error: { code: 'auth.forbidden' } });
    const stranger = generatePublisherKey('Not trusted').publicKey.keyId;
    expect((await callHttp(url, 'packs.transfer', { ...transfer, keyId: stranger, password: TEST_ADMIN.password }, admin)).body).toMatchObject({ error: { code: 'key.not_found' } });
    expect((await callHttp(url, 'packs.transfer', { packId: 'org.never.installed', keyId: hostile.publicKey.keyId, password: TEST_ADMIN.password }, admin)).body).toMatchObject({
      error: { code: 'pack.not_found' },
    });
    expect(await state()).toEqual(before);
    expect(await importJobOverHttp(url, facilitator, await pack(OTHER_PACK, '1.1.0', hostile))).toMatchObject({ state: 'failed', error: { code: 'pack.publisher_mismatch' } });

    expect(await callHttpOk(url, 'packs.transfer', { ...transfer, password: TEST_ADMIN.password }, admin)).toEqual({ done: true });
    expect(await callHttpOk(url, 'packs.installed', {}, admin)).toContainEqual(expect.objectContaining({ id: OTHER_PACK, ownerKeyId: hostile.publicKey.keyId }));
    // Now the new publisher's newer version installs, and the previous publisher's no longer does.
    expect((await importJobOverHttp(url, facilitator, await pack(OTHER_PACK, '1.1.0', hostile))).state).toBe('done');
    expect(await importJobOverHttp(url, facilitator, await pack(OTHER_PACK, '2.0.0', publisherA))).toMatchObject({ state: 'failed', error: { code: 'pack.publisher_mismatch', params: { owner: 'Hostile publisher' } } });
  }, 120_000);
});
