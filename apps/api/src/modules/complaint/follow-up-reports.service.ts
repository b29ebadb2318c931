import { Injectable } from '@nestjs/common';
import {
  checkPublishable,
  followUpReportFigures,
  isDomainError,
  parseReportPeriod,
  validateReportText,
  type FollowUpReportFigures,
  type ReportCall,
  type ReportPeriod,
  type ReportText,
} from '@sitedesk/domain';
import ExcelJS from 'exceljs';
import { DataSource, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { fromDomainError, ProblemException } from '../../platform/errors/problem.js';
import { EventsService } from '../../platform/events/events.service.js';
import { csvBuffer, type Cell } from '../../platform/http/table-export.js';
import { page } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { ComplaintFollowUp } from './complaint.entities.js';
import type { FollowUpReportDto, FollowUpReportFiguresDto, FollowUpReportSummaryDto, PublishedFollowUpReportsQuery } from './follow-up-report.dto.js';
import { ComplaintFollowUpReport } from './follow-up-report.entities.js';
import { ComplaintPolicyService } from './policy.service.js';

const domain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw isDomainError(e) ? fromDomainError(e) : e;
  }
};

const pct = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);
const round1 = (v: number | null) => (v === null ? '' : Math.round(v * 10) / 10);

/**
 * CMP-8: the follow-up summary report (回访总结报告). The figures are computed by the domain from the
 * follow-up calls planned in the site-local week or month; a supervisor or manager drafts the causes and
 * improvements and publishes them, which freezes the figures. Every write locks the site's period
 * (advisory lock), runs in one transaction with its audit record and announces itself on the site's
 * live events.
 */
@Injectable()
export class ComplaintFollowUpReportsService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly policies: ComplaintPolicyService,
  ) {}

  period(site: SiteRef, key: string): ReportPeriod {
    return domain(() => parseReportPeriod(key, site.timeZone));
  }

  /** The live figures: the calls planned in the period, with their complaint's facts, read at `now`. */
  async figures(em: EntityManager, site: SiteRef, period: ReportPeriod, now: Date): Promise<FollowUpReportFiguresDto> {
    const rows: {
      id: string;
      complaint_id: string;
      status: ReportCall['status'];
      planned_at: Date;
      due_by: Date;
      done_at: Date | null;
      answers: ReportCall['answers'];
      reopened: boolean;
      important_customer: boolean;
      complainant_name: string;
      category: string | null;
      department: string | null;
    }[] = await em
      .getRepository(ComplaintFollowUp)
      .createQueryBuilder('f')
      .innerJoin('complaint', 'c', 'c.id = f.complaint_id AND c.site_id = f.site_id')
      .select(['f.id AS id', 'f.complaint_id AS complaint_id', 'f.status AS status', 'f.planned_at AS planned_at', 'f.due_by AS due_by', 'f.done_at AS done_at', 'f.answers AS answers', 'f.reopened AS reopened'])
      .addSelect(['c.important_customer AS important_customer', 'c.complainant_name AS complainant_name', 'c.category AS category', 'c.department AS department'])
      .where('f.site_id = :site AND f.planned_at >= :start AND f.planned_at < :end', { site: site.id, start: period.start, end: period.end })
      .getRawMany();
    const calls: ReportCall[] = rows.map((r) => ({
      id: r.id,
      complaintId: r.complaint_id,
      status: r.status,
      plannedAt: new Date(r.planned_at),
      dueBy: new Date(r.due_by),
      doneAt: r.done_at ? new Date(r.done_at) : null,
      answers: r.answers,
      reopened: r.reopened,
      complaint: { importantCustomer: r.important_customer, complainantName: r.complainant_name, category: r.category, department: r.department },
    }));
    const f = followUpReportFigures(period, calls, now);
    const { policy } = await this.policies.current(site, em);
    const names = new Map(policy.categories.map((c) => [c.code, c.name]));
    return { ...f, unsatisfiedCalls: f.unsatisfiedCalls.map((u) => ({ ...u, categoryName: u.category ? (names.get(u.category) ?? u.category) : null })) };
  }

  async get(site: SiteRef, key: string, version?: number, now = new Date()): Promise<FollowUpReportDto> {
    const period = this.period(site, key);
    return this.dto(this.ds.manager, site, period, version, now);
  }

  private async dto(em: EntityManager, site: SiteRef, period: ReportPeriod, version: number | undefined, now: Date): Promise<FollowUpReportDto> {
    const rows = await em.getRepository(ComplaintFollowUpReport).find({ where: { siteId: site.id, period: period.key }, order: { version: 'DESC' } });
    const draft = rows.find((r) => r.status === 'draft') ?? null;
    const published = rows.filter((r) => r.status === 'published');
    const shown = version === undefined ? (published[0] ?? null) : (published.find((r) => r.version === version) ?? null);
    if (version !== undefined && !shown) throw new ProblemException(404, 'NOT_FOUND', `version ${version} of the report ${period.key} is not published`);
    const names = await userNames(em, [draft?.updatedBy, ...published.map((r) => r.publishedBy)]);
    const name = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
    return {
      siteId: site.id,
      period: period.key,
      kind: period.kind,
      from: period.from,
      to: period.to,
      ended: now >= period.end,
      live: await this.figures(em, site, period, now),
      draft: draft ? { version: draft.version, causes: draft.causes, improvements: draft.improvements, updatedByName: name(draft.updatedBy), updatedAt: draft.updatedAt } : null,
      published: shown ? { version: shown.version, causes: shown.causes, improvements: shown.improvements, figures: shown.figures as FollowUpReportFiguresDto, publishedAt: shown.publishedAt!, publishedByName: name(shown.publishedBy) } : null,
      versions: published.map((r) => ({ version: r.version, publishedAt: r.publishedAt!, publishedByName: name(r.publishedBy) })),
    };
  }

  private lock(em: EntityManager, site: SiteRef, period: ReportPeriod) {
    return em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`complaint_follow_up_report:${site.id}:${period.key}`]);
  }

  /**
   * Save the draft's text. No draft yet: one is started with the next version (after a publication, a
   * revision; it starts from nothing — the client sends the text it wants).
   */
  async save(site: SiteRef, key: string, userId: string, text: ReportText, now = new Date()): Promise<FollowUpReportDto> {
    const period = this.period(site, key);
    const errors = validateReportText(text);
    if (errors.length) throw validationFailed(errors);
    return this.ds.transaction(async (em) => {
      await this.lock(em, site, period);
      const repo = em.getRepository(ComplaintFollowUpReport);
      const draft = await repo.findOne({ where: { siteId: site.id, period: period.key, status: 'draft' } });
      let row: ComplaintFollowUpReport;
      const before = draft ? { version: draft.version, causes: draft.causes, improvements: draft.improvements } : null;
      if (draft) {
        draft.causes = text.causes;
        draft.improvements = text.improvements;
        draft.updatedBy = userId;
        draft.updatedAt = now;
        row = await repo.save(draft);
      } else {
        const last = (await repo.maximum('version', { siteId: site.id, period: period.key })) ?? 0;
        row = await repo.save(
          repo.create({ siteId: site.id, period: period.key, periodKind: period.kind, periodFrom: period.from, periodTo: period.to, version: last + 1, status: 'draft', causes: text.causes, improvements: text.improvements, figures: null, createdBy: userId, updatedBy: userId, updatedAt: now }),
        );
      }
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'complaint.follow_up_report_saved', entityType: 'complaint_follow_up_report', entityId: row.id, before, after: { period: period.key, version: row.version, causes: row.causes, improvements: row.improvements } });
      await this.events.publish(em, site.id, 'complaint.follow_up_report_saved', { period: period.key, version: row.version });
      return this.dto(em, site, period, undefined, now);
    });
  }

  /**
   * Publish the draft: the period must be over and the text written (the domain's `checkPublishable`);
   * the figures computed now are frozen into the row. Two publishers at once: the lock makes the second
   * find no draft (409 `FOLLOW_UP_REPORT_NO_DRAFT`).
   */
  async publish(site: SiteRef, key: string, userId: string, now = new Date()): Promise<FollowUpReportDto> {
    const period = this.period(site, key);
    return this.ds.transaction(async (em) => {
      await this.lock(em, site, period);
      const repo = em.getRepository(ComplaintFollowUpReport);
      const draft = await repo.findOne({ where: { siteId: site.id, period: period.key, status: 'draft' } });
      if (!draft) throw new ProblemException(409, 'FOLLOW_UP_REPORT_NO_DRAFT', `there is no draft of the report ${period.key} to publish: save the causes and improvements first`, { period: period.key });
      domain(() => checkPublishable(period, draft, now));
      const figures = await this.figures(em, site, period, now);
      await repo.update({ id: draft.id }, { status: 'published', figures: figures as FollowUpReportFigures, publishedAt: now, publishedBy: userId, updatedBy: userId, updatedAt: now });
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'complaint.follow_up_report_published',
        entityType: 'complaint_follow_up_report',
        entityId: draft.id,
        after: { period: period.key, version: draft.version, causes: draft.causes, improvements: draft.improvements, figures },
      });
      await this.events.publish(em, site.id, 'complaint.follow_up_report_published', { period: period.key, version: draft.version });
      return this.dto(em, site, period, draft.version, now);
    });
  }

  async listPublished(site: SiteRef, q: PublishedFollowUpReportsQuery) {
    const size = q.pageSize ?? 50;
    const [rows, total] = await this.ds.getRepository(ComplaintFollowUpReport).findAndCount({
      where: { siteId: site.id, status: 'published', ...(q.kind ? { periodKind: q.kind } : {}) },
      order: { periodFrom: 'DESC', version: 'DESC' },
      skip: ((q.page ?? 1) - 1) * size,
      take: size,
    });
    const names = await userNames(this.ds.manager, rows.map((r) => r.publishedBy));
    const items: FollowUpReportSummaryDto[] = rows.map((r) => ({
      period: r.period,
      kind: r.periodKind,
      from: r.periodFrom,
      to: r.periodTo,
      version: r.version,
      publishedAt: r.publishedAt!,
      publishedByName: r.publishedBy ? (names.get(r.publishedBy) ?? null) : null,
      done: r.figures!.done,
      averageScore: r.figures!.averageScore,
      solvedRate: r.figures!.solvedRate,
    }));
    return page(items, total, q);
  }

  /** What a download holds: a published version, or the live figures with the draft's text. */
  printable(r: FollowUpReportDto): { status: string; version: number | null; figures: FollowUpReportFiguresDto; causes: string; improvements: string } {
    if (r.published) return { status: '已发布 published', version: r.published.version, figures: r.published.figures, causes: r.published.causes, improvements: r.published.improvements };
    return { status: '草稿 draft (live figures)', version: r.draft?.version ?? null, figures: r.live, causes: r.draft?.causes ?? '', improvements: r.draft?.improvements ?? '' };
  }

  private summaryRows(r: FollowUpReportDto, siteName: string): Cell[][] {
    const p = this.printable(r);
    const f = p.figures;
    return [
      ['站点 site', siteName],
      ['期间 period', `${r.period} (${r.from} – ${r.to})`],
      ['状态 status', p.status],
      ['版本 version', p.version ?? ''],
      ['计算时间 computed at', f.computedAt],
      ['计划回访 planned', f.planned],
      ['已回访 done', f.done],
      ['按时 on time', f.doneOnTime],
      ['逾期完成 done late', f.doneLate],
      ['取消 dropped', f.dropped],
      ['逾期未回访 overdue', f.overdue],
      ['待回访 pending', f.pending],
      ['解决率% solved rate', pct(f.solvedRate)],
      ['满意 satisfied', f.attitude.satisfied],
      ['一般 neutral', f.attitude.neutral],
      ['不满意 unsatisfied', f.attitude.unsatisfied],
      ['收费 fee charged', f.chargedCount],
      ['平均分 average score', round1(f.averageScore)],
      ...f.scoreDistribution.map((n, i): Cell[] => [`${i + 1} 分 score ${i + 1}`, n]),
      ['会员应回访 members owed', f.memberCoverage.owed],
      ['会员已回访 members called back', f.memberCoverage.calledBack],
      ['会员回访率% member call-back rate', pct(f.memberCoverage.rate)],
      ['重新处理 reopened (CMP-10)', f.reopened],
      ['原因分析 causes', p.causes],
      ['改进措施 improvements', p.improvements],
    ];
  }

  private unsatisfiedRows(f: FollowUpReportFiguresDto): Cell[][] {
    return f.unsatisfiedCalls.map((u) => [u.calledAt, u.complainantName, u.categoryName ?? '', u.department ?? '', u.score, u.attitude, u.solved ? 'yes' : 'no', u.reopened ? 'yes' : 'no', u.complaintId]);
  }
  private static UNSATISFIED_HEADER = ['回访时间 called at', '投诉人 complainant', '类别 category', '部门 department', '评分 score', '态度 attitude', '解决 solved', '重新处理 reopened', '投诉 complaint'];
  private static SUGGESTION_HEADER = ['回访时间 called at', '投诉人 complainant', '评分 score', '建议 suggestion', '投诉 complaint'];

  /** CSV: one table of item/value rows, then the unsatisfied calls and the suggestions. */
  csv(r: FollowUpReportDto, siteName: string): Buffer {
    const f = this.printable(r).figures;
    const rows: Cell[][] = [
      ...this.summaryRows(r, siteName),
      [],
      ['不满意回访 unsatisfied calls'],
      ComplaintFollowUpReportsService.UNSATISFIED_HEADER,
      ...this.unsatisfiedRows(f),
      [],
      ['顾客建议 suggestions'],
      ComplaintFollowUpReportsService.SUGGESTION_HEADER,
      ...f.suggestions.map((s) => [s.calledAt, s.complainantName, s.score, s.text, s.complaintId]),
    ];
    return csvBuffer(['项目 item', '值 value'], rows);
  }

  async xlsx(r: FollowUpReportDto, siteName: string): Promise<Buffer> {
    const f = this.printable(r).figures;
    const wb = new ExcelJS.Workbook();
    wb.creator = 'SiteDesk';
    const summary = wb.addWorksheet(`回访总结 ${r.period}`);
    summary.addRow([`${siteName} 回访总结报告 Follow-up summary report ${r.period}`]).font = { bold: true };
    for (const row of this.summaryRows(r, siteName)) summary.addRow(row);
    summary.getColumn(1).width = 36;
    summary.getColumn(2).width = 80;
    summary.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
    const unsatisfied = wb.addWorksheet('不满意 unsatisfied');
    unsatisfied.addRow(ComplaintFollowUpReportsService.UNSATISFIED_HEADER).font = { bold: true };
    for (const row of this.unsatisfiedRows(f)) unsatisfied.addRow(row);
    const suggestions = wb.addWorksheet('建议 suggestions');
    suggestions.addRow(ComplaintFollowUpReportsService.SUGGESTION_HEADER).font = { bold: true };
    for (const s of f.suggestions) suggestions.addRow([s.calledAt, s.complainantName, s.score, s.text, s.complaintId]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
