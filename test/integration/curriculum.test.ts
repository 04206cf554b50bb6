import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../core/contract';
import { correctAnswer } from '../../authoring/answers';
import { packStats, totalStats } from '../../authoring/stats';
import { openPack } from '../../core/packs/pack-file';
import { callHttpOk } from '../support/api';
import { bundledSource, bundledSourceDirs } from '../support/bundled-sources';
import { startInProcessHost } from '../support/in-process-host';
import { BUNDLED_PACKS_DIR } from '../support/paths';

/*
 * The curriculum that ships with the app, walked through the real API as a learner who does
 * everything right, in each language. Answers are read from the pack sources, so a lesson added to
 * content-packs/ is walked here without new test code.
 */
const sources = bundledSourceDirs().map((dir) => bundledSource(path.basename(dir)));

describe('the bundled curriculum', () => {
  it('is installed on a fresh kiosk, every pack at the version of its source', async () => {
    const { url, core } = await startInProcessHost();
    const { token } = await callHttpOk<{ token: string }>(url, 'learners.create', { displayName: 'Айгүл', avatar: 'tree', language: 'ky' });
    const { courses } = await callHttpOk<{ courses: Array<{ packId: string; courseId: string }> }>(url, 'courses.list', {}, token);
    for (const source of sources) {
      for (const course of source.courses) expect(courses).toContainEqual(expect.objectContaining({ packId: source.header.id, courseId: course.id }));
    }
    await core.close();
  });

  for (const language of LANGUAGES) {
    it(`can be completed lesson by lesson in ${language}, each course giving a certificate when it certifies`, { timeout: 120_000 }, async () => {
      const { url } = await startInProcessHost();
      const { token } = await callHttpOk<{ token: string }>(url, 'learners.create', { displayName: `Learner ${language}`, avatar: 'star', language });
      let certifying = 0;
      for (const source of sources) {
        for (const course of source.courses) {
          for (const [l, lesson] of course.lessons.entries()) {
            const ref = { packId: source.header.id, lessonId: lesson.id };
            const view = await callHttpOk<{ steps: Array<{ id: string }> }>(url, 'lessons.get', ref, token);
            expect(view.steps.map((s) => s.id), `${ref.packId}/${lesson.id}`).toEqual(lesson.def.steps.map((s) => s.id));
            for (const [s, step] of lesson.def.steps.entries()) {
              const answer = correctAnswer(step, language as Language, source.header.defaultLanguage);
              const outcome = await callHttpOk(url, 'progress.submitStep', { ...ref, stepId: step.id, ...(answer ? { answer } : {}) }, token);
              const where = `${ref.packId}/${lesson.id}/${step.id} (${language})`;
              expect(outcome.correct, where).not.toBe(false);
              const last = s === lesson.def.steps.length - 1;
              expect(outcome.lessonCompleted, where).toBe(last);
              expect(outcome.courseCompleted, where).toBe(last && l === course.lessons.length - 1);
            }
          }
          if (course.certifying) certifying += 1;
        }
      }
      const certificates = await callHttpOk<Array<{ packId: string; courseId: string }>>(url, 'certificates.mine', {}, token);
      expect(certificates).toHaveLength(certifying);
      const courses = await callHttpOk<{ courses: Array<{ lessons: Array<{ completed: boolean }> }> }>(url, 'courses.list', {}, token);
      expect(courses.courses.flatMap((c) => c.lessons).every((lesson) => lesson.completed)).toBe(true);
    });
  }

  it('meets the programme’s size: 6 courses, 24 lessons, 240 steps, 60% interactive, every step heard in ky, ru and en, under 80 MB', async () => {
    const files = fs.readdirSync(BUNDLED_PACKS_DIR).filter((f) => f.endsWith('.ayilpack'));
    const all = [];
    for (const file of files) {
      const pack = await openPack(path.join(BUNDLED_PACKS_DIR, file));
      all.push(packStats(pack.manifest, pack.fileSize));
      pack.close();
    }
    const total = totalStats(all);
    const certifyingCourses = sources.flatMap((s) => s.courses).filter((c) => c.certifying).length;
    expect(certifyingCourses).toBeGreaterThanOrEqual(6);
    expect(total.lessons).toBeGreaterThanOrEqual(24);
    expect(total.steps).toBeGreaterThanOrEqual(240);
    expect(total.interactiveSteps / total.steps).toBeGreaterThanOrEqual(0.6);
    for (const language of LANGUAGES) expect(total.narratedSteps[language], `steps heard in ${language}`).toBe(total.steps);
    expect(total.size).toBeLessThan(80 * 1024 * 1024);
  });
});
