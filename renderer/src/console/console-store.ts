import { create } from 'zustand';
import type { StaffRole } from '../../../core/contract';
import { api } from '../api/client';
import { useApp } from '../state/app-store';

export const CONSOLE_SECTIONS = ['packs', 'learners', 'reports', 'statistics', 'sync', 'backup', 'staff', 'settings', 'certificates'] as const;
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number];
/** What the console shows: a section, or once, right after set-up, what to do next (not in the navigation). */
export type ConsolePage = ConsoleSection | 'setup-done';

/** Sections a facilitator sees; the rest are the administrator's. */
export const FACILITATOR_SECTIONS: ReadonlySet<ConsoleSection> = new Set(['packs', 'learners', 'reports', 'certificates']);

export interface StaffMember {
  name: string;
  role: StaffRole;
}

interface ConsoleState {
  staff: StaffMember | null;
  section: ConsolePage;
  open(section: ConsolePage): void;
  signedIn(staff: StaffMember, first?: ConsolePage): void;
  signedOut(): void;
}

/** Who is using the console and which section is open; the API token itself lives in the client. */
export const useConsole = create<ConsoleState>()((set) => ({
  staff: null,
  section: 'packs',
  open: (section) => set({ section }),
  signedIn: (staff, first = 'packs') => set({ staff, section: first }),
  signedOut: () => set({ staff: null, section: 'packs' }),
}));

export function sectionsFor(role: StaffRole): ConsoleSection[] {
  return CONSOLE_SECTIONS.filter((s) => role === 'admin' || FACILITATOR_SECTIONS.has(s));
}

// Whatever takes the screen away from the console (sign-out, idle logout, an expired session)
// also forgets who was signed in, so the console can never reappear in their name.
useApp.subscribe((state) => {
  if (state.screen.name !== 'console' && useConsole.getState().staff) useConsole.getState().signedOut();
});

/** Opens the console for a staff member whose session token core just gave, at its first page. */
export function enterConsole(token: string, staff: StaffMember, first?: ConsolePage): void {
  api.setToken(token);
  useConsole.getState().signedIn(staff, first);
  useApp.getState().go({ name: 'console' });
}

/** Ends the staff session (core forgets the token) and shows the learner picker. */
export function signOut(): Promise<void> {
  return useApp.getState().finish();
}
