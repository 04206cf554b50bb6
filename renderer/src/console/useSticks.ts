import { useApiQuery } from '../data/useApiQuery';
import type { Stick } from './PacksSection';

/**
 * The sticks the kiosk sees now, for the sections that write files to one (backup, statistics
 * export, figures for the collector); none until the first answer.
 */
export function useSticks(): Stick[] {
  return useApiQuery('drives.list', {}).data ?? [];
}
