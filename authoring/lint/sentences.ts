import { plainText } from '../narration/spoken-text';

/** The sentences of a text as a reader meets them (Markdown marks and list bullets aside). */
export function sentencesOf(text: string): string[] {
  return plainText(text)
    .split(/(?<=[.!?…])\s+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Words are what stands between spaces; a number or a dash on its own is not a word. */
export function wordCount(sentence: string): number {
  return sentence.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w) && !/^[\p{N}.,:%-]+$/u.test(w)).length;
}
