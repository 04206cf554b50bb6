import type { z } from 'zod';
import type { SetupInputSchema } from '../contract';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { hashSecret } from '../../base/secret-hash';
import { assertStrongPassword } from '../staff/password-strength';
import type { Staff } from '../staff/staff';
import { setupCodeMatches } from './setup-code';
import { DEFAULT_IDLE_SECONDS, DEFAULT_K, type Settings } from './settings';

export type SetupInput = z.output<typeof SetupInputSchema>;

/**
 * The first-run set-up: the site's details, the first administrator and the "done" mark in one
 * transaction, so a crash or a second screen racing the first leaves either nothing or all of it.
 * Returns the administrator's account id.
 */
export async function completeSetup(
  db: Db,
  settings: Settings,
  staff: Staff,
  input: SetupInput,
  caller: { kioskScreen: boolean; setupCode: string },
): Promise<number> {
  if (settings.isSetUp()) throw new AppError('setup.already_done');
  // The first administrator is whoever finishes set-up: on the kiosk's own screen, or elsewhere
  // (a classroom PC) only with the code the host printed on its console.
  if (!caller.kioskScreen) {
    if (!input.setupCode) throw new AppError('setup.code_required');
    if (!setupCodeMatches(input.setupCode, caller.setupCode)) throw new AppError('setup.code_wrong');
  }
  assertStrongPassword(input.adminPassword, [input.adminName, input.siteName, input.siteCode, input.district, input.region]);
  // Hashed before the transaction: scrypt is slow and async, a transaction must be neither.
  const hash = await hashSecret(input.adminPassword);
  return db
    .transaction(() => {
      if (settings.isSetUp()) throw new AppError('setup.already_done');
      settings.updateSite({
        siteName: input.siteName,
        siteCode: input.siteCode,
        district: input.district,
        region: input.region,
        languages: input.languages,
        idleTimeoutSeconds: settings.idleTimeoutSeconds() || DEFAULT_IDLE_SECONDS,
        staffIdleTimeoutSeconds: settings.staffIdleTimeoutSeconds(),
        k: settings.privacyThreshold() || DEFAULT_K,
      });
      const id = staff.insertHashed(input.adminName, 'admin', hash);
      settings.markSetUp();
      return id;
    })
    .immediate();
}
