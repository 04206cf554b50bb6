import fs from 'node:fs';
import path from 'node:path';

/** Past this size the log starts afresh (the previous one kept as .1): a kiosk runs for years. */
const MAX_BYTES = 1024 * 1024;

/**
 * The desktop app's log: `<data folder>/logs/desktop.log`, one line per event with its time, and
 * the console too. A packaged app has no console a librarian sees, so crashes and the classroom
 * addresses are kept where an administrator or a technician can read them.
 */
export function fileLog(dataDir: string): (message: string) => void {
  const file = path.join(dataDir, 'logs', 'desktop.log');
  return (message) => {
    console.error(message);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      if ((fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) fs.renameSync(file, `${file}.1`);
      fs.appendFileSync(file, `${new Date().toISOString()} ${message}\n`);
    } catch {
      // A log that cannot be written must not stop the kiosk.
    }
  };
}
