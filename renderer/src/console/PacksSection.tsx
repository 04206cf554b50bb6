import type { MethodOutput } from '../../../core/contract';
import { useApiQuery } from '../data/useApiQuery';
import { CopyToStick } from './CopyToStick';
import { InstalledPacks } from './InstalledPacks';
import { UsbPanel } from './UsbPanel';

export type InstalledPack = MethodOutput<'packs.installed'>[number];
export type Drive = MethodOutput<'drives.list'>[number];

/** Installed packs, the sticks plugged in now with their packs, and copying packs onto a stick. */
export function PacksSection() {
  const installed = useApiQuery('packs.installed', {}).data ?? null;
  const drives = useApiQuery('drives.list', {}).data ?? null;
  return (
    <>
      <InstalledPacks packs={installed} />
      <UsbPanel drives={drives} installed={installed ?? []} />
      <CopyToStick drives={drives ?? []} installed={installed ?? []} />
    </>
  );
}
