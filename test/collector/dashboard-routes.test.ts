import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../collector/dashboard/html';
import { translator } from '../../collector/dashboard/i18n';
import { startTestCollector, type TestCollector } from '../support/collector';
import { BASICS, completions, EMAIL, enrol, FUTURE_WEEKS_AHEAD, HOSTILE_NAME, makeBatch, makeKiosk, parseCsv, SAFETY, SEED_NOW, seedTwoSites, stickFile, type TestKiosk } from './dashboard-seed';

/*
 * The dashboard's routes on a real collector (SQLite and PostgreSQL), seeded through the kiosk API:
 * who may read what, the figures as JSON, HTML and CSV (with small ones hidden), and the two forms.
 */

const NOW = SEED_NOW;

const en = translator('en');
const ky = translator('ky');
const ru = translator('ru');
const has = (page: string, text: string) => expect(page).toContain(escapeHtml(text));
// The answers' shapes are what the tests check, field by field.
const json = (response: Response): Promise<any> => response.json();

describe.each(['sqlite', 'postgres'] as const)('the dashboard routes (%s)', (backend) => {
  let collector: TestCollector;
  let cookie: string;
  let naryn: TestKiosk;

  const get = (path: string, headers: Record<string, string> = {}) => fetch(new URL(path, collector.url), { headers, redirect: 'manual' });
  const asAdmin = (path: string, headers: Record<string, string> = {}) => get(path, { cookie, ...headers });

  beforeAll(async () => {
    collector = await startTestCollector({ backend, now: () => NOW });
    cookie = await collector.adminCookie();
    ({ naryn } = await seedTwoSites(collector.url, (label) => collector.createCode(label)));
  });
  afterAll(async () => {
    await collector?.close();
  });

  it('keeps everything but the login page from anyone not signed in, and from a site token', async () => {
    const login = await get('/login');
    expect(login.status).toBe(200);
    expect(await login.text()).toMatch(/<form method="post" action="\/login">/);
    const anonymous: Record<string, string> = {};
    for (const headers of [anonymous, { authorization: `Bearer ${naryn.token}` }]) {
      const page = await get('/', { accept: 'text/html', ...headers });
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/login');
      for (const path of ['/api/v1/admin/aggregates?groupBy=site', '/api/v1/admin/sites', '/api/v1/admin/export.csv']) {
        const response = await get(path, headers);
        expect(response.status, path).toBe(401);
        expect(await response.json(), path).toEqual({ error: 'auth.required' });
      }
      const upload = await fetch(new URL('/upload', collector.url), { method: 'POST', headers, body: formWith(stickFile(naryn, [], NOW)), redirect: 'manual' });
      expect(upload.status).toBe(401);
      const code = await fetch(new URL('/codes', collector.url), { method: 'POST', headers, body: new URLSearchParams({ label: 'x', validDays: '3' }), redirect: 'manual' });
      expect(code.status).toBe(401);
    }
  });

  it('answers the aggregates by course, week, region and site, with small figures hidden', async () => {
    const aggregates = async (query: string): Promise<any> => {
      const response = await asAdmin(`/api/v1/admin/aggregates?${query}`);
      expect(response.status, query).toBe(200);
      return response.json();
    };
    const groups = (body: any) => Object.fromEntries(body.groups.map((g: any) => [g.siteCode ?? g.key, g.count]));

    const byCourse = await aggregates('groupBy=course');
    expect(byCourse).toMatchObject({ metric: 'courses_completed', groupBy: 'course', k: 5, total: 28, fromWeek: null, toWeek: null });
    // 2 e-mail completions are under k; alone they would be 28 − 20 − 6, so the 6 are hidden too.
    expect(groups(byCourse)).toEqual({ [BASICS]: 20, [EMAIL]: null, [SAFETY]: null });
    expect(byCourse.groups.find((g: any) => g.key === EMAIL).suppressed).toBe(true);
    expect(groups(await aggregates('groupBy=week'))).toEqual({ '2026-W46': 12, '2026-W47': 8, '2026-W48': 8 });
    expect(groups(await aggregates('groupBy=region'))).toEqual({ Нарын: 20, Талас: 8 });
    const bySite = await aggregates('groupBy=site');
    expect(groups(bySite)).toEqual({ 'NRN-04': 20, 'TLS-01': 8 });
    expect(bySite.groups.find((g: any) => g.siteCode === 'TLS-01').siteName).toBe(HOSTILE_NAME);

    expect(byCourse.women).toMatchObject({ total: 26, share: 7 / 26, shareHeld: false, target: 0.3 });
    expect(Object.fromEntries(byCourse.women.cells.map((c: any) => [c.key, c.count]))).toEqual({ female: 7, male: 19, other: 0, undisclosed: 0 });
    expect(byCourse.ageBands.cells.filter((c: any) => c.count).map((c: any) => [c.key, c.count])).toEqual([
      ['18-29', 12],
      ['30-44', 6],
      ['45-59', 8],
    ]);

    // A narrower range: the figures of its weeks only, hidden anew.
    const lastWeeks = await aggregates('groupBy=site&fromWeek=2026-W47&toWeek=2026-W48');
    expect(lastWeeks.total).toBe(16);
    expect(groups(lastWeeks)).toEqual({ 'NRN-04': 8, 'TLS-01': 8 });
    expect((await aggregates('groupBy=week&fromWeek=2026-W47&toWeek=2026-W47')).groups).toEqual([{ key: '2026-W47', count: 8, suppressed: false }]);

    for (const bad of ['groupBy=district', 'fromWeek=2026-W60', 'fromWeek=2026-W48&toWeek=2026-W01']) {
      const response = await asAdmin(`/api/v1/admin/aggregates?${bad}`);
      expect(response.status, bad).toBe(400);
      expect((await json(response)).error, bad).toBe('body.invalid');
    }
  });

  it('lists the sites with their last sync and the 2099 kiosk flagged', async () => {
    const sites: any[] = await json(await asAdmin('/api/v1/admin/sites'));
    const byCode = Object.fromEntries(sites.map((s) => [s.code, s]));
    expect(byCode['NRN-04']).toMatchObject({ region: 'Нарын', batches: 2, clockSkewFlagged: false, clockSkewSeconds: 3600, lastSyncAt: '2026-11-23T12:00:00Z' });
    expect(byCode['TLS-01']).toMatchObject({ name: HOSTILE_NAME, batches: 1, clockSkewFlagged: true });
    expect(byCode['TLS-01'].clockSkewSeconds).toBe(-FUTURE_WEEKS_AHEAD * 7 * 86_400);
  });

  it('exports the cells as CSV with the small ones hidden, matching the aggregates', async () => {
    const response = await asAdmin('/api/v1/admin/export.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="ayil-collector-all-all\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(3));
    expect(text.split('\n')[0]).toBe('site_code,site_name,region,district,week,course,metric,dimension,value,count,suppressed');
    const rows: Record<string, string>[] = parseCsv(text);
    const line = (r: Record<string, string>) => [r.site_code, r.week, r.course, r.dimension, r.value, r.count, r.suppressed].join(' ');
    expect(rows.map(line)).toEqual([
      `NRN-04 2026-W46 ${BASICS} total  12 false`,
      `NRN-04 2026-W46 ${BASICS} gender female 7 false`,
      `NRN-04 2026-W46 ${BASICS} gender male 5 false`,
      `NRN-04 2026-W46 ${BASICS} age_band 18-29 12 false`,
      `NRN-04 2026-W47 ${EMAIL} total   true`,
      `NRN-04 2026-W47 ${SAFETY} total  6 false`,
      `NRN-04 2026-W47 ${SAFETY} gender male 6 false`,
      `NRN-04 2026-W47 ${SAFETY} age_band 30-44 6 false`,
      `TLS-01 2026-W48 ${BASICS} total  8 false`,
      `TLS-01 2026-W48 ${BASICS} gender male 8 false`,
      `TLS-01 2026-W48 ${BASICS} age_band 45-59 8 false`,
    ]);
    expect(rows.every((r) => r.metric === 'courses_completed')).toBe(true);
    expect(rows.find((r) => r.site_code === 'NRN-04')).toMatchObject({ site_name: 'Ат-Башы китепканасы', region: 'Нарын', district: 'Ат-Башы' });
    // A name from a kiosk cannot become a spreadsheet formula.
    expect(rows.find((r) => r.site_code === 'TLS-01')!.site_name).toBe(`'${HOSTILE_NAME}`);

    // Where no cell of a group is hidden, the CSV adds up to the aggregates' figure.
    const sum = (filter: (r: Record<string, string>) => boolean) => rows.filter((r) => r.dimension === 'total' && filter(r)).reduce((n, r) => n + Number(r.count), 0);
    const bySite = await json(await asAdmin('/api/v1/admin/aggregates?groupBy=site'));
    expect(sum((r) => r.site_code === 'TLS-01')).toBe(bySite.groups.find((g: any) => g.siteCode === 'TLS-01').count);
    const byCourse = await json(await asAdmin('/api/v1/admin/aggregates?groupBy=course'));
    expect(sum((r) => r.course === BASICS)).toBe(byCourse.groups.find((g: any) => g.key === BASICS).count);
    const byWeek = await json(await asAdmin('/api/v1/admin/aggregates?groupBy=week'));
    for (const week of ['2026-W46', '2026-W48']) expect(sum((r) => r.week === week)).toBe(byWeek.groups.find((g: any) => g.key === week).count);
    const women = rows.filter((r) => r.dimension === 'gender' && r.value === 'female').reduce((n, r) => n + Number(r.count), 0);
    expect(women).toBe(byCourse.women.cells.find((c: any) => c.key === 'female').count);

    const ranged = await asAdmin('/api/v1/admin/export.csv?fromWeek=2026-W48&toWeek=2026-W48');
    expect(ranged.headers.get('content-disposition')).toContain('ayil-collector-2026-W48-2026-W48.csv');
    const rangedRows: Record<string, string>[] = parseCsv((await ranged.text()).replace(/^\uFEFF/, ''));
    expect(new Set(rangedRows.map((r) => r.week))).toEqual(new Set(['2026-W48']));
  });

  it('renders the dashboard with the figures, hidden cells, the skew flag and escaped names', async () => {
    const response = await asAdmin('/?lang=en');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('set-cookie')).toMatch(/ayil_collector_lang=en/);
    const page = await response.text();
    expect(page).toContain('<html lang="en">');
    has(page, en('dashboard.title'));
    expect(page).toMatch(/<caption>Course completions by course<\/caption>[\s\S]*?<th scope="row">kg\.ayil\.first-steps\/email<\/th><td class="num held">hidden<\/td>/);
    expect(page).toMatch(/<th scope="row">2026-W48<\/th><td class="num">8<\/td>/);
    has(page, en('dashboard.women.share', { share: '27%', count: 26, target: '30%' }));
    has(page, en('dashboard.women.below'));
    has(page, en('dashboard.skew.ahead', { duration: en('dashboard.duration.years', { count: 73 }) }));
    expect(page).toMatch(/TLS-01<\/td>[\s\S]*?data-skew-flagged="true"/);
    expect(page).toMatch(/NRN-04<\/td>[\s\S]*?data-skew-flagged="false"/);
    // The hostile name is text, never markup.
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Talas');
    expect(page).not.toMatch(/<script\b/);
  });

  it('answers in the chosen language, remembers it, and otherwise follows the browser', async () => {
    const kyrgyz = await asAdmin('/?lang=ky');
    const remembered = /ayil_collector_lang=ky/.exec(kyrgyz.headers.get('set-cookie') ?? '')![0];
    expect(await kyrgyz.text()).toContain(`<h1>${ky('dashboard.title')}</h1>`);
    const again = await (await asAdmin('/', { cookie: `${cookie}; ${remembered}`, 'accept-language': 'en' })).text();
    expect(again).toContain('<html lang="ky">');
    expect(await (await asAdmin('/', { 'accept-language': 'en-GB,en;q=0.9' })).text()).toContain('<html lang="en">');
    expect(await (await asAdmin('/', { 'accept-language': 'de' })).text()).toContain(`<h1>${ru('dashboard.title')}</h1>`);
    const failed = await (await get('/login?failed=1&lang=ru')).text();
    expect(failed).toContain(escapeHtml(ru('errors.auth.password_wrong')));
  });

  it('takes a stick file through the upload form once, and says what was stored', async () => {
    const kochkor = makeKiosk({ code: 'NRN-09', name: 'Кочкор китепканасы', region: 'Нарын', district: 'Кочкор' });
    const file = stickFile(kochkor, [makeBatch(kochkor, completions('2026-W47', BASICS, 5, { gender: { female: 5 } }))], NOW);
    const upload = async (text: string) => {
      const response = await fetch(new URL('/upload?lang=en', collector.url), { method: 'POST', headers: { cookie }, body: formWith(text) });
      return { status: response.status, page: await response.text() };
    };
    const first = await upload(file);
    expect(first.status).toBe(200);
    has(first.page, en('upload.site', { name: 'Кочкор китепканасы', code: 'NRN-09' }));
    has(first.page, en('upload.stored', { count: 1 }));
    has(first.page, en('upload.duplicates', { count: 0 }));
    const second = await upload(file);
    has(second.page, en('upload.stored', { count: 0 }));
    has(second.page, en('upload.duplicates', { count: 1 }));
    const byCourse = await json(await asAdmin('/api/v1/admin/aggregates?groupBy=course'));
    expect(byCourse.total).toBe(33);

    const before = await collector.store.counts();
    const tampered = JSON.parse(file);
    tampered.payload = tampered.payload.replace('"count":5', '"count":50');
    const refused = await upload(JSON.stringify(tampered));
    expect(refused.status).toBe(422);
    has(refused.page, en('errors.file.signature_invalid'));
    const junk = await upload('not a stick file');
    expect(junk.status).toBe(400);
    has(junk.page, en('errors.file.invalid'));
    expect(await collector.store.counts()).toEqual(before);
  });

  it('makes an enrolment code through the form that a kiosk can enrol with, once', async () => {
    const create = (form: Record<string, string>) =>
      fetch(new URL('/codes?lang=en', collector.url), { method: 'POST', headers: { cookie }, body: new URLSearchParams(form) });
    const response = await create({ label: 'Кара-Суу <b>', validDays: '7' });
    expect(response.status).toBe(200);
    const page = await response.text();
    has(page, en('codes.forLabel', { label: 'Кара-Суу <b>' }));
    expect(page).toContain('Nov 30, 2026');
    const code = /id="enrolment-code">([A-Z0-9-]+)</.exec(page)![1]!;
    await enrol(collector.url, makeKiosk({ code: 'OSH-03', name: 'Кара-Суу', region: 'Ош', district: 'Кара-Суу' }), code);

    for (const bad of [{ label: '', validDays: '7' }, { label: 'x', validDays: '400' }, { label: 'x', validDays: 'soon' }]) {
      const refused = await create(bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      has(await refused.text(), en('errors.code.invalid'));
    }
  });
});

function formWith(text: string): FormData {
  const form = new FormData();
  form.set('file', new Blob([text], { type: 'application/json' }), 'ayil-figures.json');
  return form;
}
