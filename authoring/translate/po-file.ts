import { po, type GetTextTranslation } from 'gettext-parser';
import type { Language } from '../../core/contract';
import type { TranslationUnit } from './units';

/**
 * Translators' files are gettext PO (Poedit, Weblate, Lokalize and OmegaT open them), read and
 * written by gettext-parser. Each text is one entry: `msgctxt` its stable context, `msgid` the
 * text to translate, `msgstr` the translation. The other languages ride along as notes.
 */
export function writePo(units: readonly TranslationUnit[], from: Language, to: Language, glossaryNotes: (unit: TranslationUnit) => string[]): Buffer {
  const translations: Record<string, Record<string, GetTextTranslation>> = { '': { '': { msgid: '', msgstr: [''] } } };
  for (const unit of units) {
    const notes = [...Object.entries(unit.others).map(([language, text]) => `${language}: ${text}`), ...glossaryNotes(unit)];
    translations[unit.context] = {
      [unit.source]: {
        msgctxt: unit.context,
        msgid: unit.source,
        msgstr: [unit.target],
        comments: { reference: unit.reference, extracted: notes.join('\n'), translator: '', flag: '', previous: '' },
      },
    };
  }
  return po.compile(
    {
      charset: 'utf-8',
      headers: {
        'Content-Type': 'text/plain; charset=UTF-8',
        Language: to,
        'X-Source-Language': from,
        'X-Generator': 'ayil pack translate',
      },
      translations,
    },
    { foldLength: 0 },
  );
}

export interface PoEntry {
  context: string;
  source: string;
  target: string;
}

/** The entries of a PO file, and the languages its header names. */
export function readPo(bytes: Buffer): { to: string | undefined; from: string | undefined; entries: PoEntry[] } {
  const parsed = po.parse(bytes);
  const entries: PoEntry[] = [];
  for (const [context, byId] of Object.entries(parsed.translations)) {
    if (context === '') continue;
    for (const entry of Object.values(byId) as GetTextTranslation[]) entries.push({ context, source: entry.msgid, target: entry.msgstr[0] ?? '' });
  }
  return { to: parsed.headers.Language, from: parsed.headers['X-Source-Language'], entries };
}
