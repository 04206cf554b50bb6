import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Built by `npm run build` from content-packs/ (signed .ayilpack files and the shipped keys). */
export const BUNDLED_PACKS_DIR = path.join(REPO_ROOT, 'dist', 'packs');
export const RENDERER_DIR = path.join(REPO_ROOT, 'dist', 'renderer');
export const SERVER_ENTRY = path.join(REPO_ROOT, 'dist', 'server', 'main.mjs');
