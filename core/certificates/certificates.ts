import { createHmac, randomBytes } from 'node:crypto';
import type { LocalizedText } from '../contract';
import type { Db } from '../db/open';
import { AppError } from '../errors';

export interface Certificate {
  id: number;
  packId: string;
  courseId: string;
  learnerName: string;
  courseTitle: LocalizedText;
  siteName: string;
  issuedOn: string;
  code: string;
}

interface CertificateRow {
  id: number;
  pack_id: string;
  course_id: string;
  learner_name: string;
  course_title_json: string;
  site_name: string;
  issued_on: string;
  code: string;
}

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Certificates for completed courses. Each carries a short code derived from its fields with a
 * key that never leaves this kiosk, so a code cannot be made up and a changed field is caught.
 */
export class Certificates {
  constructor(
    private readonly db: Db,
    private readonly siteKey: () => Buffer,
  ) {}

  /** Issues the certificate once; a repeated completion keeps the first one. */
  /** Issues the course's certificate once; answers whether this call issued it. */
  issue(input: { learnerId: number; learnerName: string; packId: string; courseId: string; courseTitle: LocalizedText; siteName: string; issuedOn: string }): boolean {
    const code = this.codeFor(input);
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO certificates (learner_id, pack_id, course_id, learner_name, course_title_json, site_name, issued_on, code)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.learnerId, input.packId, input.courseId, input.learnerName, JSON.stringify(input.courseTitle), input.siteName, input.issuedOn, code);
    return info.changes > 0;
  }

  forLearner(learnerId: number): Certificate[] {
    return this.db
      .prepare<[number], CertificateRow>('SELECT * FROM certificates WHERE learner_id = ? ORDER BY issued_on, id')
      .all(learnerId)
      .map(toCertificate);
  }

  /** Checks a code typed from a printed certificate; the answer names what the certificate says. */
  verify(typed: string): Certificate {
    const code = normaliseCode(typed);
    const row = this.db.prepare<[string], CertificateRow>('SELECT * FROM certificates WHERE code = ?').get(code);
    if (!row) throw new AppError('certificate.not_found', { code: typed });
    const certificate = toCertificate(row);
    if (this.codeFor({ ...certificate }) !== code) throw new AppError('certificate.not_found', { code: typed });
    return certificate;
  }

  private codeFor(fields: { learnerName: string; packId: string; courseId: string; siteName: string; issuedOn: string }): string {
    const mac = createHmac('sha256', this.siteKey())
      .update(JSON.stringify([fields.learnerName, fields.packId, fields.courseId, fields.siteName, fields.issuedOn]))
      .digest();
    let bits = 0;
    let value = 0;
    let out = '';
    for (const byte of mac) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5 && out.length < 10) {
        out += ALPHABET[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
      if (out.length === 10) break;
    }
    return `${out.slice(0, 5)}-${out.slice(5)}`;
  }
}

/** Reads a code the way a person may type it: any case, spaces, O for 0, I or L for 1. */
export function normaliseCode(typed: string): string {
  const clean = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return clean.length === 10 ? `${clean.slice(0, 5)}-${clean.slice(5)}` : clean;
}

export function newSiteKey(): string {
  return randomBytes(32).toString('base64');
}

function toCertificate(row: CertificateRow): Certificate {
  return {
    id: row.id,
    packId: row.pack_id,
    courseId: row.course_id,
    learnerName: row.learner_name,
    courseTitle: JSON.parse(row.course_title_json) as LocalizedText,
    siteName: row.site_name,
    issuedOn: row.issued_on,
    code: row.code,
  };
}
