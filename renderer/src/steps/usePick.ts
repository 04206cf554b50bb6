import { useCallback } from 'react';
import type { Language, LocalizedText } from '../../../core/contract';
import { pickText, type PickedText } from '../i18n/i18n';
import { useApp } from '../state/app-store';

/**
 * Picks pack texts in the learner's language, for places where the LocalizedText component cannot
 * go (attributes such as alt, <option> elements, plain strings to compare against).
 */
export function usePick(defaultLanguage: Language): (text: LocalizedText) => PickedText {
  const language = useApp((s) => s.language);
  return useCallback((text: LocalizedText) => pickText(text, language, defaultLanguage), [language, defaultLanguage]);
}
