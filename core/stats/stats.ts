import type { z } from 'zod';
import type { Report, TargetSchema } from '../contract/console';
import type { Db } from '../db/open';
import { freeBytes, type Drive } from '../drives';
import { AppError } from '../errors';
import { resolveTargetDir } from '../files/target-dir';
import type { Catalog } from '../packs/catalog';
import { buildStatsFile, renderStatsFile, statsFileName, writeStatsFile, type StatsFormat, type StatsPreview } from './export';
import { weekRange, type Period } from './period';
import { Reports } from './reports';

/** What the statistics need from the site's settings. */
export interface SiteForStats {
  siteCode(): string;
  privacyThreshold(): number;
}

/** File system errors that mean the stick is no longer there to write to. */
const GONE = new Set(['ENOENT', 'ENOTCONN', 'EIO', 'ENODEV', 'ENXIO', 'ESTALE', 'EBADF']);

/** Room for the file system's own bookkeeping (a directory entry, a cluster's rounding). */
const FREE_MARGIN = 64 * 1024;

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
    const { dir, label } = resolveTargetDir(target, this.places.drives(), this.places.dataDir);
    const onDrive = target.kind === 'drive';
    const failure = (error: unknown) => {
      const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
      if (onDrive && code === 'ENOSPC') return new AppError('drive.no_space', { drive: label });
      if (onDrive && GONE.has(code)) return new AppError('drive.gone', { drive: label });
      return new AppError('export.write_failed', { file: dir });
    };
    // Checked first because some FAT drivers answer a full stick with EPERM, not ENOSPC.
    const free = await freeBytes(dir).catch((error: unknown) => Promise.reject(failure(error)));
    if (free < Buffer.byteLength(content) + FREE_MARGIN) throw onDrive ? new AppError('drive.no_space', { drive: label }) : failure({ code: 'ENOSPC' });
    const file = await writeStatsFile(dir, statsFileName(preview, format), content, failure);
    return { file, rows: preview.rows.length };
  }
}
