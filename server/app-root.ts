import fs from 'node:fs';
import path from 'node:path';

/** The app's install folder: the nearest folder above `from` with Ayil's package.json. */
export function findAppRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'ayil') return dir;
    if (path.dirname(dir) === dir) throw new Error(`Ayil's install folder was not found above ${from}`);
  }
}
