import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../core';
import { BUNDLED_PACKS_DIR } from '../support/paths';
import { setUpKiosk } from '../support/set-up';
import { call, staffToken } from '../support/test-core';
import { tempDir } from '../support/temp-dir';
import { bundledManifest, completeBundledCourse } from '../support/bundled-sources';

const LESSON = { packId: 'kg.ayil.first-steps', lessonId: 'parts-of-a-computer' };

async function completeFirstCourse(core: Awaited<ReturnType<typeof startCore>>, token: string) {
  return completeBundledCourse((input) => call(core, 'progress.submitStep', input, token), LESSON.packId, 'computer-basics');
}

/** A core on the real bundled packs with a clock the test moves. */
async function coreWithClock() {
  const clock = { now: new Date('2026-11-23T10:00:00Z') };
  const core = await startCore({ dataDir: tempDir(), bundledPacksDir: BUNDLED_PACKS_DIR, driveRoots: [tempDir()], now: () => clock.now, log: () => {} });
  await setUpKiosk(core.dispatch);
  return { core, clock };
}

describe('certificates', () => {
  it('are issued when a course is completed, and their code checks out in the facilitator’s checker; one changed character is rejected', async () => {
    const { core } = await coreWithClock();
    const learner = await call(core, 'learners.create', { displayName: 'Жылдыз Асанова', avatar: 'star', language: 'ky' });
    const outcome = await completeFirstCourse(core, learner.token);
    expect(outcome).toMatchObject({ lessonCompleted: true, courseCompleted: true, certified: true });

    const [certificate] = await call<any[]>(core, 'certificates.mine', {}, learner.token);
    expect(certificate).toMatchObject({ learnerName: 'Жылдыз Асанова', courseId: 'computer-basics', issuedOn: '2026-11-23', code: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/) });
    expect(certificate.courseTitle).toEqual(bundledManifest(LESSON.packId).courses.find((c) => c.id === 'computer-basics')!.title);

    const staff = await staffToken(core, 'facilitator');
    expect(await call(core, 'certificates.verify', { code: certificate.code }, staff)).toEqual(certificate);
    expect(await call(core, 'certificates.verify', { code: ` ${certificate.code.toLowerCase().replace('-', ' ')} ` }, staff)).toEqual(certificate);
    for (let i = 0; i < certificate.code.length; i++) {
      if (certificate.code[i] === '-') continue;
      const changed = certificate.code.slice(0, i) + (certificate.code[i] === 'A' ? 'B' : 'A') + certificate.code.slice(i + 1);
      expect(await core.dispatch('certificates.verify', { code: changed }, staff), changed).toMatchObject({ ok: false, error: { code: 'certificate.not_found' } });
    }
    expect(await core.dispatch('certificates.verify', { code: certificate.code }, learner.token)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });

    // A certificate whose fields were edited in the database no longer matches its code.
    const db = new Database(core.databaseFile);
    db.prepare("UPDATE certificates SET learner_name = 'Someone Else'").run();
    db.close();
    expect(await core.dispatch('certificates.verify', { code: certificate.code }, staff)).toMatchObject({ ok: false, error: { code: 'certificate.not_found' } });
    await core.close();
  });

  it('are issued once, however often the course is done again', async () => {
    const { core } = await coreWithClock();
    const learner = await call(core, 'learners.create', { displayName: 'Айбек', avatar: 'tree', language: 'ru' });
    await completeFirstCourse(core, learner.token);
    await completeFirstCourse(core, learner.token);
    expect(await call<any[]>(core, 'certificates.mine', {}, learner.token)).toHaveLength(1);
    await core.close();
  });
});

describe('guests and idle sessions', () => {
  it('keeps nothing of a guest after logout', async () => {
    const { core } = await coreWithClock();
    const guest = await call(core, 'learners.guest', { language: 'en' });
    expect(guest.learner).toMatchObject({ guest: true, displayName: '' });
    await completeFirstCourse(core, guest.token);
    expect(await call<any[]>(core, 'learners.list', {})).toEqual([]);
    await call(core, 'session.logout', {}, guest.token);

    const db = new Database(core.databaseFile, { readonly: true });
    for (const table of ['learners', 'lesson_progress', 'step_progress', 'certificates']) {
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    }
    db.close();
    await core.close();
  });

  it('ends a session left idle past the site’s timeout on the server too, and a guest’s data with it', async () => {
    const { core, clock } = await coreWithClock();
    const learner = await call(core, 'learners.create', { displayName: 'Эркин', avatar: 'drop', language: 'ky' });
    const guest = await call(core, 'learners.guest', { language: 'ky' });
    await completeFirstCourse(core, guest.token);
    const { idleTimeoutSeconds } = await call(core, 'kiosk.state', {});
    expect(idleTimeoutSeconds).toBe(300);

    clock.now = new Date(clock.now.getTime() + (idleTimeoutSeconds - 1) * 1000);
    expect(await core.dispatch('courses.list', {}, learner.token)).toMatchObject({ ok: true });
    clock.now = new Date(clock.now.getTime() + (idleTimeoutSeconds + 61) * 1000);
    expect(await core.dispatch('courses.list', {}, learner.token)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
    expect(await core.dispatch('courses.list', {}, guest.token)).toMatchObject({ ok: false, error: { code: 'auth.session_expired' } });
    const db = new Database(core.databaseFile, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM learners WHERE guest = 1').get()).toEqual({ n: 0 });
    db.close();
    await core.close();
  });

  it('asks the optional profile questions once, and accepts "prefer not to say"', async () => {
    const { core } = await coreWithClock();
    const learner = await call(core, 'learners.create', { displayName: 'Гүлзат', avatar: 'heart', language: 'ky' });
    expect(await call(core, 'learner.me', {}, learner.token)).toMatchObject({ profileAsked: false, gender: null, birthYear: null });
    await call(core, 'learner.setProfile', { gender: 'undisclosed', birthYear: null }, learner.token);
    expect(await call(core, 'learner.me', {}, learner.token)).toMatchObject({ profileAsked: true, gender: 'undisclosed', birthYear: null });
    await call(core, 'learner.setProfile', { gender: 'female', birthYear: 1968 }, learner.token);
    expect(await call(core, 'learner.me', {}, learner.token)).toMatchObject({ profileAsked: true, gender: 'female', birthYear: 1968 });
    expect(await core.dispatch('learner.setProfile', { gender: 'unknown', birthYear: 1968 }, learner.token)).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    await core.close();
  });
});
