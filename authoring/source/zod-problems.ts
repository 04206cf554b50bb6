import type { z } from 'zod';
import type { Problem } from '../problems';
import type { YamlFile, YamlPath } from './yaml-file';

/** Turns schema issues into problems a content writer can act on: where, what, and what to do. */
export function problemsFromIssues(yaml: YamlFile, issues: readonly z.core.$ZodIssue[], kindOf: (path: YamlPath) => string | undefined): Problem[] {
  return issues.map((issue) => {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const where = path.length > 0 ? `\`${path.join('.')}\`` : 'the file';
    const kind = kindOf(path);
    const fieldsOf = kind ? `the fields of a \`${kind}\` step` : 'the fields of this file';
    const base = { rule: 'schema', severity: 'error' as const, file: yaml.file, line: yaml.lineOf(path) };
    switch (issue.code) {
      case 'unrecognized_keys':
        // A text with a comma inside `{ ky: …, ru: … }` turns its second half into a "field".
        if (issue.keys.some((k) => /\s|[^\x20-\x7e]/.test(k))) {
          return { ...base, message: `${where} has a text cut at a comma: \`${issue.keys[0]}\``, fix: 'put that text in double quotes, or write each language on its own line' };
        }
        return { ...base, message: `${where} has a field that is not known here: ${issue.keys.map((k) => `\`${k}\``).join(', ')}`, fix: `check the spelling; ${fieldsOf} are listed in docs/authoring.md` };
      case 'invalid_type':
        return issue.message.includes('received undefined')
          ? { ...base, message: `${where} is missing`, fix: `add it; ${fieldsOf} are listed in docs/authoring.md` }
          : { ...base, message: `${where} should be ${article(issue.expected)}`, fix: 'write it as the samples in docs/authoring.md do' };
      case 'invalid_union':
        return { ...base, message: `${where} is not a known kind of step (${issue.message})`, fix: 'use one of the step kinds in docs/authoring.md: text, image, audio, video, single-choice, multiple-choice, ordering, matching, mouse, keyboard, form, checklist' };
      case 'invalid_key':
        return { ...base, message: `${where} has a key that is not a language (ky, ru, en)`, fix: 'in the short form { ky: …, ru: …, en: … }, put a text that has a comma in double quotes; otherwise check the language codes' };
      case 'invalid_format':
        return { ...base, message: `${where} is not written as it must be: ${issue.message}`, fix: 'ids are small Latin letters, digits, dots, dashes and underscores (e.g. `click-the-button`); versions are like 1.2.0' };
      default:
        return { ...base, message: `${where}: ${issue.message}`, fix: 'see docs/authoring.md for what this field takes' };
    }
  });
}

function article(expected: string): string {
  const names: Record<string, string> = { string: 'a text', number: 'a number', boolean: 'true or false', array: 'a list (lines starting with "- ")', object: 'a group of fields' };
  return names[expected] ?? expected;
}
