import { useState } from 'react';
import { api } from '../api/client';
import { settleStaff } from './console-store';
import type { Stick } from './PacksSection';
import { usePolling } from './usePolling';

/** How often a "where to save" choice looks for sticks: a stick plugged in shows within moments. */
const STICK_POLL_MS = 2000;

/**
 * The sticks the kiosk sees now, for the sections that write files to one (backup, statistics
 * export, figures for the collector). A failed look keeps the last list and is tried again
 * shortly; only an expired session is acted on.
 */
export function useSticks(): Stick[] {
  const [drives, setDrives] = useState<Stick[]>([]);
  usePolling(async () => {
    const result = await api.call('drives.list', {});
    if (result.ok) setDrives(result.value);
    else if (result.error.code === 'auth.session_expired') settleStaff(result);
  }, STICK_POLL_MS);
  return drives;
}
