import type { Handlers, Services } from './handlers';

/** Console methods for reports and the anonymised statistics export. */
export type StatsMethod = 'reports.get' | 'stats.preview' | 'stats.export';

export function createStatsHandlers({ stats, confirmPassword }: Pick<Services, 'stats' | 'confirmPassword'>): Pick<Handlers, StatsMethod> {
  return {
    'reports.get': (period) => stats.report(period),
    'stats.preview': (period) => stats.preview(period),
    'stats.export': async ({ password, format, target, from, to }, ctx) => {
      // Checked before anything is read or written: a wrong password leaves no file.
      await confirmPassword(ctx, password);
      return stats.export({ from, to }, format, target);
    },
  };
}
