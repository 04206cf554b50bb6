import { create } from 'zustand';
import type { ApiError, Result, StaffRole } from '../../../core/contract';
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

/**
 * Unwraps a console call. An expired staff session goes back to the picker saying so; other
 * errors show in the banner, or through `show` for a form (or dialog) that shows its own.
 */
export function settleStaff<T>(result: Result<T>, show?: (error: ApiError) => void): T | null {
  if (result.ok) return result.value;
  const { error } = result;
  if (error.code === 'auth.session_expired') {
    api.setToken(null);
    useApp.setState({ screen: { name: 'picker' }, error: { code: error.code, params: { context: 'staff' } } });
    void useApp.getState().reloadKiosk();
  } else if (error.code === 'db.damaged' || error.code === 'db.too_new') {
    useApp.getState().settle(result);
  } else if (show) {
    show(error);
  } else {
    // Not the learner's settle(): a missing learner here is one the console was looking at.
    useApp.setState({ error });
  }
  return null;
}
