import { LANGUAGES, type Language, type LocalizedText } from '../../../core/contract';

/** A pack's text in the interface's language, or else in the first language the pack has. */
export function localText(text: LocalizedText | null, language: Language): string {
  if (!text) return '';
  return text[language] ?? LANGUAGES.map((l) => text[l]).find((v) => v !== undefined) ?? '';
}
