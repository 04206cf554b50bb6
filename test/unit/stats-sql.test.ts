import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS } from '../../core/contract/console';
import { ageBandOf, genderOf, registerWeekFunction, weekOf } from '../../core/stats/sql';

const db = new Database(':memory:');
registerWeekFunction(db);
const one = (sql: string, ...params: unknown[]) => Object.values(db.prepare(`SELECT ${sql} AS v`).get(...params) as object)[0];

describe('statistics SQL', () => {
  it('puts an event in its ISO week, across year ends', () => {
    // Middays: the kiosk's time zone cannot move these to another day.
    expect(one(weekOf('?'), '2026-03-04T12:00:00.000Z')).toBe('2026-W10');
    expect(one(weekOf('?'), '2026-12-31T12:00:00.000Z')).toBe('2026-W53');
    expect(one(weekOf('?'), '2027-01-03T12:00:00.000Z')).toBe('2026-W53');
    expect(one(weekOf('?'), '2024-12-30T12:00:00.000Z')).toBe('2025-W01');
  });

  it('bands ages in the year of the week, and names exactly the contract’s bands', () => {
    const band = (week: string, birthYear: number | null) => one(ageBandOf('@week', '@birthYear'), { week, birthYear });
    expect(band('2026-W10', 2009)).toBe('under-18');
    expect(band('2026-W10', 2008)).toBe('18-29');
    expect(band('2026-W10', 1997)).toBe('18-29');
    expect(band('2026-W10', 1996)).toBe('30-44');
    expect(band('2026-W10', 1982)).toBe('30-44');
    expect(band('2026-W10', 1981)).toBe('45-59');
    expect(band('2026-W10', 1967)).toBe('45-59');
    expect(band('2026-W10', 1966)).toBe('60-plus');
    expect(band('2026-W10', null)).toBe('unknown');
    const named = [...ageBandOf('w', 'b').matchAll(/THEN '([^']+)'/g), ...ageBandOf('w', 'b').matchAll(/ELSE '([^']+)'/g)].map((m) => m[1]);
    expect(named.sort()).toEqual([...AGE_BANDS].sort());
  });

  it('counts a gender never asked as undisclosed', () => {
    expect(one(genderOf('?'), null)).toBe('undisclosed');
    expect(one(genderOf('?'), 'female')).toBe('female');
  });
});
