import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkInterfaceNarration, interfaceText, readSpokenList } from '../../authoring/narration/narrate-interface';
import { narrationHash } from '../../authoring/narration/narration-hash';
import { INTERFACE_NARRATION } from '../../cli/authoring-commands';
import { REPO_ROOT } from '../support/paths';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every catalogue key the screens hand to a Listen control (spokenKeys(…) and stepSounds' instructions). */
function keysAskedFor(): Set<string> {
  const asked = new Set<string>();
  for (const file of sourceFiles(path.join(REPO_ROOT, 'renderer', 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const call of text.matchAll(/(?<!function )spokenKeys\(([^;]*?)\)\s*[,;}\n]/gs)) for (const key of call[1]!.matchAll(/'([a-zA-Z0-9_]+\.[a-zA-Z0-9_.]+)'/g)) asked.add(key[1]!);
    if (file.endsWith('step-sounds.ts')) for (const key of text.matchAll(/return \[([^\]]*)\]/g)) for (const k of key[1]!.matchAll(/'([a-zA-Z0-9_.]+)'/g)) asked.add(k[1]!);
  }
  return asked;
}

describe('the interface texts a learner can hear', () => {
  const temp: string[] = [];
  afterEach(() => temp.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('have a recording for every key the screens ask for, in ky, ru and en, saying the catalogue’s current text', () => {
    const listed = new Set(readSpokenList(INTERFACE_NARRATION.keysFile).map((e) => e.key));
    const asked = keysAskedFor();
    expect(asked.size).toBeGreaterThan(40);
    for (const key of asked) expect(listed, `${key} is asked for by a screen but not in spoken-keys.json`).toContain(key);
    // Missing or outdated recordings: run `npm run pack -- narrate-interface` and commit the files.
    expect(checkInterfaceNarration(INTERFACE_NARRATION)).toEqual([]);
  });

  it('say a text with its placeholders filled from other catalogue texts, and tell a missing recording from an outdated one', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-ui-narration-'));
    temp.push(root);
    const paths = { localesDir: path.join(root, 'locales'), keysFile: path.join(root, 'spoken-keys.json'), outDir: path.join(root, 'narration') };
    fs.mkdirSync(path.join(paths.localesDir, 'player'), { recursive: true });
    for (const language of ['ky', 'ru', 'en']) {
      fs.writeFileSync(path.join(paths.localesDir, `${language}.json`), JSON.stringify({ lesson: { next: `Next-${language}` } }));
      fs.writeFileSync(path.join(paths.localesDir, 'player', `${language}.json`), JSON.stringify({ done: `**Well** done, press “{{button}}”` }));
    }
    fs.writeFileSync(paths.keysFile, JSON.stringify([{ key: 'player.done', params: { button: 'lesson.next' } }]));
    const entry = readSpokenList(paths.keysFile)[0]!;
    expect(interfaceText(paths.localesDir, 'ru', entry)).toBe('Well done, press “Next-ru”.');
    expect(checkInterfaceNarration(paths).map((p) => p.problem)).toEqual(['missing', 'missing', 'missing']);

    // Recordings of the texts as they are: nothing to do.
    const index: Record<string, { text: string; voice: string }> = {};
    for (const language of ['ky', 'ru', 'en'] as const) {
      const file = `${language}/player.done.ogg`;
      fs.mkdirSync(path.join(paths.outDir, language), { recursive: true });
      fs.writeFileSync(path.join(paths.outDir, file), 'OggS');
      index[file] = { text: narrationHash(interfaceText(paths.localesDir, language, entry)), voice: 'espeak-ng ky' };
    }
    fs.writeFileSync(path.join(paths.outDir, 'narration.json'), JSON.stringify(index));
    expect(checkInterfaceNarration(paths)).toEqual([]);

    // The Russian text changes: its recording now says an older text.
    fs.writeFileSync(path.join(paths.localesDir, 'player', 'ru.json'), JSON.stringify({ done: 'Готово, нажмите «{{button}}»' }));
    expect(checkInterfaceNarration(paths)).toEqual([{ file: 'ru/player.done.ogg', problem: 'outdated' }]);

    // A placeholder the list does not fill is refused, naming it.
    fs.writeFileSync(paths.keysFile, JSON.stringify(['player.done']));
    expect(() => interfaceText(paths.localesDir, 'en', readSpokenList(paths.keysFile)[0]!)).toThrow(/\{\{button\}\}/);
  });
});
