import type { TFunction } from 'i18next';
import { LANGUAGE_NATIVE_NAMES, LANGUAGES, type Language } from '../../core/contract';
import type { Breakdown, WeekRange, WomenShare } from '../aggregates';
import type { SiteSummary } from '../store/store';
import { horizontalBars, shareGauge, weekBars, type Bar } from './charts';
import { html, toHtmlString, type Html, type HtmlValue } from './html';

/**
 * The dashboard's pages, rendered on the server as plain HTML: landmarks, one h1 per page, a
 * caption on every table, each chart an image with a label and its table beside it, and no script.
 */

export interface PageContext {
  language: Language;
  t: TFunction;
  /** Where each language link points (the same page in that language). */
  languageHref: (language: Language) => string;
  signedIn: boolean;
}

export interface DashboardView {
  now: Date;
  k: number;
  range: WeekRange;
  /** What the filter form shows (as typed). */
  fromInput: string;
  toInput: string;
  rangeInvalid: boolean;
  byCourse: Breakdown;
  byWeek: Breakdown;
  byRegion: Breakdown;
  bySite: Breakdown;
  women: WomenShare;
  ageBands: Breakdown;
  sites: SiteSummary[];
}

function layout(ctx: PageContext, title: string, body: Html): string {
  const { t } = ctx;
  const languages = LANGUAGES.map(
    (language) =>
      html`<li><a href="${ctx.languageHref(language)}" hreflang="${language}" lang="${language}" ${language === ctx.language ? html`aria-current="true"` : ''}>${LANGUAGE_NATIVE_NAMES[language]}</a></li>`,
  );
  const signOut = ctx.signedIn
    ? html`<form method="post" action="/logout" class="no-print"><button type="submit" class="secondary">${t('app.signOut')}</button></form>`
    : '';
  return `<!doctype html>\n${toHtmlString(html`<html lang="${ctx.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${t('app.name')}</title>
<link rel="stylesheet" href="/dashboard.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main">${t('app.skip')}</a>
<header class="top">
<p class="brand">${t('app.name')}</p>
<nav class="langs" aria-label="${t('app.language')}"><ul>${languages}</ul></nav>
${signOut}
</header>
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>`)}\n`;
}

export function loginPage(ctx: PageContext, failed: boolean): string {
  const { t } = ctx;
  return layout(
    ctx,
    t('login.title'),
    html`<h1>${t('login.title')}</h1>
<p>${t('app.signedOutNote')}</p>
${failed ? html`<p class="problem" role="alert">${t('errors.auth.password_wrong')}</p>` : ''}
<form method="post" action="/login">
<p>${t('login.intro')}</p>
<div class="field"><label for="password">${t('login.password')}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required maxlength="200" ${failed ? html`aria-invalid="true"` : ''}></div>
<button type="submit">${t('login.submit')}</button>
</form>`,
  );
}

export function dashboardPage(ctx: PageContext, view: DashboardView): string {
  const { t, language } = ctx;
  const number = new Intl.NumberFormat(language);
  const format = (n: number) => number.format(n);
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const siteNames = new Map(view.sites.map((site) => [site.id, `${site.name} (${site.code})`]));
  const held = t('dashboard.held');

  const rangeText = view.range.fromWeek
    ? view.range.toWeek
      ? t('dashboard.filter.showing', { from: view.range.fromWeek, to: view.range.toWeek })
      : t('dashboard.filter.showingFrom', { from: view.range.fromWeek })
    : view.range.toWeek
      ? t('dashboard.filter.showingTo', { to: view.range.toWeek })
      : t('dashboard.filter.showingAll');

  const weeks = view.byWeek.cells;
  const groupings: Array<{ id: string; prefix: string; breakdown: Breakdown; label: (key: string) => string; chartLabel: string }> = [
    {
      id: 'week',
      prefix: 'dashboard.byWeek',
      breakdown: view.byWeek,
      label: (key) => key,
      chartLabel: t('dashboard.byWeek.chart', { from: weeks[0]?.key ?? '', to: weeks[weeks.length - 1]?.key ?? '' }),
    },
    { id: 'course', prefix: 'dashboard.byCourse', breakdown: view.byCourse, label: (key) => key, chartLabel: t('dashboard.byCourse.chart') },
    {
      id: 'region',
      prefix: 'dashboard.byRegion',
      breakdown: view.byRegion,
      label: (key) => key || t('dashboard.byRegion.none'),
      chartLabel: t('dashboard.byRegion.chart'),
    },
    { id: 'site', prefix: 'dashboard.bySite', breakdown: view.bySite, label: (key) => siteNames.get(key) ?? key, chartLabel: t('dashboard.bySite.chart') },
  ];

  const grouped = groupings.map(({ id, prefix, breakdown, label, chartLabel }) => {
    const bars: Bar[] = breakdown.cells.map((cell) => ({ label: label(cell.key), count: cell.count }));
    const chart =
      id === 'week'
        ? weekBars({ id: `chart-${id}`, label: chartLabel, bars, format })
        : horizontalBars({ id: `chart-${id}`, label: chartLabel, bars, heldWord: held, format });
    return html`<section aria-labelledby="h-${id}" id="by-${id}">
<h2 id="h-${id}">${t(`${prefix}.heading`)}</h2>
${
  breakdown.total === 0
    ? html`<p>${t('dashboard.nothing')}</p>`
    : html`<div class="figure">${chart}
${figureTable({ caption: t(`${prefix}.caption`), keyHeader: t(`${prefix}.key`), valueHeader: t('dashboard.completions'), rows: bars, total: breakdown.total, totalLabel: t('dashboard.total'), held, format })}</div>`
}
</section>`;
  });

  const women = view.women;
  const womenText =
    women.total === 0
      ? html`<p>${t('dashboard.women.nobody')}</p>`
      : women.share === null
        ? html`<p class="share">${t('dashboard.women.shareHeld')}</p>`
        : html`<p class="share">${t('dashboard.women.share', { share: percent.format(women.share), count: women.total, target: percent.format(women.target) })}
<strong>${women.share >= women.target ? t('dashboard.women.meets') : t('dashboard.women.below')}</strong></p>`;
  const gauge = shareGauge({
    label:
      women.share === null
        ? t('dashboard.women.chartHeld', { target: percent.format(women.target) })
        : t('dashboard.women.chart', { share: percent.format(women.share), target: percent.format(women.target) }),
    share: women.share,
    target: women.target,
    targetText: t('dashboard.women.targetMark', { target: percent.format(women.target) }),
    format: (share) => percent.format(share),
  });
  const genderRows: Bar[] = women.cells.map((cell) => ({ label: t(`dashboard.gender.${cell.key}`), count: cell.count }));
  const ageRows: Bar[] = view.ageBands.cells.map((cell) => ({ label: t(`dashboard.ageBand.${cell.key}`), count: cell.count }));

  const body = html`<h1>${t('dashboard.title')}</h1>
<p class="meta">${t('dashboard.generated', { date: formatInstant(language, view.now) })}</p>
<p class="meta"><strong>${rangeText}</strong></p>

<section aria-labelledby="h-filter" class="no-print">
<h2 id="h-filter">${t('dashboard.filter.heading')}</h2>
${view.rangeInvalid ? html`<p class="problem" role="alert">${t('dashboard.filter.invalid')}</p>` : ''}
<form method="get" action="/" class="inline-fields">
<input type="hidden" name="lang" value="${language}">
<div class="field"><label for="fromWeek">${t('dashboard.filter.from')}</label>
<input type="week" id="fromWeek" name="fromWeek" value="${view.fromInput}" pattern="[0-9]{4}-W[0-9]{2}" placeholder="2026-W01"></div>
<div class="field"><label for="toWeek">${t('dashboard.filter.to')}</label>
<input type="week" id="toWeek" name="toWeek" value="${view.toInput}" pattern="[0-9]{4}-W[0-9]{2}" placeholder="2026-W52"></div>
<button type="submit">${t('dashboard.filter.apply')}</button>
<a href="/?lang=${language}">${t('dashboard.filter.all')}</a>
</form>
</section>

<section aria-labelledby="h-summary">
<h2 id="h-summary">${t('dashboard.summary.heading')}</h2>
<dl class="summary">
<div><dt>${t('dashboard.summary.completions')}</dt><dd id="total-completions">${format(view.byCourse.total)}</dd></div>
<div><dt>${t('dashboard.sites.heading')}</dt><dd>${t('dashboard.summary.sites', { count: view.sites.length })}</dd></div>
</dl>
<p class="note">${t('dashboard.heldNote', { k: view.k })}</p>
</section>

${grouped}

<section aria-labelledby="h-women" id="women">
<h2 id="h-women">${t('dashboard.women.heading')}</h2>
${womenText}
${
  women.total === 0
    ? ''
    : html`<div class="figure">${gauge}
${figureTable({ caption: t('dashboard.women.caption'), keyHeader: t('dashboard.women.gender'), valueHeader: t('dashboard.completions'), rows: genderRows, total: women.total, totalLabel: t('dashboard.total'), held, format })}</div>
<p class="note">${t('dashboard.women.released')}</p>`
}
</section>

<section aria-labelledby="h-age" id="age">
<h2 id="h-age">${t('dashboard.age.heading')}</h2>
${
  view.ageBands.total === 0
    ? html`<p>${t('dashboard.age.nobody')}</p>`
    : html`<div class="figure">${horizontalBars({ id: 'chart-age', label: t('dashboard.age.chart'), bars: ageRows, heldWord: held, format })}
${figureTable({ caption: t('dashboard.age.caption'), keyHeader: t('dashboard.age.band'), valueHeader: t('dashboard.completions'), rows: ageRows, total: view.ageBands.total, totalLabel: t('dashboard.total'), held, format })}</div>`
}
</section>

${sitesSection(ctx, view.sites)}

<div class="forms">
<section aria-labelledby="h-upload">
<h2 id="h-upload">${t('upload.heading')}</h2>
<p class="note">${t('upload.help')}</p>
<form method="post" action="/upload" enctype="multipart/form-data">
<div class="field"><label for="stick-file">${t('upload.file')}</label>
<input type="file" id="stick-file" name="file" required></div>
<button type="submit">${t('upload.submit')}</button>
</form>
</section>
<section aria-labelledby="h-codes">
<h2 id="h-codes">${t('codes.heading')}</h2>
<p class="note">${t('codes.help')}</p>
<form method="post" action="/codes">
<div class="field"><label for="code-label">${t('codes.label')}</label>
<input type="text" id="code-label" name="label" required maxlength="100" autocomplete="off"></div>
<div class="field"><label for="code-days">${t('codes.days')}</label>
<input type="number" id="code-days" name="validDays" min="1" max="365" step="1" value="14" required></div>
<button type="submit">${t('codes.submit')}</button>
</form>
</section>
</div>`;
  return layout(ctx, t('dashboard.title'), body);
}

function figureTable(input: { caption: string; keyHeader: string; valueHeader: string; rows: readonly Bar[]; total: number; totalLabel: string; held: string; format: (n: number) => string }): Html {
  const rows = input.rows.map(
    (row) =>
      html`<tr><th scope="row">${row.label}</th>${row.count === null ? html`<td class="num held">${input.held}</td>` : html`<td class="num">${input.format(row.count)}</td>`}</tr>`,
  );
  return html`<table>
<caption>${input.caption}</caption>
<thead><tr><th scope="col">${input.keyHeader}</th><th scope="col" class="num">${input.valueHeader}</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row">${input.totalLabel}</th><td class="num">${input.format(input.total)}</td></tr></tfoot>
</table>`;
}

function sitesSection(ctx: PageContext, sites: readonly SiteSummary[]): Html {
  const { t, language } = ctx;
  const number = new Intl.NumberFormat(language);
  const rows = sites.map(
    (site) => html`<tr>
<th scope="row">${site.name}</th>
<td>${site.code}</td>
<td>${site.region || '—'}</td>
<td>${site.district || '—'}</td>
<td>${site.lastSyncAt ? formatInstant(language, new Date(site.lastSyncAt)) : t('dashboard.sites.never')}</td>
<td class="num">${number.format(site.batches)}</td>
<td data-skew-flagged="${site.clockSkewFlagged ? 'true' : 'false'}">${clockCell(t, site)}</td>
</tr>`,
  );
  return html`<section aria-labelledby="h-sites" id="sites">
<h2 id="h-sites">${t('dashboard.sites.heading')}</h2>
${
  sites.length === 0
    ? html`<p>${t('dashboard.sites.none')}</p>`
    : // A wide table scrolls sideways on a narrow screen: its region takes focus so the keyboard can scroll it too.
      html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="h-sites"><table>
<caption>${t('dashboard.sites.caption')}</caption>
<thead><tr>
<th scope="col">${t('dashboard.sites.name')}</th><th scope="col">${t('dashboard.sites.code')}</th>
<th scope="col">${t('dashboard.sites.region')}</th><th scope="col">${t('dashboard.sites.district')}</th>
<th scope="col">${t('dashboard.sites.lastSync')}</th><th scope="col" class="num">${t('dashboard.sites.batches')}</th>
<th scope="col">${t('dashboard.sites.clock')}</th>
</tr></thead>
<tbody>${rows}</tbody>
</table></div>`
}
</section>`;
}

function clockCell(t: TFunction, site: SiteSummary): HtmlValue {
  if (site.clockSkewSeconds === null) return t('dashboard.sites.clockUnknown');
  if (!site.clockSkewFlagged) return html`<span class="ok">${t('dashboard.sites.clockOk')}</span>`;
  // Skew is collector time minus kiosk time: negative means the kiosk's clock runs ahead.
  const duration = skewDuration(t, Math.abs(site.clockSkewSeconds));
  return html`<strong class="flag">${t(site.clockSkewSeconds < 0 ? 'dashboard.skew.ahead' : 'dashboard.skew.behind', { duration })}</strong>`;
}

const HOUR = 3600;
const DAY = 24 * HOUR;
const YEAR = 365.2425 * DAY;

/** The skew in the largest unit that says it plainly: years, else days, else hours. */
function skewDuration(t: TFunction, seconds: number): string {
  if (seconds >= YEAR) return t('dashboard.duration.years', { count: Math.round(seconds / YEAR) });
  if (seconds >= DAY) return t('dashboard.duration.days', { count: Math.round(seconds / DAY) });
  return t('dashboard.duration.hours', { count: Math.max(1, Math.round(seconds / HOUR)) });
}

function formatInstant(language: Language, instant: Date): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(instant);
}

export interface UploadOutcome {
  ok: true;
  site: { code: string; name: string };
  stored: number;
  duplicates: number;
}

/** What a stick upload did, or why it was refused (an error code from collector/errors.ts). */
export function uploadResultPage(ctx: PageContext, outcome: UploadOutcome | { ok: false; code: string }): string {
  const { t } = ctx;
  const title = outcome.ok ? t('upload.doneTitle') : t('upload.failedTitle');
  const body = outcome.ok
    ? html`<div class="status" role="status">
<p>${t('upload.site', { name: outcome.site.name, code: outcome.site.code })}</p>
<p id="upload-stored">${t('upload.stored', { count: outcome.stored })}</p>
<p id="upload-duplicates">${t('upload.duplicates', { count: outcome.duplicates })}</p>
</div>`
    : html`<div class="problem" role="alert"><p>${t(`errors.${outcome.code}`)}</p><p>${t('upload.nothingStored')}</p></div>`;
  return layout(ctx, title, html`<h1>${title}</h1>${body}<p><a href="/">${t('back')}</a></p>`);
}

/** A new enrolment code, shown this once; or why none was made. */
export function codeResultPage(ctx: PageContext, outcome: { ok: true; code: string; label: string; expiresAt: string } | { ok: false; code: string }): string {
  const { t, language } = ctx;
  const title = outcome.ok ? t('codes.doneTitle') : t('codes.failedTitle');
  const body = outcome.ok
    ? html`<div class="status" role="status">
<p>${t('codes.forLabel', { label: outcome.label })}</p>
<p>${t('codes.code')}: <span class="code" id="enrolment-code">${outcome.code}</span></p>
<p>${t('codes.expires', { date: formatInstant(language, new Date(outcome.expiresAt)) })}</p>
<p><strong>${t('codes.once')}</strong></p>
</div>`
    : html`<div class="problem" role="alert"><p>${t(`errors.${outcome.code}`)}</p></div>`;
  return layout(ctx, title, html`<h1>${title}</h1>${body}<p><a href="/">${t('back')}</a></p>`);
}
