import type { z } from 'zod';
import type { Report, TargetSchema } from '../contract/console';
import type { Db } from '../db/open';
import type { Drive } from '../drives';
import { AppError } from '../errors';
import { writeToTarget } from '../files/write-to-target';
import type { Catalog } from '../packs/catalog';
import { buildStatsFile, renderStatsFile, statsFileName, type StatsFormat, type StatsPreview } from './export';
import { weekRange, type Period } from './period';
import { Reports } from './reports';

/** What the statistics need from the site's settings. */
export interface SiteForStats {
  siteCode(): string;
  privacyThreshold(): number;
}

/** Reports for the console, and the anonymised statistics file: its preview and its export. */
export class Stats {
  private readonly reports: Reports;

  constructor(
    private readonly db: Db,
    catalog: Catalog,
    private readonly site: SiteForStats,
    private readonly places: { drives: () => readonly Drive[]; dataDir: string },
  ) {
    this.reports = new Reports(db, catalog);
  }

  report(period: Period): Report {
    return this.reports.report(period);
  }

  /** Exactly the rows an export of the period would write, and how many cells were held back. */
  preview(period: Period): StatsPreview {
    const siteCode = this.site.siteCode();
    // The site code is the only identity a file carries; there is none before set-up.
    if (!siteCode) throw new AppError('kiosk.not_set_up');
    return buildStatsFile(this.db, weekRange(this.db, period), { siteCode, k: this.site.privacyThreshold() });
  }

  async export(period: Period, format: StatsFormat, target: z.infer<typeof TargetSchema>): Promise<{ file: string; rows: number }> {
    const preview = this.preview(period);
    const content = renderStatsFile(preview, format);
    const file = await writeToTarget(target, { drives: this.places.drives(), dataDir: this.places.dataDir }, statsFileName(preview, format), content);
    return { file, rows: preview.rows.length };
  }
}
