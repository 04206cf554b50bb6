import { create } from 'zustand';
import type { StaffRole } from '../../../core/contract';

export const CONSOLE_SECTIONS = ['packs', 'learners', 'reports', 'statistics', 'backup', 'staff', 'settings', 'certificates'] as const;
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number];

/** Sections a facilitator sees; the rest are the administrator's. */
export const FACILITATOR_SECTIONS: ReadonlySet<ConsoleSection> = new Set(['packs', 'learners', 'reports', 'certificates']);

export interface StaffMember {
  name: string;
  role: StaffRole;
}

interface ConsoleState {
  staff: StaffMember | null;
  section: ConsoleSection;
  open(section: ConsoleSection): void;
  signedIn(staff: StaffMember): void;
  signedOut(): void;
}

/** Who is using the console and which section is open; the API token itself lives in the client. */
export const useConsole = create<ConsoleState>()((set) => ({
  staff: null,
  section: 'packs',
  open: (section) => set({ section }),
  signedIn: (staff) => set({ staff, section: 'packs' }),
  signedOut: () => set({ staff: null, section: 'packs' }),
}));

export function sectionsFor(role: StaffRole): ConsoleSection[] {
  return CONSOLE_SECTIONS.filter((s) => role === 'admin' || FACILITATOR_SECTIONS.has(s));
}
