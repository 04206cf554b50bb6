import type { z } from 'zod';
import type { LocalizedText } from '../contract';
import type { Report, TargetSchema } from '../contract/console';
import type { Db } from '../db/open';
import { readOnly } from '../db/read-only';
import type { Drive } from '../drives';
import { AppError } from '../errors';
import { writeToTarget } from '../files/write-to-target';
import type { Catalog } from '../packs/catalog';
import { buildStatsFile, renderStatsFile, statsFileName, type StatsFormat, type StatsPreview } from './export';
import { weekRange, type Period } from './period';
import { Release } from './release';
import { Reports } from './reports';

/** What the statistics need from the site's settings. */
export interface SiteForStats {
  siteCode(): string;
  privacyThreshold(): number;
}

/** Reports for the console, and the anonymised statistics file: its preview and its export. */
export class Stats {
  private readonly reports: Reports;
  private readonly release: Release;

  constructor(
    private readonly db: Db,
    private readonly catalog: Catalog,
    private readonly site: SiteForStats,
    private readonly places: { drives: () => readonly Drive[]; dataDir: string },
    now: () => Date,
  ) {
    this.reports = new Reports(db, catalog);
    this.release = new Release(db, now);
  }

  report(period: Period): Report {
    return this.reports.report(period);
  }

  /**
   * Exactly the rows an export of the period would write now, and how many cells were held back:
   * what has been released, and what this week's round would release were it to run now. Only
   * reads: looking decides nothing.
   */
  preview(period: Period): StatsPreview & { courseTitles: Record<string, LocalizedText> } {
    const file = readOnly(this.db, () => {
      const site = this.siteForFile();
      const range = weekRange(period);
      return buildStatsFile(range, site, this.release.rows(range, this.release.plan(site.k)));
    });
    return { ...file, courseTitles: this.courseTitles(new Set(file.rows.map((row) => row.course))) };
  }

  /** The installed courses' titles among `courses` (`packId/courseId`), for the screen: the file keeps its codes. */
  private courseTitles(courses: ReadonlySet<string>): Record<string, LocalizedText> {
    const titles: Record<string, LocalizedText> = {};
    for (const { manifest } of this.catalog.list()) {
      for (const course of manifest.courses) {
        const key = `${manifest.id}/${course.id}`;
        if (courses.has(key)) titles[key] = course.title;
      }
    }
    return titles;
  }

  /** Runs this week's release round if it has not run (as sync would), then writes what has been released. */
  async export(period: Period, format: StatsFormat, target: z.infer<typeof TargetSchema>): Promise<{ file: string; rows: number }> {
    const site = this.siteForFile();
    const range = weekRange(period);
    this.release.run(site.k);
    const preview = buildStatsFile(range, site, this.release.rows(range));
    const content = renderStatsFile(preview, format);
    const file = await writeToTarget(target, { drives: this.places.drives(), dataDir: this.places.dataDir }, statsFileName(preview, format), content);
    return { file, rows: preview.rows.length };
  }

  private siteForFile(): { siteCode: string; k: number } {
    const siteCode = this.site.siteCode();
    // The site code is the only identity a file carries; there is none before set-up.
    if (!siteCode) throw new AppError('kiosk.not_set_up');
    return { siteCode, k: this.site.privacyThreshold() };
  }
}
