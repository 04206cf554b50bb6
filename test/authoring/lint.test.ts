import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPackCli } from '../../cli/pack-cli';
import { tempDir } from '../support/temp-dir';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runPackCli(argv, { log: (s) => stdout.push(s), error: (s) => stderr.push(s) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const PACK_YAML = `id: org.example.lint
version: 1.0.0
defaultLanguage: ky
languages: [ky, ru, en]
title: { ky: Сыноо, ru: Тест, en: Test }
description: { ky: Сыноо, ru: Тест, en: Test }
publisher: Example
licence: CC-BY-4.0
minAppVersion: 0.1.0
courses: [safety]
`;

const COURSE_YAML = `id: safety
title: { ky: Коопсуздук, ru: Безопасность, en: Safety }
description: { ky: Коопсуздук, ru: Безопасность, en: Safety }
lessons: [codes]
`;

/** A lesson that passes every check (narration aside): the base each test spoils in one way. */
const GOOD_LESSON = `id: codes
title: { ky: Коддор, ru: Коды, en: Codes }
competences:
  - { code: "4.2", level: 1 }
steps:
  - kind: text
    id: intro
    body:
      ky: Телефонго келген кодду эч кимге айтпаңыз.
      ru: Никому не говорите код из SMS.
      en: Never tell anyone a code from a text message.
  - kind: image
    id: phone
    file: phone.svg
    alt: { ky: Телефон, ru: Телефон, en: A phone }
  - kind: single-choice
    id: who-asks
    question: { ky: Ким кодду сурайт?, ru: Кто просит код?, en: Who asks for the code? }
    options:
      - id: scammer
        text: { ky: Алдамчы, ru: Мошенник, en: A scammer }
      - id: bank
        text: { ky: Банк, ru: Банк, en: The bank }
        explain: { ky: Банк кодду сурабайт., ru: Банк не просит код., en: A bank never asks for it. }
    correctOptionId: scammer
  - kind: form
    id: request
    service: { ky: Арыз (машыгуу), ru: Заявка (учебная), en: A request (practice) }
    card:
      title: { ky: Ойдон чыгарылган адам, ru: Придуманный человек, en: A made-up person }
      rows:
        - id: name
          label: { ky: Аты-жөнү, ru: ФИО, en: Full name }
          value: Асанова Айгүл
    pages:
      - id: page
        title: { ky: Арыз, ru: Заявка, en: Request }
        fields:
          - id: full-name
            type: text
            label: { ky: Аты-жөнү, ru: ФИО, en: Full name }
            required: true
            copyFrom: name
          - id: copies
            type: number
            label: { ky: Нуска саны, ru: Экземпляры, en: Copies }
            required: true
            sample: "1"
    success:
      title: { ky: Жөнөтүлдү, ru: Отправлено, en: Sent }
      body: { ky: Машыгуу гана., ru: Только практика., en: Practice only. }
`;

function writeSource(lesson: string, extraFiles: Record<string, string> = {}): string {
  const dir = path.join(tempDir('ayil-lint-'), 'org.example.lint');
  const lessonDir = path.join(dir, 'safety', 'codes');
  fs.mkdirSync(lessonDir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'pack.yaml'), PACK_YAML);
  fs.writeFileSync(path.join(dir, 'safety', 'course.yaml'), COURSE_YAML);
  fs.writeFileSync(path.join(lessonDir, 'lesson.yaml'), lesson);
  fs.writeFileSync(path.join(lessonDir, 'phone.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><title>phone</title></svg>\n');
  for (const [name, content] of Object.entries(extraFiles)) fs.writeFileSync(path.join(lessonDir, name), content);
  return dir;
}

async function lintJson(dir: string, ...extra: string[]) {
  const run = await cli('lint', dir, '--json', ...extra);
  return { code: run.code, report: JSON.parse(run.stdout) as { errors: number; warnings: number; problems: Array<{ rule: string; severity: string; file: string; line?: number; message: string; fix: string }> } };
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('pack lint', () => {
  it('passes a good lesson: no errors, exit 0, and only narration warnings until `narrate` runs', async () => {
    const { code, report } = await lintJson(writeSource(GOOD_LESSON));
    expect(code).toBe(0);
    expect(report.errors).toBe(0);
    expect(new Set(report.problems.map((p) => p.rule))).toEqual(new Set(['narration-missing']));
    const strict = await cli('lint', writeSource(GOOD_LESSON), '--strict');
    expect(strict.code).toBe(1);
  });

  const cases: Array<{ rule: string; spoil: (lesson: string) => string; at: string | ((lesson: string) => number); extra?: Record<string, string> }> = [
    { rule: 'translation-missing', spoil: (l) => l.replace('en: Never tell anyone a code from a text message.', 'en: "  "'), at: 'en: "  "' },
    { rule: 'alt-missing', spoil: (l) => l.replace('alt: { ky: Телефон, ru: Телефон, en: A phone }', 'alt: { ky: Телефон, ru: Телефон }'), at: 'alt: {' },
    // Reported where the id comes the second time.
    { rule: 'id-duplicate', spoil: (l) => l.replace('id: phone\n', 'id: intro\n'), at: (l) => l.split('\n').lastIndexOf('    id: intro') + 1 },
    { rule: 'file-missing', spoil: (l) => l.replace('file: phone.svg', 'file: Phone.svg'), at: 'file: Phone.svg' },
    { rule: 'file-unused', spoil: (l) => l, at: '', extra: { 'old-photo.png': 'x' } },
    { rule: 'explanation-missing', spoil: (l) => l.replace('        explain: { ky: Банк кодду сурабайт., ru: Банк не просит код., en: A bank never asks for it. }\n', ''), at: '- id: bank' },
    {
      rule: 'sentence-too-long',
      spoil: (l) => l.replace('ru: Никому не говорите код из SMS.', 'ru: Никому и никогда не говорите код из SMS даже если звонят из банка или из полиции или родственник просит очень вежливо и долго.'),
      at: 'ru: Никому и никогда',
    },
    { rule: 'glossary-term', spoil: (l) => l.replace('ru: Мошенник', 'ru: Кликните сюда'), at: 'ru: Кликните' },
    { rule: 'form-real-data', spoil: (l) => l.replace('            copyFrom: name\n', ''), at: '- id: full-name' },
    { rule: 'form-unanswerable', spoil: (l) => l.replace('sample: "1"', 'sample: "one"'), at: '- id: copies' },
    { rule: 'schema', spoil: (l) => l.replace('kind: text', 'kind: txt'), at: 'kind: txt' },
    { rule: 'yaml-syntax', spoil: (l) => l.replace('  - kind: text\n    id: intro', '  - kind: text\n   id: intro'), at: '' },
  ];

  for (const { rule, spoil, at, extra } of cases) {
    it(`finds ${rule}, with the file, the line, what is wrong and what to do`, async () => {
      const lesson = spoil(GOOD_LESSON);
      expect(lesson !== GOOD_LESSON || extra, 'the case must spoil something').toBeTruthy();
      const { code, report } = await lintJson(writeSource(lesson, extra));
      const found = report.problems.filter((p) => p.rule === rule);
      expect(found, JSON.stringify(report.problems, null, 1)).not.toHaveLength(0);
      const problem = found[0]!;
      expect(problem.message.length).toBeGreaterThan(10);
      expect(problem.fix.length).toBeGreaterThan(10);
      if (rule === 'file-unused') expect(problem.file).toMatch(/old-photo\.png$/);
      else expect(problem.file).toMatch(/lesson\.yaml$/);
      if (at) expect(problem.line).toBe(typeof at === 'string' ? lineOf(lesson, at) : at(lesson));
      expect(code).toBe(problem.severity === 'error' ? 1 : 0);
    });
  }

  it('refuses a source that lost a step id the previous published version had', async () => {
    const previousDir = writeSource(GOOD_LESSON);
    const out = tempDir('ayil-lint-out-');
    expect((await cli('build', previousDir, '--out', out)).code).toBe(0);
    const previous = path.join(out, 'org.example.lint-1.0.0.ayilpack');

    const renamed = GOOD_LESSON.replace('id: who-asks', 'id: who-asks-for-code');
    const { code, report } = await lintJson(writeSource(renamed), '--previous', previous);
    expect(code).toBe(1);
    expect(report.problems).toContainEqual(expect.objectContaining({ rule: 'id-removed', message: expect.stringContaining('`who-asks`') }));
    expect((await lintJson(writeSource(GOOD_LESSON), '--previous', previous)).report.problems.filter((p) => p.rule === 'id-removed')).toEqual([]);
  });

  it('prints problems for people: file:line, severity, rule, and what to do; and a count', async () => {
    const run = await cli('lint', writeSource(GOOD_LESSON.replace('ru: Мошенник', 'ru: Щёлкните')));
    expect(run.stderr).toMatch(/lesson\.yaml:\d+: error \[glossary-term\] «Щёлкните» is not the glossary's word for "click"\. What to do: use «нажать»/);
    expect(run.stdout).toMatch(/1 error\(s\), \d+ warning\(s\)/);
  });
});
