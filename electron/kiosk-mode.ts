import type { Dispatch } from '../core';

export interface KioskFlags {
  /** `--kiosk`: full screen whatever the setting says. */
  kiosk: boolean;
  /** `--windowed`: a normal window whatever the setting says (for the administrator's repairs). */
  windowed: boolean;
}

/** Full screen when the administrator's setting or `--kiosk` asks for it; `--windowed` wins over both. */
export function kioskModeOf(flags: KioskFlags, setting: boolean): boolean {
  if (flags.windowed) return false;
  return flags.kiosk || setting;
}

/** The administrator's setting as core keeps it; false when the kiosk cannot say (a damaged database). */
export async function readKioskSetting(dispatch: Dispatch): Promise<boolean> {
  const state = await dispatch('kiosk.state', {}, null);
  return state.ok && (state.value as { fullScreen?: unknown }).fullScreen === true;
}

/**
 * The dispatch the window's IPC serves, watching for a saved site setting so that switching
 * kiosk mode on or off in Settings takes effect at once, not at the next start.
 */
export function followKioskSetting(dispatch: Dispatch, apply: (fullScreen: boolean) => void): Dispatch {
  return async (...args) => {
    const result = await dispatch(...args);
    if (args[0] === 'settings.update' && result.ok) apply(await readKioskSetting(dispatch));
    return result;
  };
}
