import { plainText } from '../narration/spoken-text';

/**
 * The sentences of a text as a reader meets them (Markdown marks aside): a line of its own (a list
 * item, a heading) ends a sentence whatever its last sign.
 */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .map(plainText)
    .flatMap((line) => line.split(/(?<=[.!?…;])\s+/u))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Words are what stands between spaces; a number or a dash on its own is not a word. */
export function wordCount(sentence: string): number {
  return sentence.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w) && !/^[\p{N}.,:%-]+$/u.test(w)).length;
}
