// No vitest imports here: bench/ and worker processes use it too.
import type { Dispatch } from '../../core';

/** The administrator every set-up kiosk of the tests has; e2e tests sign in with it. */
export const TEST_ADMIN = { name: 'Test Admin', password: 'admin password 1' } as const;

/** The passphrase the tests make backups with. */
export const TEST_PASSPHRASE = 'river stone 2026 tulip';

/** The site details tests set the kiosk up with. */
export const TEST_SITE = {
  siteName: 'Test Library',
  siteCode: 'TEST-01',
  district: 'Test district',
  region: 'Test region',
  languages: ['ky', 'ru', 'en'],
} as const;

/** A call from the kiosk's own screen (the Electron window, or a browser on the host's PC over loopback). */
export const KIOSK_SCREEN = { address: 'local', kioskScreen: true } as const;

/** Completes the first-run set-up through the API, as the wizard on the kiosk's own screen does; answers the administrator's token. */
export async function setUpKiosk(dispatch: Dispatch, site: Partial<{ siteName: string; siteCode: string; district: string; region: string; languages: string[] }> = {}): Promise<string> {
  const result = await dispatch('setup.complete', { ...TEST_SITE, ...site, adminName: TEST_ADMIN.name, adminPassword: TEST_ADMIN.password }, null, KIOSK_SCREEN);
  if (!result.ok) throw new Error(`setup.complete: ${result.error.code}`);
  return (result.value as { token: string }).token;
}
