import type { FollowUpReportFigures, ReportPeriodKind } from '@sitedesk/domain';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SiteScoped } from '../../database/site-scoped.js';

/**
 * CMP-8: the follow-up summary report (回访总结报告) of a site and a site-local week or month. A
 * supervisor or manager drafts the causes (原因分析) and improvements (改进措施); publishing freezes the
 * figures (`figures`) with the text. A revision after publishing is a new draft with the next version;
 * published versions are never changed. At most one draft per site and period.
 */
@Entity('complaint_follow_up_report')
@Check('CHK_complaint_follow_up_report_status', `status IN ('draft', 'published')`)
@Check('CHK_complaint_follow_up_report_kind', `period_kind IN ('week', 'month')`)
@Check('CHK_complaint_follow_up_report_frozen', `(status = 'published') = (figures IS NOT NULL AND published_at IS NOT NULL)`)
@Index(['siteId', 'period', 'version'], { unique: true })
@Index('UQ_complaint_follow_up_report_draft', ['siteId', 'period'], { unique: true, where: `status = 'draft'` })
@Index(['siteId', 'status', 'publishedAt'])
export class ComplaintFollowUpReport extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** `2026-W47` or `2026-11`. */
  @Column('text') period: string;
  @Column('text', { name: 'period_kind' }) periodKind: ReportPeriodKind;
  @Column('date', { name: 'period_from' }) periodFrom: string;
  @Column('date', { name: 'period_to' }) periodTo: string;
  @Column('int') version: number;
  @Column('text') status: 'draft' | 'published';
  @Column('text', { default: '' }) causes: string;
  @Column('text', { default: '' }) improvements: string;
  /** The figures frozen at publishing; `null` on a draft (its figures are computed live). */
  @Column('jsonb', { nullable: true }) figures: FollowUpReportFigures | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy: string | null;
  @Column('uuid', { name: 'published_by', nullable: true }) publishedBy: string | null;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}
