import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../core';
import { weekOf } from '../base/iso-week';
import { openDatabase, type Db } from '../core/db/open';
import { weekRange } from '../core/stats/period';
import { buildPack, packInputFromFolder } from '../core/packs/builder';
import { generatePublisherKey } from '../core/packs/signing';
import { rebuildStats } from '../core/stats/rebuild';
import { WAITING_CELLS_SQL } from '../core/stats/release';
import { courseAreas, REPORT_SQL } from '../core/stats/reports';
import { setUpKiosk } from '../test/support/set-up';
import { compare, report } from './harness';

const LEARNERS = 5_000;
const COURSES = 10;
const LESSONS_PER_COURSE = 10;
const STEPS_PER_LESSON = 10;
/** Two whole courses each: 5,000 × 2 × 10 × 10 = 1,000,000 finished steps. */
const COURSES_PER_LEARNER = 2;
const PACK_ID = 'bench.stats';
const START = Date.parse('2024-06-03T08:00:00Z');
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;
const GENDERS = ['female', 'female', 'male', 'male', 'other', 'undisclosed', null];

/**
 * Reports and the statistics preview over 5,000 learners and 1,000,000 progress events spread
 * over two years, through the whole API path (dispatch, roles, zod, suppression), against the same
 * SQL run bare with better-sqlite3 on the same database file in the same run.
 */
export async function reportsSpeed() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-bench-reports-'));
  try {
    const bundled = await benchPack(root);
    const core = await startCore({ dataDir: path.join(root, 'kiosk'), bundledPacksDir: bundled, driveRoots: [root], log: () => {} });
    const admin = await setUpKiosk(core.dispatch);

    const db = openDatabase(core.databaseFile);
    let started = performance.now();
    seed(db);
    console.log(`reports bench: seeded ${LEARNERS} learners and ${LEARNERS * COURSES_PER_LEARNER * LESSONS_PER_COURSE * STEPS_PER_LESSON} step events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    rebuildStats(db);
    console.log(`reports bench: aggregates rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // A kiosk's database is checkpointed as it goes; one giant seeding transaction leaves a huge WAL.
    db.pragma('wal_checkpoint(TRUNCATE)');

    const period = { from: '2024-06-01', to: '2026-06-30' };
    const range = weekRange(period);
    const areaMap = JSON.stringify(
      manifest().courses.flatMap((course) => courseAreas(course.lessons).map((area) => [PACK_ID, course.id, area])),
    );
    const params = { ...period, ...range, areaMap };
    const bareReport = Object.values(REPORT_SQL).map((sql) => db.prepare(sql));
    // The preview decides this week's release round (nothing has been released yet): its one query.
    const bareRows = db.prepare(WAITING_CELLS_SQL);
    const current = weekOf(new Date());

    if (process.env.KEEP_BENCH_DB) {
      db.close();
      await core.close();
      return;
    }
    const first = performance.now();
    const answer = await core.dispatch('reports.get', period, admin);
    if (!answer.ok) throw new Error(answer.error.code);
    const firstMs = performance.now() - first;
    report({ name: 'first report of two years (5,000 learners, 1M events), through the API', measured: `${firstMs.toFixed(0)} ms`, target: '< 1 s (the screen’s budget)', pass: firstMs < 1000 });

    await compare({
      name: 'report over 2 years (5,000 learners, 1M events)',
      subject: async () => {
        const result = await core.dispatch('reports.get', period, admin);
        if (!result.ok) throw new Error(result.error.code);
      },
      baseline: () => {
        for (const statement of bareReport) statement.all(pick(statement.source, params));
      },
      iterations: 10,
      target: 1.5,
    });
    await compare({
      name: 'statistics export preview over 2 years',
      subject: async () => {
        const result = await core.dispatch('stats.preview', period, admin);
        if (!result.ok) throw new Error(result.error.code);
      },
      baseline: () => bareRows.all({ current }),
      iterations: 5,
      target: 1.5,
    });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    await core.close();
  } finally {
    if (process.env.KEEP_BENCH_DB) fs.copyFileSync(path.join(root, 'kiosk', 'ayil.db'), process.env.KEEP_BENCH_DB);
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** better-sqlite3 refuses named parameters a statement does not use. */
function pick(sql: string, params: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => sql.includes(`@${name}`)));
}

function manifest() {
  const text = (s: string) => ({ ky: s, ru: s, en: s });
  return {
    id: PACK_ID,
    version: '1.0.0',
    defaultLanguage: 'ky',
    languages: ['ky', 'ru', 'en'],
    title: text('Bench'),
    description: text('Bench'),
    publisher: 'Bench publisher',
    licence: 'CC-BY-4.0',
    minAppVersion: '0.1.0',
    courses: Array.from({ length: COURSES }, (_, c) => ({
      id: `course-${c}`,
      title: text(`Course ${c}`),
      description: text(`Course ${c}`),
      lessons: Array.from({ length: LESSONS_PER_COURSE }, (_, l) => ({
        id: `lesson-${c}-${l}`,
        title: text(`Lesson ${c}.${l}`),
        competences: [{ code: `${1 + ((c + l) % 5)}.${1 + (l % 3)}`, level: 1 }],
        steps: Array.from({ length: STEPS_PER_LESSON }, (_, s) => ({ kind: 'text', id: `step-${s}`, body: text(`Step ${s}`) })),
      })),
    })),
  };
}

/** A signed pack with the bench's courses, bundled so the catalogue knows their titles and areas. */
async function benchPack(root: string): Promise<string> {
  const key = generatePublisherKey('Bench publisher');
  const source = path.join(root, 'pack-src');
  const bundled = path.join(root, 'bundled');
  fs.mkdirSync(path.join(source, 'files'), { recursive: true });
  fs.mkdirSync(bundled);
  fs.writeFileSync(path.join(source, 'manifest.json'), JSON.stringify(manifest()));
  fs.writeFileSync(path.join(source, 'files', 'readme.txt'), 'bench');
  fs.writeFileSync(path.join(bundled, 'trusted-keys.json'), JSON.stringify([key.publicKey]));
  await buildPack(packInputFromFolder(source), path.join(bundled, `${PACK_ID}-1.0.0.ayilpack`), key.privateKeyPem);
  return bundled;
}

/** Learners, their step and lesson rows and certificates, with prepared statements in one transaction. */
function seed(db: Db) {
  let state = 7;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const learner = db.prepare(
    `INSERT INTO learners (id, display_name, avatar, language, created_at, gender, birth_year, profile_asked) VALUES (?, ?, 'sun', 'ky', ?, ?, ?, 1)`,
  );
  const step = db.prepare('INSERT INTO step_progress VALUES (?, ?, ?, ?, ?)');
  const lesson = db.prepare('INSERT INTO lesson_progress VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const certificate = db.prepare(
    `INSERT INTO certificates (learner_id, pack_id, course_id, learner_name, course_title_json, site_name, issued_on, code) VALUES (?, ?, ?, ?, '{}', 'Bench', ?, ?)`,
  );
  db.transaction(() => {
    for (let id = 1; id <= LEARNERS; id++) {
      let at = START + random() * (TWO_YEARS_MS - 30 * 24 * 3600 * 1000);
      const birthYear = random() < 0.15 ? null : 1950 + Math.floor(random() * 60);
      learner.run(id, `Learner ${id}`, new Date(at).toISOString(), GENDERS[Math.floor(random() * GENDERS.length)], birthYear);
      for (let k = 0; k < COURSES_PER_LEARNER; k++) {
        const course = `course-${(id + k * 3) % COURSES}`;
        const c = (id + k * 3) % COURSES;
        for (let l = 0; l < LESSONS_PER_COURSE; l++) {
          const lessonId = `lesson-${c}-${l}`;
          const lessonStart = at;
          for (let s = 0; s < STEPS_PER_LESSON; s++) {
            step.run(id, PACK_ID, lessonId, `step-${s}`, new Date(at).toISOString());
            at += 60_000 + random() * 120_000;
          }
          const done = new Date(at).toISOString();
          lesson.run(id, PACK_ID, course, lessonId, `step-${STEPS_PER_LESSON - 1}`, new Date(lessonStart).toISOString(), done, done);
          at += random() * 4 * 24 * 3600 * 1000; // the next lesson some days later
        }
        certificate.run(id, PACK_ID, course, `Learner ${id}`, new Date(at).toISOString().slice(0, 10), `BENCH-${id}-${k}`);
      }
    }
  })();
}
