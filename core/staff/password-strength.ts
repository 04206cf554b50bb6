import { passwordWeakness } from '../contract/password-strength';
import { AppError } from '../errors';

export { MIN_SCORE, passwordWeakness } from '../contract/password-strength';

/**
 * The one rule for the set-up wizard, new staff accounts and new passwords (the rule itself is
 * core/contract/password-strength.ts, which the collector's dashboard password uses too).
 */
export function assertStrongPassword(password: string, personal: readonly string[]): void {
  const reason = passwordWeakness(password, personal);
  if (reason) throw new AppError('staff.password_weak', { reason });
}
