import type { App, BrowserWindow } from 'electron';

/**
 * One Ayil per PC: a second start (a double click on the shortcut while the app runs) would open
 * the same database twice and bind the classroom port twice. It quits and the running window
 * comes to the front instead. Answers false in the instance that must quit.
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>, bringToFront: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => bringToFront());
  return true;
}

export function bringWindowToFront(window: Pick<BrowserWindow, 'isMinimized' | 'restore' | 'show' | 'focus'> | null): void {
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
