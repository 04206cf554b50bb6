import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BUNDLED_PACKS_DIR } from '../support/paths';
import { call, staffToken, startTestCore } from '../support/test-core';
import { bundledManifest, bundledSource, completeBundledCourse } from '../support/bundled-sources';

const LESSON = { packId: 'kg.ayil.first-steps', lessonId: 'parts-of-a-computer' };
type TestCore = Awaited<ReturnType<typeof startTestCore>>;

async function completeFirstCourse(core: TestCore, token: string) {
  return completeBundledCourse((input) => call(core, 'progress.submitStep', input, token), LESSON.packId, 'computer-basics');
}
const basicsLessons = bundledSource(LESSON.packId).courses.find((c) => c.id === 'computer-basics')!.lessons.length;

const newLearner = (core: TestCore, displayName: string, extra: object = {}) =>
  call<{ token: string; learner: { id: number } }>(core, 'learners.create', { displayName, avatar: 'sun', language: 'ky', ...extra });

/** Every row in every table that mentions the learner: by a learner_id column, or by their name anywhere. */
function rowsAbout(file: string, learnerId: number, name: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const found: string[] = [];
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    for (const { name: table } of tables) {
      const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).map((c) => c.name);
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Array<Record<string, unknown>>) {
        const byId = (columns.includes('learner_id') && row.learner_id === learnerId) || (table === 'learners' && row.id === learnerId);
        if (byId || JSON.stringify(row).includes(name)) found.push(`${table}: ${JSON.stringify(row)}`);
      }
    }
    return found;
  } finally {
    db.close();
  }
}

describe('the console’s learners', () => {
  it('are searched by folded name (Гулнара finds Гүлнара), paged, with a total, and never list guests', async () => {
    const core = await startTestCore();
    const staff = await staffToken(core, 'facilitator');
    for (const name of ['Гүлнара Асанова', 'Бакыт Гулнарович', 'Айбек', 'Ёлка Ңуру']) await newLearner(core, name);
    await call(core, 'learners.guest', { language: 'ky' });

    const all = await call(core, 'learners.search', {}, staff);
    expect(all.total).toBe(4);
    expect(all.learners.map((l: any) => l.displayName)).toEqual(['Ёлка Ңуру', 'Айбек', 'Бакыт Гулнарович', 'Гүлнара Асанова']); // newest first
    const found = await call(core, 'learners.search', { query: 'ГУЛНАР' }, staff);
    expect(found.total).toBe(2);
    expect(found.learners.map((l: any) => l.displayName).sort()).toEqual(['Бакыт Гулнарович', 'Гүлнара Асанова']);
    expect((await call(core, 'learners.search', { query: 'елка нуру' }, staff)).learners.map((l: any) => l.displayName)).toEqual(['Ёлка Ңуру']);
    const page = await call(core, 'learners.search', { offset: 1, limit: 2 }, staff);
    expect(page).toMatchObject({ total: 4, learners: [{ displayName: 'Айбек' }, { displayName: 'Бакыт Гулнарович' }] });
    expect(all.learners[0]).toMatchObject({ secret: 'none', locked: false, lessonsCompleted: 0, coursesCompleted: 0, lastActiveOn: null, createdOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(await call(core, 'learners.search', { query: 'nobody' }, staff)).toEqual({ total: 0, learners: [] });
  });

  it('show each learner’s progress by course with the certificate code', async () => {
    const core = await startTestCore({ bundledPacksDir: BUNDLED_PACKS_DIR });
    const staff = await staffToken(core, 'facilitator');
    const done = await newLearner(core, 'Жылдыз', { secret: { kind: 'pin', pin: '1234' } });
    await completeFirstCourse(core, done.token);
    const [certificate] = await call<any[]>(core, 'certificates.mine', {}, done.token);
    const starting = await newLearner(core, 'Эркин');
    await call(core, 'progress.submitStep', { ...LESSON, stepId: 'screen-keyboard-mouse' }, starting.token);

    const detail = await call(core, 'learners.detail', { learnerId: done.learner.id }, staff);
    expect(detail.learner).toMatchObject({ displayName: 'Жылдыз', secret: 'pin', lessonsCompleted: basicsLessons, coursesCompleted: 1, lastActiveOn: expect.any(String) });
    expect(detail.courses).toEqual([
      expect.objectContaining({ packId: 'kg.ayil.first-steps', courseId: 'computer-basics', completed: true, certificateCode: certificate.code, lessonsCompleted: expect.any(Number) }),
    ]);
    expect(detail.courses[0].lessonsCompleted).toBe(detail.courses[0].lessonsTotal);
    expect(detail.courses[0].title).toEqual(bundledManifest(LESSON.packId).courses.find((c) => c.id === 'computer-basics')!.title);

    const partial = await call(core, 'learners.detail', { learnerId: starting.learner.id }, staff);
    expect(partial.courses).toEqual([expect.objectContaining({ courseId: 'computer-basics', completed: false, certificateCode: null, lessonsCompleted: 0 })]);
    expect(await core.dispatch('learners.detail', { learnerId: 9999 }, staff)).toMatchObject({ ok: false, error: { code: 'learner.not_found' } });
  });

  it('are erased completely: every per-learner row goes, their session ends, everyone else stays', async () => {
    const core = await startTestCore({ bundledPacksDir: BUNDLED_PACKS_DIR });
    const staff = await staffToken(core, 'facilitator');
    const gone = await newLearner(core, 'Уникалбек Кетүүчү', { secret: { kind: 'pictures', pictures: ['apple', 'yurt', 'key'] } });
    await call(core, 'learner.setProfile', { gender: 'male', birthYear: 1990 }, gone.token);
    await completeFirstCourse(core, gone.token);
    const stays = await newLearner(core, 'Калган Калыс');
    await completeFirstCourse(core, stays.token);
    expect(rowsAbout(core.databaseFile, gone.learner.id, 'Уникалбек').length).toBeGreaterThan(3);
    const before = rowsAbout(core.databaseFile, stays.learner.id, 'Калган');

    await call(core, 'learners.erase', { learnerId: gone.learner.id }, staff);
    expect(rowsAbout(core.databaseFile, gone.learner.id, 'Уникалбек')).toEqual([]);
    expect(rowsAbout(core.databaseFile, stays.learner.id, 'Калган')).toEqual(before);
    expect(await core.dispatch('courses.list', {}, gone.token)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
    expect(await core.dispatch('courses.list', {}, stays.token)).toMatchObject({ ok: true });
    expect((await call<any[]>(core, 'learners.list', {})).map((l) => l.displayName)).toEqual(['Калган Калыс']);
    expect(await core.dispatch('learners.erase', { learnerId: gone.learner.id }, staff)).toMatchObject({ ok: false, error: { code: 'learner.not_found' } });
  });
});
