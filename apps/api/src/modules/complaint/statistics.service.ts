import { Injectable } from '@nestjs/common';
import {
  addDays,
  classificationTable,
  COMPLAINT_GROUPINGS,
  complaintFact,
  durationSummary,
  memberFollowUpCoverage,
  satisfaction,
  slaCompliance,
  zonedTime,
  type ClassificationRow,
  type ComplaintFact,
  type ComplaintGrouping,
  type FollowUpFact,
} from '@sitedesk/domain';
import ExcelJS from 'exceljs';
import { csvBuffer } from '../../platform/http/table-export.js';
import { DataSource, In } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { loadFacts, PolicyCache, snapshotOf } from './complaint-store.js';
import { ComplaintPolicyService } from './policy.service.js';
import type { ComplaintStatisticsDto, StatisticsQuery } from './complaint.dto.js';
import { Complaint, ComplaintFollowUp } from './complaint.entities.js';

const lastDayOfMonth = (month: string) => {
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

/**
 * CMP-8: complaint statistics for a site-local month or year, computed by the domain's pure functions
 * over the complaints received in the period, each read at the moment of the request (GEN-8).
 */
@Injectable()
export class ComplaintStatisticsService {
  constructor(
    private readonly ds: DataSource,
    private readonly policies: ComplaintPolicyService,
  ) {}

  async statistics(site: SiteRef, q: StatisticsQuery, now = new Date()): Promise<ComplaintStatisticsDto> {
    if (!!q.month === !!q.year) throw validationFailed([{ field: q.month ? 'year' : 'month', message: 'give either a month (YYYY-MM) or a year (YYYY)' }]);
    const from = q.month ? `${q.month}-01` : `${q.year}-01-01`;
    const to = q.month ? lastDayOfMonth(q.month) : `${q.year}-12-31`;
    const em = this.ds.manager;
    const rows = await em
      .getRepository(Complaint)
      .createQueryBuilder('c')
      .where('c.site_id = :site AND c.received_at >= :from AND c.received_at < :to', { site: site.id, from: zonedTime(from, '00:00', site.timeZone), to: zonedTime(addDays(to, 1), '00:00', site.timeZone) })
      .orderBy('c.received_at', 'ASC')
      .getMany();
    const policies = new PolicyCache(em, site);
    const facts: ComplaintFact[] = [];
    for (const f of await loadFacts(em, rows)) {
      const { calendar } = await policies.get(f.row.policyVersion);
      facts.push(complaintFact(snapshotOf(f), calendar, now));
    }
    const calls = rows.length ? await em.getRepository(ComplaintFollowUp).find({ where: { complaintId: In(rows.map((r) => r.id)), status: 'done' }, order: { doneAt: 'ASC' } }) : [];
    const followUps: FollowUpFact[] = calls
      .filter((c) => c.answers && c.doneAt)
      .map((c) => ({ complaintId: c.complaintId, calledAt: c.doneAt!, solved: c.answers!.solved, attitude: c.answers!.attitude, charged: c.answers!.charged, score: c.answers!.score, reopened: c.reopened }));
    // Labels: the category names of the current policy, staff members' names.
    const { policy } = await this.policies.current(site, em);
    const categoryNames = new Map(policy.categories.map((c) => [c.code, c.name]));
    const staffNames = await userNames(em, facts.flatMap((f) => f.staffIds));
    const label = (by: ComplaintGrouping, key: string) => (by === 'category' ? categoryNames.get(key) : by === 'staff' ? staffNames.get(key) : undefined) ?? key;
    const tables = Object.fromEntries(COMPLAINT_GROUPINGS.map((by) => [by, classificationTable(facts, by, site.timeZone).map((r) => ({ ...r, label: label(by, r.key) }))])) as Record<ComplaintGrouping, LabelledRow[]>;
    return {
      period: q.month ?? q.year!,
      from,
      to,
      total: facts.length,
      tables,
      firstResponse: durationSummary(facts.map((f) => f.firstResponseMinutes)),
      resolution: durationSummary(facts.map((f) => f.resolutionMinutes)),
      sla: slaCompliance(facts),
      satisfaction: satisfaction(followUps),
      memberFollowUp: memberFollowUpCoverage(facts, followUps),
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
}
