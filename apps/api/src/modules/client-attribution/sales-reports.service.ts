import { Injectable } from '@nestjs/common';
import { activityFigures, followUpDueAt, localDate, periodRange, zonedTime, type ActivityEvent, type ActivityFigures, type SalesPeriod } from '@sitedesk/domain';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { userNames } from '../../platform/identity/user-names.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { csvBuffer } from '../../platform/http/table-export.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { AttendanceIncident } from '../attendance/attendance.entities.js';
import { DailyWorkFiling } from './follow-ups.entities.js';
import type { ConsultantFiguresDto, DailyWorkFilingDto, DailyWorkReportDto, DailyWorkStatusDto, SalesReportDto } from './sales-reports.dto.js';
import { ClientPolicyService } from './policy.service.js';

const addDay = (d: string) => {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10);
};

/** The columns of the exports: key, zh-CN and English headers. */
const COLUMNS: [keyof ConsultantFiguresDto, string, string][] = [
  ['displayName', '置业顾问', 'Consultant'],
  ['callRecords', '来电数', 'Calls'],
  ['visitRecords', '来访数', 'Visits'],
  ['followUps', '跟进数', 'Follow-ups'],
  ['deals', '成交数', 'Deals'],
  ['calls', '来电客户', 'Callers'],
  ['callsThatVisited', '来电转访', 'Callers who visited'],
  ['callToVisitRate', '来电转访率', 'Call-to-visit rate'],
  ['visits', '来访客户', 'Visitors'],
  ['visitsThatDealt', '来访成交', 'Visitors who bought'],
  ['visitToDealRate', '来访成交率', 'Visit-to-deal rate'],
  ['lateEntries', '补录(非当天)', 'Late entries'],
  ['missedFollowUps', '漏跟进', 'Missed follow-ups'],
  ['finesFen', '罚款(元)', 'Fines (yuan)'],
];

const cell = (r: ConsultantFiguresDto, k: keyof ConsultantFiguresDto): string | number => {
  const v = r[k];
  if (k === 'finesFen') return (v as number) / 100;
  return v === null || v === undefined ? '' : (v as string | number);
};

/** The report's last row: the site's figures with the consultants' fines and missed follow-ups added up. */
const siteTotal = (report: SalesReportDto): ConsultantFiguresDto => ({
  consultantId: '',
  displayName: '合计 Site',
  ...report.site,
  missedFollowUps: report.consultants.reduce((n, c) => n + c.missedFollowUps, 0),
  finesFen: report.consultants.reduce((n, c) => n + c.finesFen, 0),
});

/**
 * CA-14 conversion figures and the CA-19 reports, computed from the customer events of the period in the
 * site's time zone (GEN-4): calls, received visits, follow-ups and deals (customer events of kind
 * `deal`), late entries (GEN-11), missed follow-ups and their fines (CA-5, GEN-9).
 */
@Injectable()
export class SalesReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly policies: ClientPolicyService,
    private readonly audit: AuditService,
  ) {}

  private async events(site: SiteRef, from: Date, to: Date): Promise<ActivityEvent[]> {
    const rows: { kind: ActivityEvent['kind']; customer_id: string; consultant_id: string; at: Date; late_entry: boolean }[] = await this.ds.query(
      `SELECT kind, customer_id, consultant_id, at, late_entry FROM customer_event
        WHERE site_id = $1 AND at >= $2 AND at < $3 AND consultant_id IS NOT NULL
          AND (kind IN ('call', 'follow_up', 'deal') OR (kind = 'visit' AND coalesce(details->>'role', 'receive') = 'receive'))`,
      [site.id, from, to],
    );
    return rows.map((r) => ({ kind: r.kind, customerId: r.customer_id, consultantId: r.consultant_id, at: r.at, lateEntry: r.late_entry }));
  }

  async report(site: SiteRef, period: SalesPeriod, date: string, onlyConsultant?: string): Promise<SalesReportDto> {
    const { from, to } = periodRange(period, date);
    const start = zonedTime(from, '00:00', site.timeZone);
    const end = zonedTime(addDay(to), '00:00', site.timeZone);
    const { version } = await this.policies.current(site);
    const events = await this.events(site, start, end);
    const staff: { user_id: string }[] = await this.ds.query(`SELECT DISTINCT user_id FROM role_assignment WHERE site_id = $1 AND role = 'consultant' AND revoked_at IS NULL`, [site.id]);
    const ids = [...new Set([...staff.map((s) => s.user_id), ...events.map((e) => e.consultantId)])].filter((id) => !onlyConsultant || id === onlyConsultant);
    const misses: { owner_id: string; n: number }[] = await this.ds.query(
      `SELECT owner_id, count(*)::int AS n FROM client_follow_up_miss WHERE site_id = $1 AND due_at >= $2 AND due_at < $3 GROUP BY owner_id`,
      [site.id, start, end],
    );
    const fines: { user_id: string; fen: string }[] = await this.ds.query(
      `SELECT user_id, sum(amount_fen) AS fen FROM discipline_entry
        WHERE site_id = $1 AND source_module = 'client-attribution' AND rule_id IN ('CA-5', 'GEN-11') AND voided_at IS NULL AND issued_at >= $2 AND issued_at < $3 GROUP BY user_id`,
      [site.id, start, end],
    );
    const names = await userNames(this.ds.manager, ids);
    const consultants = ids
      .map((id) => ({
        consultantId: id,
        displayName: names.get(id) ?? '',
        ...activityFigures(events, id),
        missedFollowUps: misses.find((m) => m.owner_id === id)?.n ?? 0,
        finesFen: Number(fines.find((f) => f.user_id === id)?.fen ?? 0),
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') || a.consultantId.localeCompare(b.consultantId));
    const site_: ActivityFigures = activityFigures(events);
    return { siteId: site.id, period, from, to, policyVersion: version, site: site_, consultants };
  }

  /** CA-19: a consultant's day — the figures and the follow-ups still due by the end of the day. */
  async dailyWork(site: SiteRef, date: string, consultantId: string): Promise<DailyWorkReportDto> {
    const r = await this.report(site, 'day', date, consultantId);
    const figures = r.consultants[0] ?? { consultantId, displayName: (await userNames(this.ds.manager, [consultantId])).get(consultantId) ?? '', ...activityFigures([]), missedFollowUps: 0, finesFen: 0 };
    const { policy } = await this.policies.current(site);
    const endOfDay = zonedTime(addDay(date), '00:00', site.timeZone);
    const outstanding: DailyWorkReportDto['followUpsOutstanding'] = [];
    // Due by the end of the day and not recorded before it (for a past day: what was left undone).
    {
      const rows: { id: string; name: string; phone: string; owner_since: Date; protected_until: Date; visited: boolean; last_at: Date | null }[] = await this.ds.query(
        `SELECT c.id, c.name, c.phone, c.owner_since, c.protected_until, c.visited,
                (SELECT max(e.at) FROM customer_event e WHERE e.customer_id = c.id AND e.kind = 'follow_up' AND e.consultant_id = c.owner_id AND e.at < $3) AS last_at
           FROM customer c WHERE c.site_id = $1 AND c.owner_id = $2 AND c.protected_until > $3 AND c.owner_since < $3`,
        [site.id, consultantId, endOfDay],
      );
      for (const c of rows) {
        const dueAt = followUpDueAt({ customerId: c.id, ownerId: consultantId, ownedSince: c.owner_since, visited: c.visited, lastFollowUpAt: c.last_at }, policy);
        if (dueAt < endOfDay) outstanding.push({ customerId: c.id, customerName: c.name || c.phone, dueAt });
      }
      outstanding.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    }
    return { siteId: site.id, date, figures, followUpsOutstanding: outstanding, complete: outstanding.length === 0 };
  }

  /**
   * CA-19: the consultant files today's report before leaving — refused while a follow-up due today is
   * not recorded (409 FOLLOW_UPS_OUTSTANDING); once per day (the unique index decides between two
   * filings at once: 409 DAILY_REPORT_FILED). The figures are kept as filed; audited.
   */
  async file(site: SiteRef, userId: string, note: string | undefined): Promise<DailyWorkFilingDto> {
    const date = localDate(new Date(), site.timeZone);
    const day = await this.dailyWork(site, date, userId);
    if (!day.complete) {
      throw new ProblemException(409, 'FOLLOW_UPS_OUTSTANDING', `the day's follow-ups come first (CA-19): ${day.followUpsOutstanding.length} still due`, {
        outstanding: day.followUpsOutstanding.map((o) => ({ customerId: o.customerId, customerName: o.customerName, dueAt: o.dueAt.toISOString() })),
      });
    }
    return this.ds.transaction(async (em) => {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(DailyWorkFiling)
        .values({ siteId: site.id, userId, date, figures: day.figures as never, note: note?.trim() || null })
        .orIgnore()
        .returning(['id'])
        .execute();
      if (!inserted.raw.length) throw new ProblemException(409, 'DAILY_REPORT_FILED', `the report of ${date} is already filed`);
      const row = await em.getRepository(DailyWorkFiling).findOneByOrFail({ id: inserted.raw[0].id });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.daily_report_filed', entityType: 'client_daily_report', entityId: row.id, after: { date, figures: day.figures } });
      return this.filingDto(row, day.figures.displayName);
    });
  }

  private filingDto(row: DailyWorkFiling, displayName: string): DailyWorkFilingDto {
    return { id: row.id, date: row.date, consultantId: row.userId, displayName, figures: row.figures as unknown as ConsultantFiguresDto, note: row.note, filedAt: row.filedAt, verdict: row.verdict, judgementReason: row.judgementReason };
  }

  /**
   * CA-19 (002 篇七): the supervisor finds a filed report false (a day's absence) or unfinished (half a
   * day). Recorded once, on the filing and as an attendance incident of the consultant's day, so the
   * day and the month count it (a submitted month changes only by its revision); audited.
   */
  async judge(site: SiteRef, id: string, by: string, body: { verdict: 'false' | 'unfinished'; reason: string }): Promise<DailyWorkFilingDto> {
    return this.ds.transaction(async (em) => {
      const row = await em.getRepository(DailyWorkFiling).findOne({ where: { id, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('daily work report');
      if (row.userId === by) throw new ProblemException(403, 'SELF_APPROVAL_FORBIDDEN', 'nobody judges their own report (GEN-6)');
      if (row.verdict) throw new ProblemException(409, 'DAILY_REPORT_JUDGED', `the report is already found ${row.verdict}`);
      const now = new Date();
      Object.assign(row, { verdict: body.verdict, judgedBy: by, judgedAt: now, judgementReason: body.reason.trim() });
      await em.getRepository(DailyWorkFiling).save(row);
      await em.getRepository(AttendanceIncident).insert({
        siteId: site.id,
        userId: row.userId,
        date: row.date,
        kind: body.verdict === 'false' ? 'false_work_report' : 'unfinished_work_report',
        note: `CA-19: ${body.reason.trim()}`,
        recordedBy: by,
      });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'client.daily_report_judged', entityType: 'client_daily_report', entityId: row.id, after: { verdict: row.verdict, date: row.date, userId: row.userId }, reason: row.judgementReason });
      const names = await userNames(em, [row.userId]);
      return this.filingDto(row, names.get(row.userId) ?? '');
    });
  }

  /** CA-19: who filed the day's report and who did not (the supervisor's view of the day). */
  async filings(site: SiteRef, date: string): Promise<DailyWorkStatusDto[]> {
    const staff: { user_id: string }[] = await this.ds.query(`SELECT DISTINCT user_id FROM role_assignment WHERE site_id = $1 AND role = 'consultant' AND revoked_at IS NULL`, [site.id]);
    const rows = await this.ds.getRepository(DailyWorkFiling).find({ where: { siteId: site.id, date } });
    const ids = [...new Set([...staff.map((s) => s.user_id), ...rows.map((r) => r.userId)])];
    const names = await userNames(this.ds.manager, ids);
    return ids
      .map((id) => {
        const row = rows.find((r) => r.userId === id);
        const displayName = names.get(id) ?? '';
        return { consultantId: id, displayName, status: row ? 'filed' : 'not_filed', filing: row ? this.filingDto(row, displayName) : null };
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN') || a.consultantId.localeCompare(b.consultantId));
  }

  csv(report: SalesReportDto): Buffer {
    return csvBuffer(
      COLUMNS.map(([, zh, en]) => `${zh} ${en}`),
      [...report.consultants, siteTotal(report)].map((r) => COLUMNS.map(([k]) => cell(r, k))),
    );
  }

  async xlsx(report: SalesReportDto, siteName: string): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'SiteDesk';
    const ws = wb.addWorksheet(`销售报表 ${report.from}`);
    ws.addRow([`${siteName} 销售报表 Sales report ${report.period}: ${report.from} – ${report.to}`, '', `policy v${report.policyVersion}`]);
    ws.addRow(COLUMNS.map(([, zh, en]) => `${zh}\n${en}`));
    ws.getRow(2).font = { bold: true };
    ws.getRow(2).alignment = { wrapText: true, vertical: 'middle' };
    for (const r of report.consultants) ws.addRow(COLUMNS.map(([k]) => cell(r, k)));
    ws.addRow(COLUMNS.map(([k]) => cell(siteTotal(report), k))).font = { bold: true };
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 20 : 12));
    ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
