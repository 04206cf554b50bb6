import { expect } from 'vitest';
import { EnrolResponseSchema, SyncAckSchema, type StatsRow, type SyncBatch, type SyncSite } from '../../core/contract';
import { weekOf } from '../../base/iso-week';
import { TestKiosk } from './kiosk-client';

export type { TestKiosk };

/**
 * Kiosks as the dashboard's tests need them (./kiosk-client's TestKiosk), talking to a collector
 * over its real HTTP API: enrol with a code, deliver batches with the site token, or write a
 * signed stick file. Nothing is put in the store behind the collector's back.
 */

export const BASICS = 'kg.ayil.first-steps/computer-basics';
export const SAFETY = 'kg.ayil.first-steps/online-safety';
export const EMAIL = 'kg.ayil.first-steps/email';

export function makeKiosk(site: SyncSite): TestKiosk {
  return new TestKiosk(site);
}

export async function enrol(collectorUrl: string, kiosk: TestKiosk, code: string): Promise<void> {
  const response = await kiosk.enrol(collectorUrl, code);
  expect(response.status, 'enrolment').toBe(200);
  EnrolResponseSchema.parse(await response.json());
}

/** Course completions of one week and course, with the breakdown cells the kiosk released (each ≥ its k). */
export function completions(
  week: string,
  course: string,
  total: number,
  cells: { gender?: Partial<Record<'female' | 'male' | 'other' | 'undisclosed', number>>; age?: Partial<Record<string, number>> } = {},
): StatsRow[] {
  const rows: StatsRow[] = [{ week, course, metric: 'courses_completed', dimension: 'total', value: '', count: total }];
  for (const [value, count] of Object.entries(cells.gender ?? {})) rows.push({ week, course, metric: 'courses_completed', dimension: 'gender', value, count } as StatsRow);
  for (const [value, count] of Object.entries(cells.age ?? {})) rows.push({ week, course, metric: 'courses_completed', dimension: 'age_band', value, count } as StatsRow);
  return rows;
}

export function makeBatch(kiosk: TestKiosk, rows: StatsRow[]): SyncBatch {
  return kiosk.batch(rows);
}

/** Sends one batch as the kiosk's sync loop does, with the kiosk's clock in the envelope. */
export async function deliver(collectorUrl: string, kiosk: TestKiosk, rows: StatsRow[], deviceTime: Date): Promise<void> {
  const response = await kiosk.deliver(collectorUrl, kiosk.batch(rows), { deviceTime });
  expect(response.status, `delivery from ${kiosk.site.code}`).toBe(200);
  expect(SyncAckSchema.parse(await response.json()).status).toBe('stored');
}

/** "Save figures to stick": the batches in a payload signed with the kiosk's Ed25519 key. */
export function stickFile(kiosk: TestKiosk, batches: SyncBatch[], deviceTime: Date): string {
  return kiosk.stickFile(batches, { deviceTime });
}

export const SEED_NOW = new Date('2026-11-23T12:00:00Z'); // a Monday in ISO week 2026-W48
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
export const FUTURE_WEEKS_AHEAD = 3790;
/** A kiosk clock in 2099, a whole number of weeks ahead, so that its figures land in the receipt week exactly. */
export const FUTURE_CLOCK = new Date(SEED_NOW.getTime() + FUTURE_WEEKS_AHEAD * WEEK);
/** A site name as a hostile kiosk might send it: markup for the page, a formula for a spreadsheet. */
export const HOSTILE_NAME = '=HYPERLINK("http://x.example") <script>alert(1)</script> Talas';

/**
 * Two enrolled sites (collector clock SEED_NOW, k = 5), delivered over HTTP:
 * - NRN-04 "Ат-Башы китепканасы" (Нарын), clock right: W46 12 computer-basics (7 women, 5 men,
 *   12 aged 18–29); W47 6 online-safety (6 men, 30–44) and 2 e-mail (no breakdown: under k).
 * - TLS-01 (HOSTILE_NAME, Талас), clock in 2099: 8 computer-basics (8 men, 45–59) in "its" week,
 *   placed by the collector in the receipt week W48.
 * Completions: 28; by course 20 / 2 / 6 (the 2 and, so that it cannot be worked out, the 6 are
 * hidden); by week 12 / 8 / 8; by region and site 20 / 8; women 7 of 26 released (27 %, under 30 %).
 */
export async function seedTwoSites(collectorUrl: string, createCode: (label: string) => Promise<string>): Promise<{ naryn: TestKiosk; talas: TestKiosk }> {
  const naryn = makeKiosk({ code: 'NRN-04', name: 'Ат-Башы китепканасы', region: 'Нарын', district: 'Ат-Башы' });
  const talas = makeKiosk({ code: 'TLS-01', name: HOSTILE_NAME, region: 'Талас', district: 'Бакай-Ата' });
  await enrol(collectorUrl, naryn, await createCode('Ат-Башы'));
  await enrol(collectorUrl, talas, await createCode('Talas'));
  const narynClock = new Date(SEED_NOW.getTime() - HOUR);
  await deliver(collectorUrl, naryn, completions('2026-W46', BASICS, 12, { gender: { female: 7, male: 5 }, age: { '18-29': 12 } }), narynClock);
  await deliver(collectorUrl, naryn, [...completions('2026-W47', SAFETY, 6, { gender: { male: 6 }, age: { '30-44': 6 } }), ...completions('2026-W47', EMAIL, 2)], narynClock);
  await deliver(collectorUrl, talas, completions(weekOf(FUTURE_CLOCK), BASICS, 8, { gender: { male: 8 }, age: { '45-59': 8 } }), FUTURE_CLOCK);
  return { naryn, talas };
}

/** RFC 4180 CSV (quoted fields, doubled quotes) into records keyed by the header line. */
export function parseCsv(text: string): Record<string, string>[] {
  const lines: string[][] = [];
  let field = '';
  let line: string[] = [];
  let quoted = false;
  const endField = () => {
    line.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      lines.push(line);
      line = [];
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || line.length > 0) {
    endField();
    lines.push(line);
  }
  const [header = [], ...records] = lines;
  return records.map((record) => Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])));
}
