import { createHash } from 'node:crypto';

/** The collector keeps only hashes of the secrets it hands out (site tokens, enrolment codes). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
