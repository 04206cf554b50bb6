import fs from 'node:fs';
import path from 'node:path';
import { po } from 'gettext-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runPackCli } from '../../cli/pack-cli';
import { REPO_ROOT } from '../support/paths';
import { tempDir } from '../support/temp-dir';

async function cli(...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runPackCli(argv, { log: (s) => stdout.push(s), error: (s) => stderr.push(s) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const LESSON_YAML = `# A writer's comment that must survive.
id: parts-of-a-computer
title:
  ky: Компьютердин бөлүктөрү
  ru: Части компьютера
  en: The parts of a computer
steps:
  - kind: text
    id: screen-keyboard-mouse
    body:
      ky: |-
        Компьютердин үч негизги бөлүгү бар.

        **Экран** компьютер эмне кылып жатканын көрсөтөт.
      ru: |-
        У компьютера три главные части.

        **Экран** показывает, что делает компьютер.
      en: |-
        A computer has three main parts.

        **The screen** shows what the computer is doing.
  - kind: single-choice
    id: which-part-types
    question: { ky: Тамгаларды эмне менен жазасыз?, ru: Чем вы печатаете буквы?, en: What do you use to type letters? }
    options:
      - id: mouse
        text: { ky: Чычкан, ru: Мышь, en: The mouse }
      - id: keyboard
        text: { ky: Клавиатура, ru: Клавиатура, en: The keyboard }
    correctOptionId: keyboard
`;

/** A copy of a real interface catalogue folder and a pack source as writers write them. */
function workspace(): { root: string; catalogue: string; pack: string } {
  const root = tempDir('ayil-translate-');
  const catalogue = path.join(root, 'renderer/src/i18n/locales/player');
  const pack = path.join(root, 'content-packs/kg.ayil.first-steps');
  fs.cpSync(path.join(REPO_ROOT, 'renderer/src/i18n/locales/player'), catalogue, { recursive: true });
  fs.mkdirSync(path.join(pack, 'computer-basics/parts-of-a-computer'), { recursive: true });
  fs.writeFileSync(path.join(pack, LESSON), LESSON_YAML);
  return { root, catalogue, pack };
}

function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.set(path.join(entry.parentPath, entry.name), fs.readFileSync(path.join(entry.parentPath, entry.name)));
  }
  return files;
}

function changedFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): string[] {
  return [...after.keys()].filter((file) => !before.get(file)?.equals(after.get(file)!)).sort();
}

/** Sets msgstr of the entries whose context ends with `key`, as a translator's tool would. */
function translate(file: string, edits: Record<string, string>): void {
  const parsed = po.parse(fs.readFileSync(file));
  let done = 0;
  for (const [context, byId] of Object.entries(parsed.translations)) {
    const key = Object.keys(edits).find((k) => context.endsWith(k));
    if (!key) continue;
    for (const entry of Object.values(byId)) entry.msgstr = [edits[key]!];
    done += 1;
  }
  expect(done).toBe(Object.keys(edits).length);
  fs.writeFileSync(file, po.compile(parsed));
}

const LESSON = 'computer-basics/parts-of-a-computer/lesson.yaml';

describe('translation round trip through a PO file', () => {
  it('exports every text with its context and current translation, and importing it unchanged changes no byte', async () => {
    const { root, catalogue, pack } = workspace();
    const before = snapshot(root);
    const file = path.join(root, 'ky.po');
    const exported = await cli('translate', 'export', '--to', 'ky', '--from', 'ru', '--out', file, '--root', root, catalogue, pack);
    expect(exported.code).toBe(0);
    const entries = Object.entries(po.parse(fs.readFileSync(file)).translations).filter(([context]) => context !== '');
    expect(entries.length).toBeGreaterThan(40);
    const lessonTitle = entries.find(([context]) => context === `content-packs/kg.ayil.first-steps/${LESSON}#title`)!;
    const titleEntry = Object.values(lessonTitle[1])[0]!;
    expect(titleEntry.msgid).toBe('Части компьютера');
    expect(titleEntry.msgstr).toEqual(['Компьютердин бөлүктөрү']);
    expect(titleEntry.comments?.extracted).toContain('en: The parts of a computer');

    const imported = await cli('translate', 'import', file, '--root', root);
    expect(imported.code).toBe(0);
    expect(changedFiles(before, snapshot(root)).filter((f) => !f.endsWith('ky.po'))).toEqual([]);
  });

  it('writes back only the texts a translator changed, in the lesson file and in the catalogue, and nothing else', async () => {
    const { root, catalogue, pack } = workspace();
    const file = path.join(root, 'ky.po');
    await cli('translate', 'export', '--to', 'ky', '--out', file, '--root', root, catalogue, pack);
    const lessonFile = path.join(pack, LESSON);
    const catalogueFile = path.join(catalogue, 'ky.json');
    const lessonBefore = fs.readFileSync(lessonFile, 'utf8');
    const catalogueBefore = JSON.parse(fs.readFileSync(catalogueFile, 'utf8'));
    const before = snapshot(root);

    translate(file, { [`${LESSON}#title`]: 'Компьютердин негизги бөлүктөрү', 'player/ky.json#keyboard.typeFirst': 'Адегенде сөздү жазыңыз.' });
    const imported = await cli('translate', 'import', file, '--root', root);
    expect(imported.code).toBe(0);

    expect(changedFiles(before, snapshot(root)).filter((f) => !f.endsWith('ky.po'))).toEqual([catalogueFile, lessonFile].sort());
    const lessonAfter = fs.readFileSync(lessonFile, 'utf8');
    expect(lessonAfter).toBe(lessonBefore.replace('Компьютердин бөлүктөрү', 'Компьютердин негизги бөлүктөрү'));
    expect(JSON.parse(fs.readFileSync(catalogueFile, 'utf8'))).toEqual({
      ...catalogueBefore,
      keyboard: { ...catalogueBefore.keyboard, typeFirst: 'Адегенде сөздү жазыңыз.' },
    });
  });

  it('adds a missing translation beside the others, in a block text and a one-line text, keeping the file valid', async () => {
    const { root, pack } = workspace();
    const lessonFile = path.join(pack, LESSON);
    // A lesson whose English is missing in two places: a title (one line) and a body (several lines).
    const original = fs.readFileSync(lessonFile, 'utf8');
    const data = parse(original) as { title: Record<string, string>; steps: Array<{ id: string; body?: Record<string, string> }> };
    const englishBody = data.steps.find((s) => s.id === 'screen-keyboard-mouse')!.body!.en!;
    const withoutEnglish = original.replace(/\n {2}en: The parts of a computer\n/, '\n').replace(/\n {6}en: (\|-?)\n(?: {8}.*\n|\n)+?(?= {2}- kind)/, '\n');
    expect((parse(withoutEnglish) as typeof data).title.en).toBeUndefined();
    expect((parse(withoutEnglish) as typeof data).steps[0]!.body!.en).toBeUndefined();
    fs.writeFileSync(lessonFile, withoutEnglish);

    const file = path.join(root, 'en.po');
    await cli('translate', 'export', '--to', 'en', '--from', 'ky', '--out', file, '--root', root, pack);
    translate(file, { [`${LESSON}#title`]: 'The parts of a computer', [`${LESSON}#steps[screen-keyboard-mouse].body`]: englishBody });
    expect((await cli('translate', 'import', file, '--root', root)).code).toBe(0);

    const after = parse(fs.readFileSync(lessonFile, 'utf8')) as typeof data;
    expect(after.title.en).toBe('The parts of a computer');
    expect(after.steps.find((s) => s.id === 'screen-keyboard-mouse')!.body!.en).toBe(englishBody);
    expect(after).toEqual(data);
    expect(fs.readFileSync(lessonFile, 'utf8')).toContain('# A writer\'s comment that must survive.');
  });

  it('does not apply a translation whose original changed since the export, and says which', async () => {
    const { root, pack } = workspace();
    const file = path.join(root, 'ky.po');
    await cli('translate', 'export', '--to', 'ky', '--out', file, '--root', root, pack);
    const lessonFile = path.join(pack, LESSON);
    fs.writeFileSync(lessonFile, fs.readFileSync(lessonFile, 'utf8').replace('en: The parts of a computer', 'en: The main parts of a computer'));
    const before = fs.readFileSync(lessonFile, 'utf8');
    translate(file, { [`${LESSON}#title`]: 'Бөлүктөр' });

    const imported = await cli('translate', 'import', file, '--root', root);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain(`the text to translate changed since the export: content-packs/kg.ayil.first-steps/${LESSON}#title`);
    expect(fs.readFileSync(lessonFile, 'utf8')).toBe(before);
  });
});
