import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { z } from 'zod';
import type { Language } from '../../core/contract';
import {
  completersByAgeBand,
  completersByGender,
  completionsBy,
  exportRows,
  GROUPINGS,
  type Breakdown,
  type Grouping,
  type WeekRange,
} from '../aggregates';
import { createEnrolmentCode } from '../enrolment';
import { COLLECTOR_ERROR_STATUS, CollectorError, issuesOf, type CollectorErrorCode } from '../errors';
import { importStickFile, STICK_MULTIPART_LIMITS } from '../stick-import';
import type { CollectorStore, SiteSummary, StoredCell } from '../store/store';
import { compareWeeks, isIsoWeek } from '../../base/iso-week';
import { contentSecurityPolicy } from '../../base/security-headers';
import { chooseLanguage, LANGUAGE_COOKIE, translator } from './i18n';
import { codeResultPage, dashboardPage, loginPage, uploadResultPage, type PageContext } from './pages';
import { DASHBOARD_CSS, FAVICON_SVG } from './styles';

export interface DashboardOptions {
  store: CollectorStore;
  /** Smallest count shown as part of a breakdown; smaller ones (and what would give them away) are hidden. */
  k: number;
  now: () => Date;
  requireAdmin: onRequestHookHandler;
}

/** Pages load nothing but their own stylesheet and icon, run no script and post only to the collector. */
/** Server-made pages: no script at all; forms post back here. */
const PAGE_CSP = contentSecurityPolicy({ scripts: false, forms: 'self' });

const WeekParam = z.string().refine(isIsoWeek, { message: 'an ISO week such as 2026-W07' });
const WeekRangeQuery = z.object({ fromWeek: WeekParam.optional(), toWeek: WeekParam.optional() });
const inOrder = (q: WeekRange) => !q.fromWeek || !q.toWeek || compareWeeks(q.fromWeek, q.toWeek) <= 0;
const REVERSED = { message: 'fromWeek is after toWeek', path: ['fromWeek'] };
const AggregatesQuerySchema = WeekRangeQuery.extend({ groupBy: z.enum(GROUPINGS).default('course') }).refine(inOrder, REVERSED);
const ExportQuerySchema = WeekRangeQuery.refine(inOrder, REVERSED);

const CSV_COLUMNS = ['site_code', 'site_name', 'region', 'district', 'week', 'course', 'metric', 'dimension', 'value', 'count', 'suppressed'];

/**
 * The collector's read side (docs/collector-dashboard.md): the login page, the dashboard, the
 * aggregates and sites as JSON, the CSV export, and the dashboard's two forms (stick upload,
 * enrolment code). Everything but the login page, its stylesheet and icon is the administrator's.
 * Every figure that is part of a breakdown goes through the display suppression of ../aggregates.
 */
export async function dashboardRoutes(app: FastifyInstance, opts: DashboardOptions): Promise<void> {
  const { store, k, now } = opts;
  // The collector registers these at its root; standing alone (or if that changes) the plugin brings its own.
  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie);
  if (!app.hasContentTypeParser('multipart/form-data')) {
    await app.register(fastifyMultipart, { limits: STICK_MULTIPART_LIMITS });
  }

  app.get('/dashboard.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(DASHBOARD_CSS),
  );
  app.get('/favicon.svg', async (_request, reply) =>
    reply.type('image/svg+xml').header('Cache-Control', 'public, max-age=86400').send(FAVICON_SVG),
  );

  app.get('/login', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const ctx = pageContext(request, reply, { path: '/login', signedIn: false });
    return sendPage(reply, 200, loginPage(ctx, query.failed === '1'));
  });

  await app.register(async (admin) => {
    // The admin check runs before any body is read, so an anonymous caller cannot make the collector read an upload.
    admin.addHook('onRequest', opts.requireAdmin);

    admin.get('/', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const { range, fromInput, toInput, invalid } = weekRangeFromForm(query.fromWeek, query.toWeek);
      const keep = new URLSearchParams();
      if (range.fromWeek) keep.set('fromWeek', range.fromWeek);
      if (range.toWeek) keep.set('toWeek', range.toWeek);
      const ctx = pageContext(request, reply, { path: '/', keep, signedIn: true });
      const [cells, sites] = await Promise.all([store.cells({ ...range, metric: 'courses_completed' }), store.sites()]);
      return sendPage(
        reply,
        200,
        dashboardPage(ctx, {
          now: now(),
          k,
          range,
          fromInput,
          toInput,
          rangeInvalid: invalid,
          byCourse: completionsBy(cells, 'course', k, range),
          byWeek: completionsBy(cells, 'week', k, range),
          byRegion: completionsBy(cells, 'region', k, range),
          bySite: completionsBy(cells, 'site', k, range),
          women: completersByGender(cells, k, range),
          ageBands: completersByAgeBand(cells, k, range),
          sites,
        }),
      );
    });

    admin.get('/api/v1/admin/aggregates', async (request, reply) => {
      const parsed = AggregatesQuerySchema.safeParse(request.query ?? {});
      if (!parsed.success) throw new CollectorError('body.invalid', issuesOf(parsed.error));
      const { groupBy, fromWeek, toWeek } = parsed.data;
      const range: WeekRange = { fromWeek, toWeek };
      // Only a by-site grouping names sites.
      const [cells, sites] = await Promise.all([store.cells({ ...range, metric: 'courses_completed' }), groupBy === 'site' ? store.sites() : []]);
      const women = completersByGender(cells, k, range);
      reply.header('Cache-Control', 'no-store');
      return {
        metric: 'courses_completed',
        groupBy,
        fromWeek: fromWeek ?? null,
        toWeek: toWeek ?? null,
        k,
        ...groupsJson(completionsBy(cells, groupBy, k, range), groupBy, sites, cells),
        women: { ...breakdownJson(women), share: women.share, shareHeld: women.shareHeld, target: women.target },
        ageBands: breakdownJson(completersByAgeBand(cells, k, range)),
      };
    });

    admin.get('/api/v1/admin/sites', async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return store.sites();
    });

    admin.get('/api/v1/admin/export.csv', async (request, reply) => {
      const parsed = ExportQuerySchema.safeParse(request.query ?? {});
      if (!parsed.success) throw new CollectorError('body.invalid', issuesOf(parsed.error));
      const range: WeekRange = { fromWeek: parsed.data.fromWeek, toWeek: parsed.data.toWeek };
      const [cells, sites] = await Promise.all([store.cells(range), store.sites()]);
      const names = new Map(sites.map((site) => [site.id, site.name]));
      const records = exportRows(cells, k, range).map((row) => [
        row.siteCode,
        names.get(row.siteId) ?? '',
        row.region,
        row.district,
        row.week,
        row.course,
        row.metric,
        row.dimension,
        row.value,
        row.count === null ? '' : String(row.count),
        row.count === null ? 'true' : 'false',
      ]);
      // A BOM so that spreadsheet programs read Cyrillic names as UTF-8; formulas in names are defused.
      const csv = stringify(records, { header: true, columns: CSV_COLUMNS, bom: true, escape_formulas: true });
      const name = `ayil-collector-${range.fromWeek ?? 'all'}-${range.toWeek ?? 'all'}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name}"`)
        .header('Cache-Control', 'no-store')
        .send(csv);
    });

    admin.post('/upload', async (request, reply) => {
      const ctx = pageContext(request, reply, { path: '/', signedIn: true });
      try {
        const text = await uploadedText(request);
        const result = await importStickFile(store, text, { now: now() });
        return sendPage(reply, 200, uploadResultPage(ctx, { ok: true, site: result.site, stored: result.stored, duplicates: result.duplicates }));
      } catch (error) {
        const code = refusalCode(request, error);
        return sendPage(reply, COLLECTOR_ERROR_STATUS[code], uploadResultPage(ctx, { ok: false, code }));
      }
    });

    admin.post('/codes', async (request, reply) => {
      const ctx = pageContext(request, reply, { path: '/', signedIn: true });
      const body = (request.body ?? {}) as Record<string, unknown>;
      const label = typeof body.label === 'string' ? body.label : '';
      const days = typeof body.validDays === 'string' && body.validDays.trim() !== '' ? Number(body.validDays) : undefined;
      try {
        const created = await createEnrolmentCode(store, { label, validDays: days, now: now() });
        return sendPage(reply, 200, codeResultPage(ctx, { ok: true, code: created.code, label: label.trim(), expiresAt: created.expiresAt }));
      } catch (error) {
        const code = refusalCode(request, error);
        return sendPage(reply, COLLECTOR_ERROR_STATUS[code], codeResultPage(ctx, { ok: false, code }));
      }
    });
  });
}

function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('Content-Security-Policy', PAGE_CSP)
    .header('Cache-Control', 'no-store')
    .send(page);
}

/** The request's language (remembered in a cookie when chosen with `?lang=`) and the links to the others. */
function pageContext(request: FastifyRequest, reply: FastifyReply, page: { path: string; keep?: URLSearchParams; signedIn: boolean }): PageContext {
  const query = request.query as Record<string, unknown>;
  const language = chooseLanguage(query.lang, request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']);
  if (query.lang === language) {
    reply.setCookie(LANGUAGE_COOKIE, language, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax', httpOnly: true });
  }
  const languageHref = (other: Language) => {
    const params = new URLSearchParams(page.keep);
    params.set('lang', other);
    return `${page.path}?${params.toString()}`;
  };
  return { language, t: translator(language), languageHref, signedIn: page.signedIn };
}

/** The filter form's weeks: empty means open; a malformed week is ignored (and said so); reversed weeks are swapped. */
function weekRangeFromForm(from: unknown, to: unknown): { range: WeekRange; fromInput: string; toInput: string; invalid: boolean } {
  const read = (value: unknown) => (typeof value === 'string' ? value.trim().toUpperCase() : '');
  const fromInput = read(from);
  const toInput = read(to);
  const invalid = (fromInput !== '' && !isIsoWeek(fromInput)) || (toInput !== '' && !isIsoWeek(toInput));
  if (invalid) return { range: {}, fromInput: '', toInput: '', invalid };
  let fromWeek = fromInput || undefined;
  let toWeek = toInput || undefined;
  if (fromWeek && toWeek && compareWeeks(fromWeek, toWeek) > 0) [fromWeek, toWeek] = [toWeek, fromWeek];
  return { range: { fromWeek, toWeek }, fromInput: fromWeek ?? '', toInput: toWeek ?? '', invalid: false };
}

async function uploadedText(request: FastifyRequest): Promise<string> {
  if (!request.isMultipart()) throw new CollectorError('file.missing');
  const part = await request.file();
  if (!part) throw new CollectorError('file.missing');
  const bytes = await part.toBuffer();
  if (bytes.length === 0) throw new CollectorError('file.missing');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CollectorError('file.invalid');
  }
}

/** The code a form page shows for a refusal; anything unexpected is logged and shown as `internal`. */
function refusalCode(request: FastifyRequest, error: unknown): CollectorErrorCode {
  if (error instanceof CollectorError) return error.code;
  const { statusCode, code } = (error ?? {}) as { statusCode?: number; code?: string };
  if (code === 'FST_REQ_FILE_TOO_LARGE' || statusCode === 413) return 'body.too_large';
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500) return 'body.invalid';
  request.log.error(error);
  return 'internal';
}

function breakdownJson(breakdown: Breakdown) {
  return { total: breakdown.total, cells: breakdown.cells.map((cell) => ({ key: cell.key, count: cell.count, suppressed: cell.count === null })) };
}

/** The groups as JSON; a site's group also names the site (its key is the collector's site id). */
function groupsJson(breakdown: Breakdown, groupBy: Grouping, sites: readonly SiteSummary[], cells: readonly StoredCell[]) {
  const byId = new Map(sites.map((site) => [site.id, site]));
  const codes = new Map(cells.map((cell) => [cell.siteId, cell.siteCode]));
  return {
    total: breakdown.total,
    groups: breakdown.cells.map((cell) => ({
      key: cell.key,
      ...(groupBy === 'site' ? { siteCode: byId.get(cell.key)?.code ?? codes.get(cell.key) ?? '', siteName: byId.get(cell.key)?.name ?? '' } : {}),
      count: cell.count,
      suppressed: cell.count === null,
    })),
  };
}

