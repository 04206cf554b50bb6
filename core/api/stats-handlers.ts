import { AppError } from '../errors';
import type { Handlers } from './handlers';

/** Console methods for reports and the anonymised statistics export. */
export type StatsMethod = 'reports.get' | 'stats.preview' | 'stats.export';

const todo = (): never => {
  throw new AppError('internal');
};

// TODO(issue 5): filled in by the statistics work.
export function createStatsHandlers(): Pick<Handlers, StatsMethod> {
  return {
    'reports.get': todo,
    'stats.preview': todo,
    'stats.export': todo,
  };
}
