import { Injectable } from '@nestjs/common';
import { datesOfMonth, fen, localDate, reportDueDate, summarizeMonth, type MonthSummary } from '@sitedesk/domain';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { DisciplineService } from '../../platform/discipline/discipline.service.js';
import { ProblemException } from '../../platform/errors/problem.js';
import { canonicalJson } from '../../platform/http/canonical-json.js';
import { AttendanceDataService } from './attendance-data.service.js';
import { AttendanceMonth } from './attendance.entities.js';
import { AttendancePolicyService } from './policy.service.js';

export interface ReportRow extends Omit<MonthSummary, 'month'> {
  userId: string;
  displayName: string;
  login: string;
}

export interface MonthlyReport {
  siteId: string;
  month: string;
  status: 'draft' | 'submitted';
  dueDate: string;
  submittedAt: Date | null;
  submittedBy: string | null;
  submittedLate: boolean | null;
  revision: number;
  rows: ReportRow[];
}

/** The columns of the exports: key, zh-CN and English headers. */
const COLUMNS: [keyof ReportRow | string, string, string][] = [
  ['displayName', '姓名', 'Name'],
  ['login', '账号', 'Login'],
  ['scheduledDays', '应出勤天数', 'Scheduled days'],
  ['presentDays', '实出勤天数', 'Days present'],
  ['lateCount', '迟到次数', 'Late (times)'],
  ['lateMinutes', '迟到分钟', 'Late (minutes)'],
  ['earlyCount', '早退次数', 'Early leave (times)'],
  ['earlyMinutes', '早退分钟', 'Early leave (minutes)'],
  ['absenceDays', '旷工天数', 'Absence (days)'],
  ['leaveDays.personal', '事假天数', 'Personal leave (days)'],
  ['leaveDays.annual', '年假天数', 'Annual leave (days)'],
  ['leaveDays.sick', '病假天数', 'Sick leave (days)'],
  ['businessOutDays', '公出天数', 'Business out (days)'],
  ['correctedDays', '补卡天数', 'Corrected days'],
  ['finesYuan', '罚款(元)', 'Fines (yuan)'],
  ['bonusYuan', '全勤奖(元)', 'Bonus (yuan)'],
  ['deductionYuan', '扣款(元)', 'Deductions (yuan)'],
  ['flags', '提示', 'Flags'],
];

/** The columns that the organization-wide exports put before a site report's columns. */
const SITE_COLUMNS: [string, string, string][] = [
  ['siteCode', '项目编号', 'Site code'],
  ['siteName', '项目', 'Site'],
  ['status', '状态', 'Status'],
];

/** A CSV field: quoted when needed; a leading formula character is neutralised. */
const esc = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : s;
};

function cell(row: ReportRow, key: string): string | number {
  if (key === 'finesYuan') return row.finesFen / 100;
  if (key === 'bonusYuan') return row.bonusEarnedFen / 100;
  if (key === 'deductionYuan') return row.deductionFen === null ? '' : row.deductionFen / 100;
  if (key === 'flags') return row.flags.map((f) => `${f.code} (${f.ruleId})`).join('; ');
  const v = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], row);
  return typeof v === 'number' || typeof v === 'string' ? v : '';
}

/** ATT-14: the monthly attendance report, its exports, its submission (which locks it) and its approved revisions. */
@Injectable()
export class AttendanceReportService {
  constructor(
    private readonly ds: DataSource,
    private readonly data: AttendanceDataService,
    private readonly policies: AttendancePolicyService,
    private readonly discipline: DisciplineService,
    private readonly audit: AuditService,
  ) {}

  /** Everyone of the site's staff, judged day by day and summed (ATT-11..ATT-14). */
  async compute(site: SiteRef, month: string, now = new Date()): Promise<ReportRow[]> {
    // The site's staff (partners are not staff) with their names, as plain rows.
    const users: { id: string; display_name: string; login: string }[] = await this.ds.query(
      `SELECT u.id, u.display_name, u.login FROM app_user u
        WHERE u.id IN (SELECT r.user_id FROM role_assignment r WHERE r.site_id = $1 AND r.revoked_at IS NULL AND r.role <> 'partner')
        ORDER BY u.display_name ASC, u.id ASC`,
      [site.id],
    );
    if (!users.length) return [];
    const userIds = users.map((u) => u.id);
    const dates = datesOfMonth(month);
    const resolver = await this.policies.resolver(site);
    const [days, wageRows] = await Promise.all([
      this.data.evaluate(site, userIds, dates[0], dates[dates.length - 1], now, undefined, resolver),
      this.ds.query(`SELECT user_id, monthly_fen, daily_fen FROM attendance_wage WHERE site_id = $1 AND user_id = ANY($2::uuid[])`, [site.id, userIds]) as Promise<
        { user_id: string; monthly_fen: string | null; daily_fen: string | null }[]
      >,
    ]);
    // ATT-12: deductions need the wage the manager keeps; without one the report says so (null).
    const wages = new Map(
      wageRows.map((w) => [w.user_id, { ...(w.monthly_fen !== null ? { monthlyFen: fen(Number(w.monthly_fen)) } : {}), ...(w.daily_fen !== null ? { dailyFen: fen(Number(w.daily_fen)) } : {}) }]),
    );
    // People with no scheduled day in the month (a director, a developer-side approver) are not on the report.
    return users
      .map((u) => {
        const { month: _m, ...summary } = summarizeMonth(month, days.get(u.id) ?? [], resolver.versions, wages.get(u.id));
        return { userId: u.id, displayName: u.display_name, login: u.login, ...summary };
      })
      .filter((r) => r.scheduledDays > 0);
  }

  /**
   * The monthly report of several sites (the organization-wide report of a director or an admin): each
   * site's report exactly as `report` gives it (stored figures once submitted, computed for a draft),
   * a few sites at a time so that the database work of one overlaps the computing of another.
   */
  async organization(sites: SiteRef[], month: string, concurrency = 4): Promise<(MonthlyReport & { siteCode: string; siteName: string })[]> {
    const out: (MonthlyReport & { siteCode: string; siteName: string })[] = new Array(sites.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < sites.length; i = next++) out[i] = { ...(await this.report(sites[i], month)), siteCode: sites[i].code, siteName: sites[i].name };
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, sites.length) }, worker));
    return out;
  }

  async report(site: SiteRef, month: string): Promise<MonthlyReport> {
    const submitted = await this.ds.getRepository(AttendanceMonth).findOneBy({ siteId: site.id, month });
    const dueDate = reportDueDate(month);
    if (submitted) {
      return {
        siteId: site.id,
        month,
        status: 'submitted',
        dueDate,
        submittedAt: submitted.submittedAt,
        submittedBy: submitted.submittedBy,
        submittedLate: localDate(submitted.submittedAt, site.timeZone) > dueDate,
        revision: submitted.revision,
        rows: (submitted.report as { rows: ReportRow[] }).rows,
      };
    }
    return { siteId: site.id, month, status: 'draft', dueDate, submittedAt: null, submittedBy: null, submittedLate: null, revision: 0, rows: await this.compute(site, month) };
  }

  /** The clerk submits the month: the figures are stored and locked, and the fines go to the discipline register (GEN-9). */
  async submit(site: SiteRef, month: string, userId: string): Promise<MonthlyReport> {
    const today = localDate(new Date(), site.timeZone);
    if (today < `${month}-01`) throw new ProblemException(409, 'MONTH_NOT_STARTED', 'a month is submitted once it has begun');
    const rows = await this.compute(site, month);
    await this.ds.transaction(async (em) => {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(AttendanceMonth)
        .values({ siteId: site.id, month, submittedBy: userId, submittedAt: new Date(), report: { rows }, revision: 1 })
        .orIgnore()
        .returning(['id'])
        .execute();
      if (!inserted.raw.length) throw new ProblemException(409, 'MONTH_SUBMITTED', `${month} is already submitted; a correction needs the manager's revision`);
      for (const row of rows) {
        for (const [i, f] of row.fines.entries()) {
          await this.discipline.issue(em, site, { userId: row.userId, kind: f.kind, ruleId: f.ruleId, amountFen: fen(f.amountFen), evidence: `${f.date}: ${f.evidence}`, sourceModule: 'attendance', sourceRef: `${month}:${f.date}:${i}` }, userId);
        }
      }
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.month_submitted', entityType: 'attendance_month', entityId: inserted.raw[0].id, after: { month, people: rows.length } });
    });
    return this.report(site, month);
  }

  /** ATT-14: after submission, a correction is taken in only by a manager's revision, audited with the figures before and after. */
  async revise(site: SiteRef, month: string, managerId: string, reason: string): Promise<MonthlyReport> {
    const rows = await this.compute(site, month);
    await this.ds.transaction(async (em) => {
      const row = await em.getRepository(AttendanceMonth).findOne({ where: { siteId: site.id, month }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new ProblemException(409, 'MONTH_NOT_SUBMITTED', `${month} is not submitted: the draft already shows every correction`);
      const before = row.report as { rows: ReportRow[] };
      const changed = rows.filter((r) => canonicalJson(r) !== canonicalJson(before.rows.find((b) => b.userId === r.userId)));
      if (!changed.length) throw new ProblemException(409, 'NOTHING_TO_REVISE', 'no figure changed since the last revision');
      row.report = { rows };
      row.revision += 1;
      await em.getRepository(AttendanceMonth).save(row);
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'attendance.month_revised',
        entityType: 'attendance_month',
        entityId: row.id,
        before: { revision: row.revision - 1, rows: changed.map((c) => before.rows.find((b) => b.userId === c.userId) ?? null) },
        after: { revision: row.revision, rows: changed },
        reason,
        actorId: managerId,
      });
    });
    return this.report(site, month);
  }

  csv(report: MonthlyReport): Buffer {
    const lines = [COLUMNS.map(([, zh, en]) => esc(`${zh} ${en}`)).join(','), ...report.rows.map((r) => COLUMNS.map(([k]) => esc(cell(r, k as string))).join(','))];
    // A byte-order mark so that Excel opens the Chinese headers as UTF-8.
    return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  }

  /** The organization's report as one table: the site, its report's status, then the site report's columns. */
  organizationCsv(sites: (MonthlyReport & { siteCode: string; siteName: string })[]): Buffer {
    const lines = [
      [...SITE_COLUMNS.map(([, zh, en]) => `${zh} ${en}`), ...COLUMNS.map(([, zh, en]) => `${zh} ${en}`)].map(esc).join(','),
      ...sites.flatMap((s) => s.rows.map((r) => [s.siteCode, s.siteName, s.status, ...COLUMNS.map(([k]) => cell(r, k as string))].map(esc).join(','))),
    ];
    return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
  }

  async xlsx(report: MonthlyReport, siteName: string): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'SiteDesk';
    const ws = wb.addWorksheet(`考勤统计表 ${report.month}`);
    ws.addRow([`${siteName} 考勤统计表 Attendance report ${report.month}`, '', `${report.status === 'submitted' ? `已提交 submitted, revision ${report.revision}` : '草稿 draft'}`]);
    ws.addRow(COLUMNS.map(([, zh, en]) => `${zh}\n${en}`));
    ws.getRow(2).font = { bold: true };
    ws.getRow(2).alignment = { wrapText: true, vertical: 'middle' };
    for (const r of report.rows) ws.addRow(COLUMNS.map(([k]) => cell(r, k as string)));
    ws.columns.forEach((c, i) => (c.width = i < 2 ? 22 : 12));
    ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 1 }];
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async organizationXlsx(sites: (MonthlyReport & { siteCode: string; siteName: string })[], month: string): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'SiteDesk';
    const ws = wb.addWorksheet(`考勤统计表 ${month}`);
    ws.addRow([`考勤统计表（全部项目）Attendance report, all sites ${month}`]);
    ws.addRow([...SITE_COLUMNS, ...COLUMNS].map(([, zh, en]) => `${zh}\n${en}`));
    ws.getRow(2).font = { bold: true };
    ws.getRow(2).alignment = { wrapText: true, vertical: 'middle' };
    for (const s of sites) for (const r of s.rows) ws.addRow([s.siteCode, s.siteName, s.status, ...COLUMNS.map(([k]) => cell(r, k as string))]);
    ws.columns.forEach((c, i) => (c.width = i < 5 ? 18 : 12));
    ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 4 }];
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
