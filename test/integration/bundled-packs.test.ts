import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../core';
import { ManifestSchema } from '../../core/packs/manifest';
import { BUNDLED_PACKS_DIR, REPO_ROOT } from '../support/paths';

const SOURCES_DIR = path.join(REPO_ROOT, 'content-packs');
import { tempDir } from '../support/temp-dir';

describe('packs that ship with the app', () => {
  it('are valid and have every learner-visible text in ky, ru and en', () => {
    const dirs = fs.readdirSync(SOURCES_DIR).filter((d) => fs.existsSync(path.join(SOURCES_DIR, d, 'manifest.json')));
    expect(dirs.length).toBeGreaterThan(0);
    for (const dir of dirs) {
      const source = JSON.parse(fs.readFileSync(path.join(SOURCES_DIR, dir, 'manifest.json'), 'utf8'));
      const manifest = ManifestSchema.parse({ ...source, format: 2, files: [] });
      const texts: Array<Record<string, string | undefined>> = [manifest.title, manifest.description];
      for (const course of manifest.courses) {
        texts.push(course.title, course.description);
        for (const lesson of course.lessons) {
          texts.push(lesson.title);
          for (const step of lesson.steps) {
            if (step.kind === 'text') texts.push(step.body);
            else texts.push(step.question, ...step.options.map((o) => o.text));
          }
        }
      }
      for (const text of texts) expect(Object.keys(text).sort()).toEqual(['en', 'ky', 'ru']);
    }
  });

  it('are built signed by the build, installed on first start, once, and leftover staging files are cleaned', async () => {
    const dataDir = tempDir();
    const first = await startCore({ dataDir, bundledPacksDir: BUNDLED_PACKS_DIR, log: () => {} });
    expect(first.problem).toBeNull();
    await first.close();
    fs.writeFileSync(path.join(dataDir, 'packs', '.staging-deadbeef.ayilpack'), 'half a pack');
    const installedBefore = fs.readdirSync(path.join(dataDir, 'packs')).filter((n) => !n.startsWith('.'));

    const second = await startCore({ dataDir, bundledPacksDir: BUNDLED_PACKS_DIR, log: () => {} });
    expect(fs.readdirSync(path.join(dataDir, 'packs'))).toEqual(installedBefore);
    expect(installedBefore).toEqual([expect.stringMatching(/^kg\.ayil\.first-steps@1\.0\.0\.[0-9a-f]+\.ayilpack$/)]);
    const grant = await second.dispatch('learners.create', { displayName: 'Нурлан', avatar: 'tree', language: 'en' }, null);
    if (!grant.ok) throw new Error(grant.error.code);
    const courses = await second.dispatch('courses.list', {}, (grant.value as { token: string }).token);
    expect(courses).toMatchObject({ ok: true, value: { courses: [{ packId: 'kg.ayil.first-steps', courseId: 'computer-basics' }] } });
    await second.close();
  });
});
