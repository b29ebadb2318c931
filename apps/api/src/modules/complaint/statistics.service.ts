import { Injectable } from '@nestjs/common';
import {
  addDays,
  COMPLAINT_GROUPINGS,
  readClock,
  zonedTime,
  type ClassificationRow,
  type ComplaintGrouping,
  type MemberCoverage,
  type SatisfactionSummary,
  type SlaClockKind,
  type SlaPause,
} from '@sitedesk/domain';
import ExcelJS from 'exceljs';
import { csvBuffer, xlsxBuffer, type Cell } from '../../platform/http/table-export.js';
import { DataSource, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { PolicyCache } from './complaint-store.js';
import { ComplaintPolicyService } from './policy.service.js';
import type { ComplaintStatisticsDto, StatisticsQuery } from './complaint.dto.js';

export const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
};

/** The columns of a classification table (顾客投诉分类统计表), Chinese and English. */
type LabelledRow = ClassificationRow & { label: string };

const COLUMNS: [string, string, (r: LabelledRow) => string | number][] = [
  ['分组', 'group', (r) => r.label],
  ['代码', 'key', (r) => r.key],
  ['总数', 'total', (r) => r.total],
  ['投诉', 'complaints', (r) => r.complaints],
  ['抱怨', 'grumbles', (r) => r.grumbles],
  ['未分类', 'untriaged', (r) => r.untriaged],
  ['有效', 'valid', (r) => r.valid],
  ['无效', 'invalid', (r) => r.invalid],
  ['成立(责任人)', 'upheld', (r) => r.upheld],
  ['未解决', 'open', (r) => r.open],
  ['首次响应中位数(分)', 'first response median (min)', (r) => r.firstResponse.median ?? ''],
  ['首次响应P90(分)', 'first response p90 (min)', (r) => r.firstResponse.p90 ?? ''],
  ['解决中位数(分)', 'resolution median (min)', (r) => r.resolution.median ?? ''],
  ['解决P90(分)', 'resolution p90 (min)', (r) => r.resolution.p90 ?? ''],
  ['首次响应达标率', 'first response SLA', (r) => rate(r.sla.firstResponse.rate)],
  ['承诺回复达标率', 'promised reply SLA', (r) => rate(r.sla.promisedReply.rate)],
  ['解决达标率', 'resolution SLA', (r) => rate(r.sla.resolution.rate)],
];
const rate = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);

/** One site's period: its local first and last day and the instants that bound them. */
interface SitePeriod {
  site: SiteRef;
  from: string;
  to: string;
  lo: Date;
  hi: Date;
}

/** A row of the grouped statement: counts and the sorted durations of one group. */
export interface GroupRow {
  site_id: string | null;
  grouping: ComplaintGrouping | 'all';
  key: string;
  total: number;
  complaints: number;
  grumbles: number;
  untriaged: number;
  valid: number;
  invalid: number;
  upheld: number;
  open: number;
  fr_count: number;
  fr_median: number | null;
  fr_p90: number | null;
  res_count: number;
  res_median: number | null;
  res_p90: number | null;
  fr_met: number;
  fr_breached: number;
  pr_met: number;
  pr_breached: number;
  res_met: number;
  res_breached: number;
}

export interface CallRow {
  site_id: string | null;
  calls: number;
  score_sum: number | null;
  score_median: number | null;
  score_p90: number | null;
  solved: number;
  charged: number;
  satisfied: number;
  neutral: number;
  unsatisfied: number;
  reopened: number;
  owed: number;
  missing: string[];
}

export type ComplaintSummary = Omit<ClassificationRow, 'key'> & { satisfaction: SatisfactionSummary; memberFollowUp: MemberCoverage };

/**
 * The median (the mean of the two middle values) and the nearest-rank 90th percentile of a sorted
 * array, in SQL, with the same float8 operations as the domain's `durationSummary` (`(a + b) / 2`,
 * element `ceil(0.9 * n)`). `percentile_disc(0.9)` picks the same element (k / n >= 0.9 ⇔ k >= 0.9 n),
 * but `percentile_cont(0.5)` interpolates as `a + 0.5 * (b - a)`, which can differ from `(a + b) / 2`
 * in the last bit for fractional business minutes; so both come from the sorted array.
 */
const median = (a: string) => `CASE WHEN cardinality(${a}) = 0 THEN NULL WHEN cardinality(${a}) % 2 = 1 THEN ${a}[cardinality(${a}) / 2 + 1] ELSE (${a}[cardinality(${a}) / 2] + ${a}[cardinality(${a}) / 2 + 1]) / 2 END`;
const p90 = (a: string) => `CASE WHEN cardinality(${a}) = 0 THEN NULL ELSE ${a}[ceil(0.9::float8 * cardinality(${a}))::int] END`;

/** The sites' periods: one row per site with its local period's bounds and time zone. */
const PERIODS = `p AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[]) AS p(site_id, lo, hi, tz))`;

/** The clocks of the periods' complaints whose outcome is not stored (still running), by the partial index on `met IS NULL`. */
export const LIVE_CLOCKS_SQL = `
  WITH ${PERIODS}
  SELECT k.complaint_id, c.site_id, c.policy_version, k.key, k.kind, k.started_at, k.target_minutes, k.promised_at, k.stopped_at
    FROM p JOIN complaint_sla_clock k ON k.site_id = p.site_id AND k.met IS NULL
    JOIN complaint c ON c.id = k.complaint_id AND c.received_at >= p.lo AND c.received_at < p.hi`;

/**
 * The outcome of one clock kind, as `complaintFact` reads it: `false` as soon as one clock is breached,
 * `true` when there are clocks and all met, else `null` (undecided). The stopped clocks' side is stored
 * on the complaint (`settled_*_met`, `settledOutcomes`); the running clocks' side (`k`, read now by the
 * domain) only exists for the few complaints with a clock still running.
 */
const outcome = (stored: string, kind: string) =>
  `CASE WHEN c.${stored} = false OR k.${kind}_breached THEN false
        WHEN (c.${stored} OR k.${kind}_met IS NOT NULL) AND COALESCE(k.${kind}_met, true) THEN true END`;

/**
 * The complaints received in each site's period (`p`), with what CMP-8 counts of each (`f`). With
 * `rollup` (the organization: summary rows only) neither the month nor the staff members are needed,
 * only whether someone was found responsible (upheld).
 */
const FACTS = (rollup: boolean) => `
  ${PERIODS},
  live AS (SELECT * FROM unnest($5::uuid[], $6::text[], $7::text[]) AS l(complaint_id, kind, status)),
  k AS (
    SELECT complaint_id,
           bool_or(status = 'breached') FILTER (WHERE kind = 'first_response') AS fr_breached, bool_and(status = 'met') FILTER (WHERE kind = 'first_response') AS fr_met,
           bool_or(status = 'breached') FILTER (WHERE kind = 'promised_reply') AS pr_breached, bool_and(status = 'met') FILTER (WHERE kind = 'promised_reply') AS pr_met,
           bool_or(status = 'breached') FILTER (WHERE kind = 'resolution') AS res_breached, bool_and(status = 'met') FILTER (WHERE kind = 'resolution') AS res_met
      FROM live GROUP BY complaint_id
  ),
  f AS (
    SELECT c.id, c.site_id, c.received_at, c.channel, c.kind, c.validity, c.category, c.department, c.state,
           c.important_customer, c.first_response_minutes AS fr, c.resolution_minutes AS res,
           ${rollup ? 'NULL::text' : `to_char(c.received_at AT TIME ZONE p.tz, 'YYYY-MM')`} AS month,
           ${
             rollup
               ? `NULL::text[]`
               : `COALESCE(CASE WHEN jsonb_typeof(c.investigation->'responsibleStaff') = 'array'
             THEN (SELECT array_agg(DISTINCT s->>'userId') FROM jsonb_array_elements(c.investigation->'responsibleStaff') s) END, '{}')`
           } AS staff,
           ${outcome('settled_first_response_met', 'fr')} AS fr_met,
           ${outcome('settled_promised_reply_met', 'pr')} AS pr_met,
           ${outcome('settled_resolution_met', 'res')} AS res_met,
           c.upheld AS is_upheld
      FROM p JOIN complaint c ON c.site_id = p.site_id AND c.received_at >= p.lo AND c.received_at < p.hi
      LEFT JOIN k ON k.complaint_id = c.id
  )`;

const OPEN_STATES = `('received', 'triaged', 'investigating', 'proposed', 'approved', 'reopened')`;
const FINISHED_STATES = `('resolved', 'followed_up', 'closed')`;

/**
 * CMP-8 tables: one row per (site, grouping, key); with `rollup` (the organization) only the `all` row of
 * each site and of every site together (site_id null).
 */
export const groupedSql = (rollup: boolean) => `
  WITH ${FACTS(rollup)},
  g AS (
${
      rollup
        ? // The organization: the summary row of each site and of all (no classification tables).
          `SELECT f.*, 'all' AS grouping, 'all' AS key FROM f`
        : `SELECT f.*, x.grouping, x.key FROM f CROSS JOIN LATERAL (VALUES
      ('all', 'all'), ('category', COALESCE(f.category, 'untriaged')), ('department', COALESCE(f.department, 'unassigned')),
      ('channel', f.channel), ('month', f.month)) AS x(grouping, key)
    UNION ALL
    SELECT f.*, 'staff', s.key FROM f CROSS JOIN LATERAL unnest(CASE WHEN cardinality(f.staff) > 0 THEN f.staff ELSE ARRAY['none'] END) AS s(key)`
    }
  ),
  agg AS (
    SELECT g.site_id, g.grouping, g.key, count(*)::int AS total,
           count(*) FILTER (WHERE g.kind = 'complaint')::int AS complaints,
           count(*) FILTER (WHERE g.kind = 'grumble')::int AS grumbles,
           count(*) FILTER (WHERE g.kind IS NULL)::int AS untriaged,
           count(*) FILTER (WHERE g.validity = 'valid')::int AS valid,
           count(*) FILTER (WHERE g.validity = 'invalid')::int AS invalid,
           count(*) FILTER (WHERE g.is_upheld)::int AS upheld,
           count(*) FILTER (WHERE g.state IN ${OPEN_STATES})::int AS open,
           COALESCE(array_agg(g.fr ORDER BY g.fr) FILTER (WHERE g.fr IS NOT NULL), '{}') AS fr,
           COALESCE(array_agg(g.res ORDER BY g.res) FILTER (WHERE g.res IS NOT NULL), '{}') AS res,
           count(*) FILTER (WHERE g.fr_met)::int AS fr_met, count(*) FILTER (WHERE NOT g.fr_met)::int AS fr_breached,
           count(*) FILTER (WHERE g.pr_met)::int AS pr_met, count(*) FILTER (WHERE NOT g.pr_met)::int AS pr_breached,
           count(*) FILTER (WHERE g.res_met)::int AS res_met, count(*) FILTER (WHERE NOT g.res_met)::int AS res_breached
      FROM g
     GROUP BY ${rollup ? 'GROUPING SETS ((g.site_id, g.grouping, g.key), (g.grouping, g.key))' : 'g.site_id, g.grouping, g.key'}
  )
  SELECT site_id, grouping, key, total, complaints, grumbles, untriaged, valid, invalid, upheld, open,
         cardinality(fr) AS fr_count, ${median('fr')} AS fr_median, ${p90('fr')} AS fr_p90,
         cardinality(res) AS res_count, ${median('res')} AS res_median, ${p90('res')} AS res_p90,
         fr_met, fr_breached, pr_met, pr_breached, res_met, res_breached
    FROM agg`;

/**
 * CMP-8 satisfaction from the done calls and CMP-7 member coverage, per site (and with `rollup` over
 * every site): one pass over the period's complaints, each joined with its done calls (a complaint
 * without one appears once, `called` false), aggregated once.
 */
export const callsSql = (rollup: boolean) => `
  WITH ${PERIODS},
  x AS (
    SELECT c.site_id, c.id, c.received_at, c.important_customer AS important, c.state IN ${FINISHED_STATES} AS finished,
           u.id IS NOT NULL AS called, (u.answers->>'score')::float8 AS score, (u.answers->>'solved')::boolean AS solved,
           (u.answers->>'charged')::boolean AS charged, u.answers->>'attitude' AS attitude, u.reopened
      FROM p JOIN complaint c ON c.site_id = p.site_id AND c.received_at >= p.lo AND c.received_at < p.hi
      LEFT JOIN complaint_follow_up u ON u.site_id = c.site_id AND u.complaint_id = c.id AND u.status = 'done'
                                     AND u.done_at IS NOT NULL AND jsonb_typeof(u.answers) = 'object'
  ),
  a AS (
    SELECT site_id, count(*) FILTER (WHERE called)::int AS calls, sum(score) AS score_sum,
           COALESCE(array_agg(score ORDER BY score) FILTER (WHERE called), '{}') AS scores,
           count(*) FILTER (WHERE solved)::int AS solved, count(*) FILTER (WHERE charged)::int AS charged,
           count(*) FILTER (WHERE attitude = 'satisfied')::int AS satisfied, count(*) FILTER (WHERE attitude = 'neutral')::int AS neutral,
           count(*) FILTER (WHERE attitude = 'unsatisfied')::int AS unsatisfied, count(*) FILTER (WHERE reopened)::int AS reopened,
           -- CMP-7: an important customer's complaint is owed a call once it is finished or called back.
           count(DISTINCT id) FILTER (WHERE important AND (called OR finished))::int AS owed,
           COALESCE(array_agg(id::text ORDER BY received_at, id) FILTER (WHERE important AND finished AND NOT called), '{}') AS missing
      FROM x GROUP BY ${rollup ? 'GROUPING SETS ((site_id), ())' : 'site_id'}
  ),
  keys AS (SELECT DISTINCT site_id FROM unnest($1::uuid[]) AS s(site_id)${rollup ? ' UNION ALL SELECT NULL' : ''})
  SELECT keys.site_id, COALESCE(a.calls, 0) AS calls, a.score_sum, ${median('a.scores')} AS score_median, ${p90('a.scores')} AS score_p90,
         COALESCE(a.solved, 0) AS solved, COALESCE(a.charged, 0) AS charged, COALESCE(a.satisfied, 0) AS satisfied,
         COALESCE(a.neutral, 0) AS neutral, COALESCE(a.unsatisfied, 0) AS unsatisfied, COALESCE(a.reopened, 0) AS reopened,
         COALESCE(a.owed, 0) AS owed, COALESCE(a.missing, '{}') AS missing
    FROM keys LEFT JOIN a ON a.site_id IS NOT DISTINCT FROM keys.site_id`;

const compliance = (met: number, breached: number) => ({ met, breached, rate: met + breached ? met / (met + breached) : null });
export const rowOf = (r: GroupRow): ClassificationRow => ({
  key: r.key,
  total: r.total,
  complaints: r.complaints,
  grumbles: r.grumbles,
  untriaged: r.untriaged,
  valid: r.valid,
  invalid: r.invalid,
  upheld: r.upheld,
  open: r.open,
  firstResponse: { count: r.fr_count, median: r.fr_median, p90: r.fr_p90 },
  resolution: { count: r.res_count, median: r.res_median, p90: r.res_p90 },
  sla: { firstResponse: compliance(r.fr_met, r.fr_breached), promisedReply: compliance(r.pr_met, r.pr_breached), resolution: compliance(r.res_met, r.res_breached) },
});
export const EMPTY_ROW = (key: string): ClassificationRow => rowOf({ site_id: null, grouping: 'all', key, total: 0, complaints: 0, grumbles: 0, untriaged: 0, valid: 0, invalid: 0, upheld: 0, open: 0, fr_count: 0, fr_median: null, fr_p90: null, res_count: 0, res_median: null, res_p90: null, fr_met: 0, fr_breached: 0, pr_met: 0, pr_breached: 0, res_met: 0, res_breached: 0 });
export const satisfactionOf = (c: CallRow): SatisfactionSummary => ({
  calls: c.calls,
  averageScore: c.calls ? c.score_sum! / c.calls : null,
  score: { count: c.calls, median: c.score_median, p90: c.score_p90 },
  solvedRate: c.calls ? c.solved / c.calls : null,
  chargedCount: c.charged,
  attitude: { satisfied: c.satisfied, neutral: c.neutral, unsatisfied: c.unsatisfied },
  reopened: c.reopened,
});
export const coverageOf = (c: CallRow): MemberCoverage => ({ owed: c.owed, calledBack: c.owed - c.missing.length, rate: c.owed ? (c.owed - c.missing.length) / c.owed : null, missing: c.missing });

/**
 * CMP-8: complaint statistics for a site-local month or year (issue #6). What is fixed once reached is
 * stored when it happens (a stopped clock's minutes and whether it met, the business minutes to the
 * first response and to the resolution: `settledClock`, `settledMinutes`) and the tables are GROUP BYs
 * in PostgreSQL; only the clocks still running (few in a past period) are read with the domain's
 * calendar at the moment of the request (GEN-8: a running clock past its due is a breach as read now).
 * The answers equal the domain's `classificationTable`/`durationSummary`/`slaCompliance`/`satisfaction`/
 * `memberFollowUpCoverage` over `complaintFact`s (apps/api/test/complaint-statistics.e2e-spec.ts).
 */
@Injectable()
export class ComplaintStatisticsService {
  constructor(
    private readonly ds: DataSource,
    private readonly policies: ComplaintPolicyService,
  ) {}

  private period(site: SiteRef, q: { month?: string; year?: string }): SitePeriod {
    const from = q.month ? `${q.month}-01` : `${q.year}-01-01`;
    const to = q.month ? lastDayOfMonth(q.month) : `${q.year}-12-31`;
    return { site, from, to, lo: zonedTime(from, '00:00', site.timeZone), hi: zonedTime(addDays(to, 1), '00:00', site.timeZone) };
  }

  private checkPeriod(q: { month?: string; year?: string }) {
    if (!!q.month === !!q.year) throw validationFailed([{ field: q.month ? 'year' : 'month', message: 'give either a month (YYYY-MM) or a year (YYYY)' }]);
  }

  /**
   * The statements' parameters: the periods, and the clocks whose outcome is not stored (still running,
   * or stopped before the stored facts existed) read now by the domain.
   */
  private async params(em: EntityManager, periods: SitePeriod[], now: Date): Promise<unknown[]> {
    const ps = [periods.map((p) => p.site.id), periods.map((p) => p.lo.toISOString()), periods.map((p) => p.hi.toISOString()), periods.map((p) => p.site.timeZone)];
    const live: { complaint_id: string; site_id: string; policy_version: number; key: string; kind: SlaClockKind; started_at: Date; target_minutes: number | null; promised_at: Date | null; stopped_at: Date | null }[] = await em.query(
      LIVE_CLOCKS_SQL,
      ps,
    );
    const ids: string[] = [];
    const kinds: string[] = [];
    const status: string[] = [];
    if (live.length) {
      const pauseRows: { complaint_id: string; from_at: Date; to_at: Date | null }[] = await em.query(
        `SELECT complaint_id, from_at, to_at FROM complaint_pause WHERE complaint_id = ANY($1::uuid[]) ORDER BY from_at`,
        [[...new Set(live.map((k) => k.complaint_id))]],
      );
      const pauses = new Map<string, SlaPause[]>();
      for (const p of pauseRows) pauses.set(p.complaint_id, [...(pauses.get(p.complaint_id) ?? []), { from: p.from_at, to: p.to_at }]);
      const caches = new Map(periods.map((p) => [p.site.id, new PolicyCache(em, p.site)]));
      for (const k of live) {
        const { calendar } = await caches.get(k.site_id)!.get(k.policy_version);
        const r = readClock({ key: k.key, kind: k.kind, startedAt: k.started_at, targetMinutes: k.target_minutes, promisedAt: k.promised_at, stoppedAt: k.stopped_at }, calendar, pauses.get(k.complaint_id) ?? [], now);
        ids.push(k.complaint_id);
        kinds.push(k.kind);
        status.push(r.status);
      }
    }
    return [...ps, ids, kinds, status];
  }

  async statistics(site: SiteRef, q: StatisticsQuery, now = new Date()): Promise<ComplaintStatisticsDto> {
    this.checkPeriod(q);
    const period = this.period(site, q);
    const em = this.ds.manager;
    const params = await this.params(em, [period], now);
    const [groups, calls]: [GroupRow[], CallRow[]] = await Promise.all([em.query(groupedSql(false), params), em.query(callsSql(false), params.slice(0, 4))]);
    // Labels: the category names of the current policy, staff members' names.
    const { policy } = await this.policies.current(site, em);
    const categoryNames = new Map(policy.categories.map((c) => [c.code, c.name]));
    const staffNames = await userNames(em, groups.filter((g) => g.grouping === 'staff' && g.key !== 'none').map((g) => g.key));
    const label = (by: ComplaintGrouping, key: string) => (by === 'category' ? categoryNames.get(key) : by === 'staff' ? staffNames.get(key) : undefined) ?? key;
    const tables = Object.fromEntries(
      COMPLAINT_GROUPINGS.map((by) => [
        by,
        groups
          .filter((g) => g.grouping === by)
          .sort((a, b) => a.key.localeCompare(b.key))
          .map((g) => ({ ...rowOf(g), label: label(by, g.key) })),
      ]),
    ) as Record<ComplaintGrouping, LabelledRow[]>;
    const all = groups.find((g) => g.grouping === 'all');
    const total = all ? rowOf(all) : EMPTY_ROW('all');
    return {
      period: q.month ?? q.year!,
      from: period.from,
      to: period.to,
      total: total.total,
      tables,
      firstResponse: total.firstResponse,
      resolution: total.resolution,
      sla: total.sla,
      satisfaction: satisfactionOf(calls[0]),
      memberFollowUp: coverageOf(calls[0]),
    };
  }

  /**
   * CMP-8 for a director or an admin: the period on each of `sites` (each in its own zone) and the
   * organization's totals over all their complaints together, in two statements.
   */
  async organization(sites: SiteRef[], q: { month?: string; year?: string }, now = new Date()): Promise<{ period: string; sites: (ComplaintSummary & { siteId: string; siteCode: string; siteName: string; from: string; to: string })[]; totals: ComplaintSummary }> {
    this.checkPeriod(q);
    const periods = sites.map((s) => this.period(s, q));
    const em = this.ds.manager;
    const params = await this.params(em, periods, now);
    const [groups, calls]: [GroupRow[], CallRow[]] = periods.length ? await Promise.all([em.query(groupedSql(true), params), em.query(callsSql(true), params.slice(0, 4))]) : [[], []];
    const summary = (siteId: string | null): ComplaintSummary => {
      const g = groups.find((r) => r.grouping === 'all' && r.site_id === siteId);
      const c = calls.find((r) => r.site_id === siteId) ?? { site_id: siteId, calls: 0, score_sum: null, score_median: null, score_p90: null, solved: 0, charged: 0, satisfied: 0, neutral: 0, unsatisfied: 0, reopened: 0, owed: 0, missing: [] };
      const { key: _key, ...row } = g ? rowOf(g) : EMPTY_ROW('all');
      return { ...row, satisfaction: satisfactionOf(c), memberFollowUp: coverageOf(c) };
    };
    return {
      period: q.month ?? q.year!,
      sites: periods.map((p) => ({ siteId: p.site.id, siteCode: p.site.code, siteName: p.site.name, from: p.from, to: p.to, ...summary(p.site.id) })),
      totals: summary(null),
    };
  }

  csv(stats: ComplaintStatisticsDto, by: ComplaintGrouping): Buffer {
    return csvBuffer(
      COLUMNS.map(([zh, en]) => `${zh} ${en}`),
      stats.tables[by].map((r) => COLUMNS.map(([, , f]) => f(r))),
    );
  }

  async xlsx(stats: ComplaintStatisticsDto, siteName: string): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'SiteDesk';
    const summary = wb.addWorksheet(`汇总 summary ${stats.period}`);
    summary.addRow([`${siteName} 顾客投诉分类统计表 Complaint statistics ${stats.period}`]);
    summary.addRow(['总数 total', stats.total]);
    summary.addRow(['首次响应中位数(分) first response median', stats.firstResponse.median ?? '']);
    summary.addRow(['首次响应P90(分) first response p90', stats.firstResponse.p90 ?? '']);
    summary.addRow(['解决中位数(分) resolution median', stats.resolution.median ?? '']);
    summary.addRow(['解决P90(分) resolution p90', stats.resolution.p90 ?? '']);
    summary.addRow(['首次响应达标率% first response SLA', rate(stats.sla.firstResponse.rate)]);
    summary.addRow(['解决达标率% resolution SLA', rate(stats.sla.resolution.rate)]);
    summary.addRow(['回访数 follow-up calls', stats.satisfaction.calls]);
    summary.addRow(['平均分 average score', stats.satisfaction.averageScore ?? '']);
    summary.addRow(['会员回访率% member call-back rate', rate(stats.memberFollowUp.rate)]);
    summary.getColumn(1).width = 40;
    const names: Record<ComplaintGrouping, string> = { category: '类别 category', department: '部门 department', staff: '员工 staff', channel: '渠道 channel', month: '月份 month' };
    for (const by of COMPLAINT_GROUPINGS) {
      const ws = wb.addWorksheet(names[by]);
      ws.addRow(COLUMNS.map(([zh, en]) => `${zh}\n${en}`));
      ws.getRow(1).font = { bold: true };
      ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
      for (const r of stats.tables[by]) ws.addRow(COLUMNS.map(([, , f]) => f(r)));
      ws.columns.forEach((c, i) => (c.width = i === 0 ? 38 : 14));
      ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 1 }];
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** The organization's table: a row per site, then the totals (顾客投诉统计 by site). */
  private organizationTable(o: OrganizationStatistics): { header: string[]; rows: Cell[][] } {
    const cells = (r: ComplaintSummary): Cell[] => [
      ...COLUMNS.slice(2).map(([, , f]) => f({ ...r, key: '', label: '' })),
      r.satisfaction.calls,
      r.satisfaction.averageScore === null ? '' : Math.round(r.satisfaction.averageScore * 100) / 100,
      rate(r.satisfaction.solvedRate),
      rate(r.memberFollowUp.rate),
    ];
    return {
      header: ['站点代码 site code', '站点 site', ...COLUMNS.slice(2).map(([zh, en]) => `${zh} ${en}`), '回访数 follow-up calls', '平均分 average score', '解决率% solved', '会员回访率% member call-back'],
      rows: [...o.sites.map((s) => [s.siteCode, s.siteName, ...cells(s)]), ['', '合计 total', ...cells(o.totals)]],
    };
  }

  organizationCsv(o: OrganizationStatistics): Buffer {
    const t = this.organizationTable(o);
    return csvBuffer(t.header, t.rows);
  }

  organizationXlsx(o: OrganizationStatistics): Promise<Buffer> {
    const t = this.organizationTable(o);
    return xlsxBuffer(`统计 ${o.period}`, `顾客投诉统计（各站点） Complaint statistics by site ${o.period}`, t.header, t.rows);
  }
}

export type OrganizationStatistics = Awaited<ReturnType<ComplaintStatisticsService['organization']>> & { organizationId?: string };
