import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePublisherKey } from '../../core/packs/signing';
import { testKey } from '../support/packs';
import { call, startTestCore, staffToken, TEST_ADMIN } from '../support/test-core';
import { tempDir } from '../support/temp-dir';

/*
 * Publishers' key files on sticks: the administrator picks one the kiosk found instead of pasting
 * it. The kiosk reads only files it finds itself, where packs are looked for, on sticks it sees.
 */

/** A kiosk whose sticks are the subfolders of a fresh drive root, and that root. */
async function kioskWithSticks() {
  const root = tempDir('ayil-key-sticks-');
  const core = await startTestCore({ driveRoots: [root] });
  const admin = (await call<{ token: string }>(core, 'staff.login', { name: TEST_ADMIN.name, password: TEST_ADMIN.password })).token;
  return { core, root, admin };
}

async function waitForSticks(core: Awaited<ReturnType<typeof startTestCore>>, token: string, count: number) {
  for (let i = 0; i < 100; i++) {
    if ((await call<unknown[]>(core, 'drives.list', {}, token)).length === count) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the kiosk never saw ${count} stick(s)`);
}

const write = (file: string, content: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
};

describe('publisher keys on a stick', () => {
  it('lists the key files at a stick’s root and in its ayil folder with their publisher and id, says which are trusted already, and which files cannot be used, by name only', async () => {
    const { core, root, admin } = await kioskWithSticks();
    const ngo = generatePublisherKey('Санарип Аймак');
    const other = generatePublisherKey('Other publisher');
    const stick = path.join(root, 'KINGSTON');
    write(path.join(stick, `${ngo.publicKey.keyId}.pub.json`), JSON.stringify(ngo.publicKey, null, 2));
    write(path.join(stick, 'AYIL', 'TEST.PUB.JSON'), JSON.stringify(testKey.publicKey));
    // Its id does not match its bytes: somebody edited it.
    write(path.join(stick, 'ayil', 'edited.pub.json'), JSON.stringify({ ...other.publicKey, keyId: ngo.publicKey.keyId }));
    write(path.join(stick, 'big.pub.json'), ' '.repeat(100 * 1024) + JSON.stringify(other.publicKey));
    // Not looked at: deeper folders, hidden files, other names.
    write(path.join(stick, 'keys', 'deep.pub.json'), JSON.stringify(other.publicKey));
    write(path.join(stick, '._mac.pub.json'), JSON.stringify(other.publicKey));
    write(path.join(stick, 'other.json'), JSON.stringify(other.publicKey));
    await waitForSticks(core, admin, 1);

    const files = await call<any[]>(core, 'keys.onSticks', {}, admin);
    const byName = new Map(files.map((f) => [f.name, f]));
    expect([...byName.keys()].sort()).toEqual(['TEST.PUB.JSON', `${ngo.publicKey.keyId}.pub.json`, 'big.pub.json', 'edited.pub.json'].sort());
    expect(byName.get(`${ngo.publicKey.keyId}.pub.json`)).toEqual({
      file: path.join(stick, `${ngo.publicKey.keyId}.pub.json`),
      name: `${ngo.publicKey.keyId}.pub.json`,
      drive: 'KINGSTON',
      keys: [{ ...ngo.publicKey, trusted: false }],
      error: null,
    });
    // The test publisher's key ships with this kiosk: already trusted.
    expect(byName.get('TEST.PUB.JSON')!.keys).toEqual([{ ...testKey.publicKey, trusted: true }]);
    for (const name of ['edited.pub.json', 'big.pub.json']) {
      expect(byName.get(name)).toMatchObject({ keys: [], error: { code: 'key.invalid', params: { file: name } } });
    }
  });

  it('trusts the key picked from a stick once the administrator’s password is typed again, and then lists it as trusted', async () => {
    const { core, root, admin } = await kioskWithSticks();
    const ngo = generatePublisherKey('Санарип Аймак');
    write(path.join(root, 'STICK', `${ngo.publicKey.keyId}.pub.json`), JSON.stringify(ngo.publicKey));
    await waitForSticks(core, admin, 1);
    const [picked] = await call<any[]>(core, 'keys.onSticks', {}, admin);
    const { keyId, publisher, publicKey } = picked.keys[0];

    expect(await core.dispatch('keys.trust', { keyId, publisher, publicKey, password: 'not my password' }, admin)).toMatchObject({
      ok: false,
      error: { code: 'staff.password_wrong' },
    });
    expect((await call<any[]>(core, 'keys.list', {}, admin)).map((k) => k.keyId)).not.toContain(keyId);
    await call(core, 'keys.trust', { keyId, publisher, publicKey, password: TEST_ADMIN.password }, admin);
    expect(await call<any[]>(core, 'keys.list', {}, admin)).toContainEqual({ ...ngo.publicKey, shipped: false });
    expect((await call<any[]>(core, 'keys.onSticks', {}, admin))[0].keys[0].trusted).toBe(true);
  });

  it('lists nothing once the stick is gone, and only to an administrator', async () => {
    const { core, root, admin } = await kioskWithSticks();
    const stick = path.join(root, 'STICK');
    write(path.join(stick, 'a.pub.json'), JSON.stringify(generatePublisherKey('A').publicKey));
    await waitForSticks(core, admin, 1);
    expect(await call<any[]>(core, 'keys.onSticks', {}, admin)).toHaveLength(1);
    const facilitator = await staffToken(core, 'facilitator');
    expect(await core.dispatch('keys.onSticks', {}, facilitator)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    fs.rmSync(stick, { recursive: true });
    await waitForSticks(core, admin, 0);
    expect(await call<any[]>(core, 'keys.onSticks', {}, admin)).toEqual([]);
  });
});
