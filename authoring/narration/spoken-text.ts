import type { Language, LocalizedText } from '../../core/contract';
import type { ChoiceOption, Step } from '../../core';

/**
 * What the "listen" control of a step says in one language: the texts a learner must read to do
 * the step, in reading order. Ordering and matching items are not read out in the pack's order,
 * which is the answer; the learner hears the task and reads or points at the items.
 * Null when the step has nothing of its own to say in that language (an audio step is its own narration).
 */
export function spokenText(step: Step, language: Language): string | null {
  const say = (...texts: Array<LocalizedText | undefined>) => joinSentences(texts.map((text) => text?.[language]));
  switch (step.kind) {
    case 'text':
      return say(step.body);
    case 'image':
      return say(step.caption, step.alt);
    case 'audio':
      return null;
    case 'video':
      return say(step.description);
    case 'single-choice':
    case 'multiple-choice':
      return joinSentences([step.question[language], ...step.options.map((option, i) => `${i + 1}. ${option.text[language] ?? ''}`)]);
    case 'ordering':
    case 'matching':
      return say(step.prompt);
    case 'mouse':
      return say(step.instruction);
    case 'keyboard':
      return joinSentences([step.instruction[language], step.target[language]]);
    case 'form':
      return joinSentences([step.service[language], step.card?.title[language], ...(step.card?.rows ?? []).map((row) => `${row.label[language] ?? ''}: ${row.value}`)]);
    case 'checklist':
      return joinSentences([step.title[language], ...step.items.map((item) => item.text[language])]);
  }
}

/** What is said after the learner picked an option: its explanation. */
export function spokenExplanation(option: ChoiceOption, language: Language): string | null {
  return joinSentences([option.explain?.[language]]);
}

/** The sentences of an audio step's transcript, each spoken on its own so cues can follow them. */
export function spokenTranscript(step: Extract<Step, { kind: 'audio' }>, language: Language): string[] {
  return (step.transcript[language] ?? []).map(plainText).filter((s) => s.length > 0);
}

function joinSentences(parts: ReadonlyArray<string | undefined>): string | null {
  const sentences = parts.map((part) => (part === undefined ? '' : plainText(part))).filter((part) => part.length > 0);
  if (sentences.length === 0) return null;
  // A full stop between parts makes the voice pause, as a reader would between a question and its answers.
  return sentences.map((s) => (/[.!?…:;]$/.test(s) ? s : `${s}.`)).join(' ');
}

/** Markdown as it is heard: no marks, headings and list items as sentences of their own. */
export function plainText(markdown: string): string {
  return markdown
    .split(/\n+/)
    .map((line) =>
      line
        .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/, '')
        .replace(/(\*\*|__|\*|_|`)/g, '')
        .trim(),
    )
    .filter((line) => line.length > 0)
    .map((line) => (/[.!?…:;]$/.test(line) ? line : `${line}.`))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
