import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput } from '../../../core/contract';
import { api } from '../api/client';
import { settleStaff } from './console-store';
import { CopyToStick } from './CopyToStick';
import { InstalledPacks } from './InstalledPacks';
import { UsbPanel } from './UsbPanel';
import { usePolling } from './usePolling';

export type InstalledPack = MethodOutput<'packs.installed'>[number];
/** A stick the kiosk sees now (cheap to list). */
export type Stick = MethodOutput<'drives.list'>[number];
/** A stick with the packs on it (`drives.packs`, which opens every pack file). */
export type Drive = Stick & { packs: MethodOutput<'drives.packs'> };

/** How often the USB panel looks for sticks: often enough to feel live, rarely enough to be cheap. */
const DRIVE_POLL_MS = 1500;

async function loadInstalled() {
  return settleStaff(await api.call('packs.installed', {}));
}

/** Installed packs, the sticks plugged in now with their packs, and copying packs onto a stick. */
export function PacksSection() {
  const [installed, setInstalled] = useState<InstalledPack[] | null>(null);
  const [drives, setDrives] = useState<Drive[] | null>(null);

  const reloadInstalled = useCallback(async () => {
    const packs = await loadInstalled();
    if (packs) setInstalled(packs);
  }, []);
  const reloadDrives = useCallback(async () => {
    const result = await api.call('drives.list', {});
    // A failed poll keeps the last list; only an expired session (or a dead kiosk) is acted on.
    if (!result.ok) {
      if (result.error.code === 'auth.session_expired' || result.error.code.startsWith('db.')) settleStaff(result);
      return;
    }
    // A stick pulled out meanwhile shows no packs rather than failing the whole list.
    const packs = await Promise.all(result.value.map((stick) => api.call('drives.packs', { driveId: stick.id })));
    setDrives(result.value.map((stick, i) => ({ ...stick, packs: packs[i]?.ok ? packs[i].value : [] })));
  }, []);

  useEffect(() => {
    void loadInstalled().then((packs) => packs && setInstalled(packs));
  }, []);
  usePolling(reloadDrives, DRIVE_POLL_MS);

  const changed = useCallback(async () => {
    await Promise.all([reloadInstalled(), reloadDrives()]);
  }, [reloadInstalled, reloadDrives]);

  return (
    <>
      <InstalledPacks packs={installed} onChanged={changed} />
      <UsbPanel drives={drives} installed={installed ?? []} onChanged={changed} />
      <CopyToStick drives={drives ?? []} installed={installed ?? []} onCopied={reloadDrives} />
    </>
  );
}
