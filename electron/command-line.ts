import { parseArgs } from 'node:util';

export interface DesktopArgs {
  kiosk: boolean;
  windowed: boolean;
  /** Serve the classroom too: the same HTTP host as `npm start -- --lan` without Electron. */
  lan: boolean;
  port: number;
  dataDir: string | null;
}

/** The browser host's port, so a classroom opens the same address whichever host serves it. */
export const DEFAULT_PORT = 4310;

/**
 * The desktop app's own options among Electron's and Chromium's (`--no-sandbox`, the app folder
 * `.`), which are left alone: unknown options and positionals are not errors here.
 */
export function parseDesktopArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): DesktopArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    options: {
      kiosk: { type: 'boolean' },
      windowed: { type: 'boolean' },
      lan: { type: 'boolean' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const portText = typeof values.port === 'string' ? values.port : (env.AYIL_PORT ?? String(DEFAULT_PORT));
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${portText}"`);
  return {
    kiosk: values.kiosk === true,
    windowed: values.windowed === true,
    lan: values.lan === true,
    port,
    dataDir: typeof values['data-dir'] === 'string' ? values['data-dir'] : null,
  };
}
