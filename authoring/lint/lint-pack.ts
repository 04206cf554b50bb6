import fs from 'node:fs';
import path from 'node:path';
import { checkField, KEYBOARD_LAYOUTS, keyFor, type Language } from '../../core/contract';
import type { Manifest, Step } from '../../core';
import { findMisusedTerms, type Glossary } from '../glossary';
import { narrationHash } from '../narration/narration-hash';
import { indexKey } from '../narration/narration-index';
import { spokenExplanation, spokenText, spokenTranscript } from '../narration/spoken-text';
import type { Problem } from '../problems';
import { explainNarrationPath, stepNarrationPath } from '../source/layout';
import { problemAt, type LessonSource, type LoadResult, type PackSource } from '../source/load-source';
import { sourceTexts, type SourceText } from '../source/texts';
import type { YamlPath } from '../source/yaml-file';
import { sentencesOf, wordCount } from './sentences';

export interface LintOptions {
  glossary: Glossary;
  /** The manifest of the last published version: none of its course, lesson or step ids may go. */
  previous?: Manifest;
}

/**
 * Every check of a pack's sources (docs/authoring.md lists them). Problems found while loading
 * come first; the checks run over whatever could be loaded.
 */
export function lintPack(load: LoadResult, options: LintOptions): Problem[] {
  const problems = [...load.problems];
  const source = load.source;
  if (!source) return problems;
  const languages = source.header.languages;
  const yamls = [source.yaml, ...source.courses.flatMap((c) => [c.yaml, ...c.lessons.map((l) => l.yaml)])];
  for (const yaml of yamls) {
    for (const text of sourceTexts(yaml)) {
      problems.push(...checkTranslations(text, languages), ...checkSentences(text, source.lint.maxSentenceWords), ...checkGlossary(text, options.glossary));
    }
  }
  problems.push(...checkLessonIdsAcrossCourses(source));
  for (const course of source.courses) {
    for (const lesson of course.lessons) {
      lesson.def.steps.forEach((step, s) => {
        const at: YamlPath = ['steps', s];
        problems.push(
          ...checkInnerIds(lesson, step, at),
          ...checkExplanations(lesson, step, at, languages),
          ...checkForm(lesson, step, at),
          ...checkTypeable(lesson, step, at),
          ...checkNarration(lesson, step, at, languages),
        );
      });
    }
  }
  for (const file of source.unusedFiles) {
    problems.push({ rule: 'file-unused', severity: 'warning', file, message: 'no lesson uses this file, so it is not put in the pack', fix: 'use it in a step, or delete it' });
  }
  if (options.previous) problems.push(...checkRemovedIds(source, options.previous));
  return problems;
}

function checkTranslations(text: SourceText, languages: readonly Language[]): Problem[] {
  return languages.flatMap((language) => {
    if ((text.versions[language] ?? '').trim() !== '') return [];
    const isAlt = text.field === 'alt' || text.field === 'description';
    const rule = isAlt ? 'alt-missing' : 'translation-missing';
    const what = isAlt ? 'the description of the picture (read to those who cannot see it)' : `\`${text.field}\``;
    return [problemAt(text.yaml, text.pathOf(language), rule, `${what} has no ${languageName(language)} text`, `add \`${language}:\` with the ${languageName(language)} text`)];
  });
}

function checkSentences(text: SourceText, maxWords: number): Problem[] {
  return Object.entries(text.versions).flatMap(([language, version]) =>
    sentencesOf(version ?? '')
      .filter((sentence) => wordCount(sentence) > maxWords)
      .map((sentence) =>
        problemAt(
          text.yaml,
          text.pathOf(language as Language),
          'sentence-too-long',
          `a ${languageName(language as Language)} sentence has ${wordCount(sentence)} words (at most ${maxWords}): «${shorten(sentence)}»`,
          'split it into two short sentences: learners read with difficulty',
        ),
      ),
  );
}

function checkGlossary(text: SourceText, glossary: Glossary): Problem[] {
  return Object.entries(text.versions).flatMap(([language, version]) =>
    findMisusedTerms(glossary, language as Language, version ?? '').map((misuse) =>
      problemAt(
        text.yaml,
        text.pathOf(language as Language),
        'glossary-term',
        `«${misuse.found}» is not the glossary's word for "${misuse.term.id}"`,
        `use «${misuse.use}» (content-packs/glossary.yaml), so learners meet one word for one thing`,
      ),
    ),
  );
}

function checkLessonIdsAcrossCourses(source: PackSource): Problem[] {
  const seen = new Map<string, LessonSource>();
  const problems: Problem[] = [];
  for (const lesson of source.courses.flatMap((c) => c.lessons)) {
    const other = seen.get(lesson.id);
    if (other) {
      problems.push(problemAt(lesson.yaml, ['id'], 'id-duplicate', `the lesson id \`${lesson.id}\` is also used in the course \`${other.courseId}\``, 'give each lesson of a pack its own id'));
    }
    seen.set(lesson.id, lesson);
  }
  return problems;
}

/** Ids inside a step (options, items, pages, fields, card rows) name things the learner's answer refers to. */
function checkInnerIds(lesson: LessonSource, step: Step, at: YamlPath): Problem[] {
  const problems = duplicates(lesson.def.steps.map((s, i) => ({ id: s.id, at: ['steps', i] as YamlPath })))
    .filter((dup) => dup.at[1] === at[1])
    .map((dup) => problemAt(lesson.yaml, [...dup.at, 'id'], 'id-duplicate', `the step id \`${dup.id}\` is used twice in this lesson`, 'give each step its own id (and never change the id of a published step)'));
  const lists: Array<[YamlPath, ReadonlyArray<{ id: string }>]> = [];
  switch (step.kind) {
    case 'single-choice':
    case 'multiple-choice':
      lists.push([['options'], step.options]);
      break;
    case 'ordering':
    case 'checklist':
      lists.push([['items'], step.items]);
      break;
    case 'matching':
      lists.push([['left'], step.left], [['right'], step.right]);
      break;
    case 'form': {
      lists.push([['pages'], step.pages]);
      if (step.card) lists.push([['card', 'rows'], step.card.rows]);
      const fields = step.pages.flatMap((page, p) => page.fields.map((field, f) => ({ id: field.id, at: ['pages', p, 'fields', f] as YamlPath })));
      problems.push(...duplicates(fields).map((dup) => problemAt(lesson.yaml, [...at, ...dup.at, 'id'], 'id-duplicate', `the field id \`${dup.id}\` is used twice in this form`, 'give each field its own id')));
      break;
    }
    default:
      break;
  }
  return [...problems, ...listDuplicates(lesson, at, lists)];
}

function listDuplicates(lesson: LessonSource, at: YamlPath, lists: Array<[YamlPath, ReadonlyArray<{ id: string }>]>): Problem[] {
  return lists.flatMap(([list, items]) =>
    duplicates(items.map((item, i) => ({ id: item.id, at: [...list, i] as YamlPath }))).map((dup) =>
      problemAt(lesson.yaml, [...at, ...dup.at, 'id'], 'id-duplicate', `the id \`${dup.id}\` is used twice in \`${list.join('.')}\``, 'give each its own id'),
    ),
  );
}

function duplicates<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const twice = seen.has(item.id);
    seen.add(item.id);
    return twice;
  });
}

/** A wrong answer teaches only when the learner hears why it is wrong. */
function checkExplanations(lesson: LessonSource, step: Step, at: YamlPath, languages: readonly Language[]): Problem[] {
  if (step.kind !== 'single-choice' && step.kind !== 'multiple-choice') return [];
  const right = new Set(step.kind === 'single-choice' ? [step.correctOptionId] : step.correctOptionIds);
  return step.options.flatMap((option, o) => {
    if (right.has(option.id) || option.explain) return [];
    return [
      problemAt(
        lesson.yaml,
        [...at, 'options', o],
        'explanation-missing',
        `the wrong answer \`${option.id}\` does not say why it is wrong`,
        `add \`explain:\` with ${languages.join(', ')} texts to this option`,
      ),
    ];
  });
}

/** Words in a field's label that ask for a person's own data. */
const PERSONAL_DATA_WORDS = [
  'пин', 'инн', 'паспорт', 'фамили', 'имя', 'отчеств', 'рожден', 'адрес', 'телефон', 'почт', 'e-mail', 'email',
  'аты', 'атың', 'туулган', 'дарег', 'дарек', 'жеке номер',
  'pin', 'name', 'surname', 'passport', 'birth', 'address', 'phone', 'personal number',
];

/**
 * A practice form never asks for the learner's own data: each field that asks for a person's
 * details is copied from the made-up person's card, and every required field can be filled.
 */
function checkForm(lesson: LessonSource, step: Step, at: YamlPath): Problem[] {
  if (step.kind !== 'form') return [];
  const problems: Problem[] = [];
  const rows = new Set(step.card?.rows.map((row) => row.id) ?? []);
  step.pages.forEach((page, p) =>
    page.fields.forEach((field, f) => {
      const fieldAt: YamlPath = [...at, 'pages', p, 'fields', f];
      const labels = Object.values(field.label).join(' ').toLocaleLowerCase('ru');
      const personal = field.type !== 'checkbox' && field.type !== 'select' && PERSONAL_DATA_WORDS.some((word) => new RegExp(`(?<![\\p{L}])${word}`, 'u').test(labels));
      if (field.copyFrom !== undefined && !rows.has(field.copyFrom)) {
        problems.push(problemAt(lesson.yaml, [...fieldAt, 'copyFrom'], 'form-real-data', `\`copyFrom: ${field.copyFrom}\` names no row of the practice card`, 'add the row to `card.rows`, or correct the id'));
      } else if (personal && field.copyFrom === undefined) {
        problems.push(
          problemAt(
            lesson.yaml,
            fieldAt,
            'form-real-data',
            `the field \`${field.id}\` asks for personal data, and nothing says whose`,
            'add a made-up person to `card:` and `copyFrom:` the row to copy, so no learner types their own data',
          ),
        );
      } else if (field.copyFrom === undefined && field.required) {
        const sample = field.sample ?? (field.type === 'select' ? field.options?.[0]?.id : field.type === 'checkbox' ? true : undefined);
        if (sample === undefined || checkField(field, sample, step.card) !== null) {
          problems.push(
            problemAt(
              lesson.yaml,
              fieldAt,
              'form-unanswerable',
              sample === undefined ? `the required field \`${field.id}\` has no \`sample\`` : `the \`sample\` of \`${field.id}\` breaks the field's own rules`,
              'give `sample:` a value a learner may type here, and check it against `pattern`, `minLength` and `maxLength`',
            ),
          );
        }
      }
    }),
  );
  return problems;
}

/** A typing practice the learner's keyboard cannot type leaves them stuck: every letter must have a key, on both Kyrgyz keyboards. */
function checkTypeable(lesson: LessonSource, step: Step, at: YamlPath): Problem[] {
  if (step.kind !== 'keyboard') return [];
  return Object.entries(step.target).flatMap(([language, target]) => {
    const keyboard = step.keyboard ?? (language as Language);
    const missing = [...new Set([...(target ?? '').normalize('NFC')])].filter((char) => KEYBOARD_LAYOUTS.some((layout) => keyFor(keyboard, layout, char) === null));
    return missing.length === 0
      ? []
      : [
          problemAt(
            lesson.yaml,
            [...at, 'target', language],
            'keyboard-untypeable',
            `the ${languageName(language as Language)} text to type has ${missing.map((c) => `«${c}»`).join(', ')}, which the ${languageName(keyboard)} keyboard has no key for`,
            'use letters, digits, spaces and the signs printed on the keys (for example «"» and «,» but not «“» or «—»); for a text typed in another script (a website address), set `keyboard: en`',
          ),
        ];
  });
}

/** Every text can be heard: a recording or synthesised speech, made from the text as it is now. */
function checkNarration(lesson: LessonSource, step: Step, at: YamlPath, languages: readonly Language[]): Problem[] {
  const problems: Problem[] = [];
  const expect = (relative: string, text: string | null, where: YamlPath, what: string, language: Language) => {
    if (text === null) return;
    const file = path.join(lesson.dir, relative);
    const entry = lesson.narrationIndex[indexKey(relative)];
    if (!fs.existsSync(file)) {
      problems.push(problemAt(lesson.yaml, where, 'narration-missing', `${what} cannot be heard in ${languageName(language)}`, 'run `npm run pack -- narrate <pack folder>`, or record it', 'warning'));
    } else if (entry && entry.text !== narrationHash(text)) {
      const fix = entry.voice === 'recording' ? 'record it again, then set its `text` in narration/narration.json with `npm run pack -- narrate --accept-recordings`' : 'run `npm run pack -- narrate <pack folder>`';
      problems.push(problemAt(lesson.yaml, where, 'narration-outdated', `the ${languageName(language)} narration of ${what} says an older text`, fix, 'warning'));
    }
  };
  for (const language of languages) {
    if (step.kind === 'audio') {
      expect(stepNarrationPath(language, step.id), spokenTranscript(step, language).join('\n') || null, at, `the audio step \`${step.id}\``, language);
      continue;
    }
    expect(stepNarrationPath(language, step.id), spokenText(step, language), at, `the step \`${step.id}\``, language);
    if (step.kind === 'single-choice' || step.kind === 'multiple-choice') {
      step.options.forEach((option, o) => expect(explainNarrationPath(language, step.id, option.id), spokenExplanation(option, language), [...at, 'options', o, 'explain'], `the explanation of \`${option.id}\``, language));
    }
  }
  return problems;
}

/** Progress is keyed by ids: a published course, lesson or step id must never go away. */
function checkRemovedIds(source: PackSource, previous: Manifest): Problem[] {
  if (previous.id !== source.header.id) {
    return [problemAt(source.yaml, ['id'], 'id-removed', `the previous version is the pack \`${previous.id}\`, not \`${source.header.id}\``, 'give the previous version of this same pack')];
  }
  const problems: Problem[] = [];
  const courses = new Map(source.courses.map((c) => [c.id, c]));
  const lessons = new Map(source.courses.flatMap((c) => c.lessons.map((l) => [l.id, l] as const)));
  for (const course of previous.courses) {
    if (!courses.has(course.id)) {
      problems.push(problemAt(source.yaml, ['courses'], 'id-removed', `the course \`${course.id}\` of version ${previous.version} is gone`, 'keep the course (its learners have progress and certificates in it); to retire it, say so in its description'));
    }
    for (const lesson of course.lessons) {
      const now = lessons.get(lesson.id);
      if (!now) {
        const yaml = courses.get(course.id)?.yaml ?? source.yaml;
        problems.push(problemAt(yaml, ['lessons'], 'id-removed', `the lesson \`${lesson.id}\` of version ${previous.version} is gone`, 'keep the lesson under the same id'));
        continue;
      }
      const steps = new Set(now.def.steps.map((s) => s.id));
      for (const step of lesson.steps) {
        if (!steps.has(step.id)) {
          problems.push(problemAt(now.yaml, ['steps'], 'id-removed', `the step \`${step.id}\` of version ${previous.version} is gone (or its id changed)`, 'give the step back its old id: learners\' progress is kept by it'));
        }
      }
    }
  }
  return problems;
}

const LANGUAGE_NAMES: Record<Language, string> = { ky: 'Kyrgyz', ru: 'Russian', en: 'English' };
function languageName(language: Language): string {
  return LANGUAGE_NAMES[language];
}

function shorten(sentence: string): string {
  return sentence.length > 80 ? `${sentence.slice(0, 77)}…` : sentence;
}
