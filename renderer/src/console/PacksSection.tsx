import type { MethodOutput } from '../../../core/contract';
import { useApiQuery } from '../data/useApiQuery';
import { CopyToStick } from './CopyToStick';
import { InstalledPacks } from './InstalledPacks';
import { UsbPanel } from './UsbPanel';

export type InstalledPack = MethodOutput<'packs.installed'>[number];
/** A stick the kiosk sees now (cheap to list; its packs are `drives.packs`, read per stick). */
export type Stick = MethodOutput<'drives.list'>[number];

/** Installed packs, the sticks plugged in now with their packs, and copying packs onto a stick. */
export function PacksSection() {
  const installed = useApiQuery('packs.installed', {}).data ?? null;
  const sticks = useApiQuery('drives.list', {}).data ?? null;
  return (
    <>
      <InstalledPacks packs={installed} />
      <UsbPanel sticks={sticks} installed={installed ?? []} />
      <CopyToStick drives={sticks ?? []} installed={installed ?? []} />
    </>
  );
}
