import type { ApiError } from '../../../core/contract';

/**
 * What a failed call means, wherever it was made (the one error policy of the renderer):
 * - `problem`: the kiosk itself cannot work (a damaged or too-new database): the problem screen;
 * - `learner-signed-out` / `staff-signed-out`: the session is over: back to the picker, saying so;
 * - `ignore`: a call still in flight when its person left on purpose: nothing to say;
 * - `here`: anything else: a translated message where the call was made.
 */
export type ErrorOutcome = 'problem' | 'learner-signed-out' | 'staff-signed-out' | 'ignore' | 'here';

/** Errors that mean the kiosk itself cannot work: shown as a whole screen, not a message. */
const FATAL: ReadonlySet<string> = new Set(['db.damaged', 'db.too_new']);

export function errorOutcome(error: ApiError, where: { console: boolean; learner: boolean }): ErrorOutcome {
  if (FATAL.has(error.code)) return 'problem';
  if (error.code === 'auth.session_expired') return where.console ? 'staff-signed-out' : where.learner ? 'learner-signed-out' : 'ignore';
  // The learner signed in or being opened was erased meanwhile (in the console, a missing learner
  // is only the one looked at).
  if (error.code === 'learner.not_found' && !where.console) return 'learner-signed-out';
  return 'here';
}
