import { createHash } from 'node:crypto';

/** What the narration index keeps of a spoken text: enough to tell that the text changed. */
export function narrationHash(text: string): string {
  return createHash('sha256').update(text.normalize('NFC')).digest('hex').slice(0, 16);
}
