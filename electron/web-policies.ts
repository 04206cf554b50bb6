import type { App, Event, Menu, Session, WebContents } from 'electron';

/**
 * What the page may do beyond showing the app: nothing. It never navigates (screens are state,
 * not URLs), opens no windows, attaches no <webview>, and is granted no permission (camera,
 * microphone, location, notifications, clipboard, USB, serial, HID…), asked or checked.
 */
export function allowNavigation(_url: string): boolean {
  return false;
}

export function denyPermissionRequest(_contents: WebContents | null, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}

export function denyDevicePermission(): boolean {
  return false;
}

/** Every permission request and check of the app's session answered "no". */
export function lockDownSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
}

type Contents = Pick<WebContents, 'on' | 'setWindowOpenHandler' | 'closeDevTools'>;

/**
 * Applied to every WebContents the app creates. Outside development, developer tools opened by
 * any means are closed at once (`devTools: false` already refuses them; this is the second lock).
 */
export function lockDownContents(contents: Contents, { development }: { development: boolean }): void {
  contents.on('will-navigate', (event: Event, url: string) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event: Event, url: string) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event: Event) => event.preventDefault());
  if (!development) contents.on('devtools-opened', () => contents.closeDevTools());
}

/**
 * The app-wide part, called once before the app is ready: no application menu at all (Electron's
 * default one carries Reload and Toggle Developer Tools shortcuts), and every WebContents locked
 * down as it is created.
 */
export function applyAppPolicies(app: Pick<App, 'on'>, menu: Pick<typeof Menu, 'setApplicationMenu'>, { development }: { development: boolean }): void {
  menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, { development }));
}
