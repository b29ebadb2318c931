import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FOLLOW_UP_ATTITUDES, REPORT_PERIOD_KINDS, REPORT_TEXT_MAX, type FollowUpAttitude, type ReportPeriodKind } from '@sitedesk/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../platform/http/paging.js';

/** `2026-W47` (ISO week) or `2026-11` (month); the domain checks the week exists. */
export const REPORT_PERIOD = /^\d{4}-(W\d{2}|\d{2})$/;

export class FollowUpReportQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '2026-W47', description: 'A site-local ISO week (YYYY-Www, Monday–Sunday) or month (YYYY-MM)' })
  @Matches(REPORT_PERIOD, { message: 'period must be YYYY-Www or YYYY-MM' })
  period: string;
  @ApiPropertyOptional({ minimum: 1, description: 'A published version to show (default: the latest); a download of it when `format` is csv or xlsx' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  version?: number;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json', description: 'csv/xlsx: the published `version`, else the live figures with the draft text' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

export class PublishedFollowUpReportsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: REPORT_PERIOD_KINDS }) @IsOptional() @IsIn(REPORT_PERIOD_KINDS) kind?: ReportPeriodKind;
}

export class SaveFollowUpReportDto {
  @ApiProperty({ example: '维修人员周末不足，两次上门超时', maxLength: REPORT_TEXT_MAX, description: '原因分析 — causes (may be blank while drafting)' })
  @IsString()
  @MaxLength(REPORT_TEXT_MAX)
  causes: string;
  @ApiProperty({ example: '周末增派一名维修工；超时未上门由主管当日回电', maxLength: REPORT_TEXT_MAX, description: '改进措施 — improvements (may be blank while drafting)' })
  @IsString()
  @MaxLength(REPORT_TEXT_MAX)
  improvements: string;
}

export class ReportMemberCoverageDto {
  @ApiProperty() owed: number;
  @ApiProperty() calledBack: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'calledBack / owed (CMP-7: 100 %)' }) rate: number | null;
  @ApiProperty({ type: [String], description: 'Complaint ids of members not yet called back' }) missing: string[];
}

export class ReportAttitudeDto {
  @ApiProperty() satisfied: number;
  @ApiProperty() neutral: number;
  @ApiProperty() unsatisfied: number;
}

export class ReportUnsatisfiedCallDto {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty() complainantName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) category: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The category's name in the current policy" }) categoryName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) department: string | null;
  @ApiProperty({ format: 'date-time' }) calledAt: string;
  @ApiProperty() score: number;
  @ApiProperty({ enum: FOLLOW_UP_ATTITUDES }) attitude: FollowUpAttitude;
  @ApiProperty() solved: boolean;
  @ApiProperty({ description: 'CMP-10: the call reopened the complaint' }) reopened: boolean;
}

export class ReportSuggestionDto {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty() complainantName: string;
  @ApiProperty({ format: 'date-time' }) calledAt: string;
  @ApiProperty() score: number;
  @ApiProperty() text: string;
}

export class FollowUpReportFiguresDto {
  @ApiProperty({ example: '2026-W47' }) period: string;
  @ApiProperty({ example: '2026-11-16' }) from: string;
  @ApiProperty({ example: '2026-11-22' }) to: string;
  @ApiProperty({ format: 'date-time', description: 'When the figures were computed (a published report keeps its instant)' }) computedAt: string;
  @ApiProperty({ description: 'Calls planned in the period' }) planned: number;
  @ApiProperty() done: number;
  @ApiProperty() doneOnTime: number;
  @ApiProperty() doneLate: number;
  @ApiProperty() dropped: number;
  @ApiProperty() overdue: number;
  @ApiProperty() pending: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) solvedRate: number | null;
  @ApiProperty({ type: ReportAttitudeDto }) attitude: ReportAttitudeDto;
  @ApiProperty() chargedCount: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) averageScore: number | null;
  @ApiProperty({ type: [Number], description: '[i] = calls that scored i + 1 (1–10)' }) scoreDistribution: number[];
  @ApiProperty({ type: ReportMemberCoverageDto }) memberCoverage: ReportMemberCoverageDto;
  @ApiProperty({ description: 'CMP-10: calls that reopened their complaint' }) reopened: number;
  @ApiProperty({ type: [ReportUnsatisfiedCallDto] }) unsatisfiedCalls: ReportUnsatisfiedCallDto[];
  @ApiProperty({ type: [ReportSuggestionDto] }) suggestions: ReportSuggestionDto[];
}

export class FollowUpReportDraftDto {
  @ApiProperty({ description: 'The version it becomes when published' }) version: number;
  @ApiProperty() causes: string;
  @ApiProperty() improvements: string;
  @ApiPropertyOptional({ nullable: true, type: String }) updatedByName: string | null;
  @ApiProperty() updatedAt: Date;
}

export class PublishedFollowUpReportDto {
  @ApiProperty() version: number;
  @ApiProperty() causes: string;
  @ApiProperty() improvements: string;
  @ApiProperty({ type: FollowUpReportFiguresDto, description: 'Frozen at publishing' }) figures: FollowUpReportFiguresDto;
  @ApiProperty() publishedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedByName: string | null;
}

export class FollowUpReportVersionDto {
  @ApiProperty() version: number;
  @ApiProperty() publishedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedByName: string | null;
}

export class FollowUpReportDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: '2026-W47' }) period: string;
  @ApiProperty({ enum: REPORT_PERIOD_KINDS }) kind: ReportPeriodKind;
  @ApiProperty({ example: '2026-11-16' }) from: string;
  @ApiProperty({ example: '2026-11-22' }) to: string;
  @ApiProperty({ description: 'The period is over: it may be published' }) ended: boolean;
  @ApiProperty({ type: FollowUpReportFiguresDto, description: 'Computed now from the follow-up calls' }) live: FollowUpReportFiguresDto;
  @ApiPropertyOptional({ type: FollowUpReportDraftDto, nullable: true }) draft: FollowUpReportDraftDto | null;
  @ApiPropertyOptional({ type: PublishedFollowUpReportDto, nullable: true, description: 'The requested published version, else the latest' }) published: PublishedFollowUpReportDto | null;
  @ApiProperty({ type: [FollowUpReportVersionDto], description: 'Every published version, newest first' }) versions: FollowUpReportVersionDto[];
}

export class FollowUpReportSummaryDto {
  @ApiProperty({ example: '2026-W47' }) period: string;
  @ApiProperty({ enum: REPORT_PERIOD_KINDS }) kind: ReportPeriodKind;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() version: number;
  @ApiProperty() publishedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedByName: string | null;
  @ApiProperty() done: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) averageScore: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) solvedRate: number | null;
}
