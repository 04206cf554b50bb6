import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../core';
import { openPack } from '../../core/packs/pack-file';
import { BUNDLED_PACKS_DIR, REPO_ROOT } from '../support/paths';

const SOURCES_DIR = path.join(REPO_ROOT, 'content-packs');
import { setUpKiosk } from '../support/set-up';
import { tempDir } from '../support/temp-dir';

describe('packs that ship with the app', () => {
  it('are built from every source folder, valid, and have every learner-visible text in ky, ru and en', async () => {
    const sources = fs.readdirSync(SOURCES_DIR).filter((d) => fs.existsSync(path.join(SOURCES_DIR, d, 'pack.yaml')));
    const built = fs.readdirSync(BUNDLED_PACKS_DIR).filter((f) => f.endsWith('.ayilpack'));
    expect(sources.length).toBeGreaterThan(0);
    expect(built).toHaveLength(sources.length);
    for (const file of built) {
      const pack = await openPack(path.join(BUNDLED_PACKS_DIR, file));
      const perLanguage = languageKeyed(pack.manifest);
      pack.close();
      expect(perLanguage.length).toBeGreaterThan(5);
      for (const { at, keys } of perLanguage) expect(keys, at).toEqual(['en', 'ky', 'ru']);
    }
  });

  it('are built signed by the build, installed on first start, once, and leftover staging files are cleaned', async () => {
    const dataDir = tempDir();
    const first = await startCore({ dataDir, bundledPacksDir: BUNDLED_PACKS_DIR, log: () => {} });
    await setUpKiosk(first.dispatch);
    expect(first.problem).toBeNull();
    await first.close();
    fs.writeFileSync(path.join(dataDir, 'packs', '.staging-deadbeef.ayilpack'), 'half a pack');
    const installedBefore = fs.readdirSync(path.join(dataDir, 'packs')).filter((n) => !n.startsWith('.'));

    const second = await startCore({ dataDir, bundledPacksDir: BUNDLED_PACKS_DIR, log: () => {} });
    expect(fs.readdirSync(path.join(dataDir, 'packs'))).toEqual(installedBefore);
    // One installed file per bundled pack, named by id, version and content.
    expect(installedBefore.map((name) => name.split('@')[0]).sort()).toEqual(sources().sort());
    for (const name of installedBefore) expect(name).toMatch(/^[a-z0-9.-]+@\d+\.\d+\.\d+\.[0-9a-f]+\.ayilpack$/);
    const grant = await second.dispatch('learners.create', { displayName: 'Нурлан', avatar: 'tree', language: 'en' }, null);
    if (!grant.ok) throw new Error(grant.error.code);
    const courses = await second.dispatch('courses.list', {}, (grant.value as { token: string }).token);
    expect(courses).toMatchObject({ ok: true, value: { courses: expect.arrayContaining([expect.objectContaining({ packId: 'kg.ayil.first-steps', courseId: 'computer-basics' })]) } });
    await second.close();
  });
});

function sources(): string[] {
  return fs.readdirSync(SOURCES_DIR).filter((d) => fs.existsSync(path.join(SOURCES_DIR, d, 'pack.yaml')));
}

/** Every object in the manifest keyed by language (texts, narration tracks, captions), with its path. */
function languageKeyed(node: unknown, at = ''): Array<{ at: string; keys: string[] }> {
  if (node === null || typeof node !== 'object') return [];
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every((k) => ['ky', 'ru', 'en'].includes(k))) return [{ at, keys: keys.sort() }];
  return Object.entries(node).flatMap(([key, value]) => languageKeyed(value, `${at}.${key}`));
}
