import { AGE_BANDS, type AgeBand, type Report } from '../contract/console';
import { GENDERS, type Gender, type LocalizedText } from '../contract';
import type { Db } from '../db/open';
import type { Catalog } from '../packs/catalog';
import { weekRange, type Period } from './period';
import { weekOf } from './sql';

/** The five counts, summed in SQL from the weekly aggregates (all dimensions together). */
const COUNTS = `
  coalesce(sum(s.count) FILTER (WHERE s.metric = 'learners_active'), 0) AS learnersActive,
  coalesce(sum(s.count) FILTER (WHERE s.metric = 'lessons_started'), 0) AS lessonsStarted,
  coalesce(sum(s.count) FILTER (WHERE s.metric = 'lessons_completed'), 0) AS lessonsCompleted,
  coalesce(sum(s.count) FILTER (WHERE s.metric = 'courses_started'), 0) AS coursesStarted,
  coalesce(sum(s.count) FILTER (WHERE s.metric = 'courses_completed'), 0) AS coursesCompleted`;

const STARTED_COMPLETED = `
  coalesce(sum(s.count) FILTER (WHERE s.metric = 'courses_started'), 0) AS started,
  coalesce(sum(s.count) FILTER (WHERE s.metric = 'courses_completed'), 0) AS completed`;

/**
 * The report's queries. Parameters: @from and @to (days), @fromWeek and @toWeek (their ISO weeks),
 * and for `areas` @areaMap, a JSON array of [packId, courseId, area]. Exported for the benchmark,
 * which runs them bare.
 */
export const REPORT_SQL = {
  weeks: `WITH RECURSIVE mondays(day) AS (
      SELECT date(@from, '-6 days', 'weekday 1')
      UNION ALL SELECT date(day, '+7 days') FROM mondays WHERE date(day, '+7 days') <= @to
    ), weeks(week) AS (SELECT ${weekOf('day')} FROM mondays)
    SELECT w.week AS week, ${COUNTS}
    FROM weeks w LEFT JOIN stats_weekly s ON s.week = w.week
    GROUP BY w.week ORDER BY w.week`,
  totals: `SELECT ${COUNTS} FROM stats_weekly s WHERE s.week BETWEEN @fromWeek AND @toWeek`,
  learners: 'SELECT count(DISTINCT learner_id) AS learnersActive FROM learner_activity WHERE week BETWEEN @fromWeek AND @toWeek',
  courses: `SELECT s.pack_id AS packId, s.course_id AS courseId, ${STARTED_COMPLETED}
    FROM stats_weekly s WHERE s.week BETWEEN @fromWeek AND @toWeek AND s.pack_id <> ''
    GROUP BY s.pack_id, s.course_id`,
  // Summed per course first, then per area: the mapping is read once, not once per aggregate row.
  areas: `WITH course_area AS MATERIALIZED (
      SELECT value ->> 0 AS pack_id, value ->> 1 AS course_id, value ->> 2 AS area FROM json_each(@areaMap)
    ), per_course AS (
      SELECT s.pack_id, s.course_id, ${STARTED_COMPLETED}
      FROM stats_weekly s WHERE s.week BETWEEN @fromWeek AND @toWeek AND s.metric IN ('courses_started', 'courses_completed')
      GROUP BY s.pack_id, s.course_id
    )
    SELECT a.area AS area, sum(c.started) AS started, sum(c.completed) AS completed
    FROM course_area a JOIN per_course c ON c.pack_id = a.pack_id AND c.course_id = a.course_id
    GROUP BY a.area`,
  genders: `SELECT gender, sum(count) AS n FROM stats_weekly
    WHERE week BETWEEN @fromWeek AND @toWeek AND metric = 'courses_completed' GROUP BY gender`,
  bands: `SELECT age_band AS band, sum(count) AS n FROM stats_weekly
    WHERE week BETWEEN @fromWeek AND @toWeek AND metric = 'courses_completed' GROUP BY age_band`,
};

type Counts = Report['totals'];
type WeekRow = Counts & { week: string };
interface CourseRow {
  packId: string;
  courseId: string;
  started: number;
  completed: number;
}

/**
 * The console's report for a period, every figure summed by SQLite from the weekly aggregates
 * (never from the learners' rows): whole ISO weeks from the one holding `from` to the one holding
 * `to`. Installed packs' catalogue supplies only course titles and DigComp areas.
 */
export class Reports {
  constructor(
    private readonly db: Db,
    private readonly catalog: Catalog,
  ) {}

  report(period: Period): Report {
    const range = weekRange(period);
    const params = { ...range, from: period.from, to: period.to };

    const weeks = this.db
      .prepare<typeof params, WeekRow>(
        REPORT_SQL.weeks,
      )
      .all(params);

    const totals = this.db
      .prepare<typeof params, Counts>(REPORT_SQL.totals)
      .get(params)!;

    const { learnersActive } = this.db
      .prepare<typeof params, { learnersActive: number }>(
        REPORT_SQL.learners,
      )
      .get(params)!;

    const counted = this.db
      .prepare<typeof params, CourseRow>(
        REPORT_SQL.courses,
      )
      .all(params);

    const installed = this.installedCourses();
    // The area mapping goes to SQLite as a parameter; the sums are still SQLite's.
    const areaMap = JSON.stringify(installed.flatMap((c) => c.areas.map((area) => [c.packId, c.courseId, area])));
    const areaRows = this.db
      .prepare<typeof params & { areaMap: string }, { area: number; started: number; completed: number }>(
        REPORT_SQL.areas,
      )
      .all({ ...params, areaMap });

    const byGender = this.db
      .prepare<typeof params, { gender: Gender; n: number }>(
        REPORT_SQL.genders,
      )
      .all(params);
    const byBand = this.db
      .prepare<typeof params, { band: AgeBand; n: number }>(
        REPORT_SQL.bands,
      )
      .all(params);

    const genderCounts = Object.fromEntries(GENDERS.map((g) => [g, byGender.find((r) => r.gender === g)?.n ?? 0])) as Record<Gender, number>;
    const completers = totals.coursesCompleted;
    return {
      from: period.from,
      to: period.to,
      learnersActive,
      totals,
      weeks,
      courses: this.courseList(installed, counted),
      areas: [1, 2, 3, 4, 5].map((area) => {
        const row = areaRows.find((r) => r.area === area);
        return { area, started: row?.started ?? 0, completed: row?.completed ?? 0 };
      }),
      completers: {
        total: completers,
        byGender: genderCounts,
        womenShare: completers > 0 ? genderCounts.female / completers : null,
      },
      ageBands: AGE_BANDS.map((band) => ({ band, completed: byBand.find((r) => r.band === band)?.n ?? 0 })),
    };
  }

  /** Every installed course (counted or not), then courses counted whose pack has since gone. */
  private courseList(installed: InstalledCourse[], counted: CourseRow[]): Report['courses'] {
    const key = (c: { packId: string; courseId: string }) => `${c.packId}/${c.courseId}`;
    const counts = new Map(counted.map((row) => [key(row), row]));
    const known = new Set(installed.map(key));
    return [
      ...installed.map((c) => ({
        packId: c.packId,
        courseId: c.courseId,
        title: c.title,
        competenceAreas: c.areas,
        started: counts.get(key(c))?.started ?? 0,
        completed: counts.get(key(c))?.completed ?? 0,
      })),
      ...counted
        .filter((row) => !known.has(key(row)))
        .sort((a, b) => key(a).localeCompare(key(b)))
        .map((row) => ({ ...row, title: null, competenceAreas: [] })),
    ];
  }

  private installedCourses(): InstalledCourse[] {
    return this.catalog.list().flatMap(({ manifest }) =>
      manifest.courses.map((course) => ({
        packId: manifest.id,
        courseId: course.id,
        title: course.title,
        areas: courseAreas(course.lessons),
      })),
    );
  }
}

interface InstalledCourse {
  packId: string;
  courseId: string;
  title: LocalizedText;
  areas: number[];
}

/** DigComp 2.2 areas a course covers: the first number of its lessons' competence codes ('5.2' → 5). */
export function courseAreas(lessons: ReadonlyArray<{ competences: ReadonlyArray<{ code: string }> }>): number[] {
  const areas = new Set<number>();
  for (const lesson of lessons) {
    for (const competence of lesson.competences) {
      const area = Number(competence.code.split('.')[0]);
      if (Number.isInteger(area) && area >= 1 && area <= 5) areas.add(area);
    }
  }
  return [...areas].sort((a, b) => a - b);
}
