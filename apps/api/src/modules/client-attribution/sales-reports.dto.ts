import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SALES_PERIODS } from '@sitedesk/domain';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from '../../platform/http/dates.js';

export class SalesReportQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ enum: SALES_PERIODS, description: 'CA-19: daily, weekly (Monday first), monthly or yearly' }) @IsIn(SALES_PERIODS) period: (typeof SALES_PERIODS)[number];
  @ApiProperty({ example: '2026-03-04', description: 'A local date inside the period' }) @IsCalendarDate() date: string;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

export class ConversionQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ enum: ['day', 'week', 'month'], description: 'CA-14: per day, week (Monday first) or month' }) @IsIn(['day', 'week', 'month']) period: 'day' | 'week' | 'month';
  @ApiProperty({ example: '2026-03-04' }) @IsCalendarDate() date: string;
}

export class DailyWorkQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '2026-03-04' }) @IsCalendarDate() date: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Supervisors and managers: whose report. Consultants always get their own.' }) @IsOptional() @IsUUID() consultantId?: string;
}

export class FiguresDto {
  @ApiProperty({ description: 'CA-14: customers who called (distinct)' }) calls: number;
  @ApiProperty({ description: 'of them, who visited after the call within the period' }) callsThatVisited: number;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 0.25, description: '来电转访率; null without calls' }) callToVisitRate: number | null;
  @ApiProperty({ description: 'CA-14: customers received at a visit (distinct)' }) visits: number;
  @ApiProperty({ description: 'of them, who bought after the visit within the period' }) visitsThatDealt: number;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 0.12, description: '来访成交率; null without visits' }) visitToDealRate: number | null;
  @ApiProperty({ description: 'CA-19: call records' }) callRecords: number;
  @ApiProperty({ description: 'CA-19: received visits' }) visitRecords: number;
  @ApiProperty({ description: 'CA-19: follow-ups recorded' }) followUps: number;
  @ApiProperty({ description: 'CA-19: deals' }) deals: number;
  @ApiProperty({ description: 'GEN-11: records entered on a later day' }) lateEntries: number;
}

export class ConsultantFiguresDto extends FiguresDto {
  @ApiProperty({ format: 'uuid' }) consultantId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ description: 'CA-5: missed follow-up due dates in the period (fined unless exempted)' }) missedFollowUps: number;
  @ApiProperty({ description: 'CA-5 and GEN-11 fines of the period from this module, in fen (voided ones excluded)' }) finesFen: number;
}

export class SalesReportDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: SALES_PERIODS }) period: string;
  @ApiProperty({ example: '2026-03-02' }) from: string;
  @ApiProperty({ example: '2026-03-08' }) to: string;
  @ApiProperty({ description: 'The client policy version in force when computed' }) policyVersion: number;
  @ApiProperty({ type: FiguresDto, description: 'The whole site' }) site: FiguresDto;
  @ApiProperty({ type: [ConsultantFiguresDto] }) consultants: ConsultantFiguresDto[];
}

class DueFollowUpDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty() dueAt: Date;
}

export class DailyWorkReportDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: '2026-03-04' }) date: string;
  @ApiProperty({ type: ConsultantFiguresDto }) figures: ConsultantFiguresDto;
  @ApiProperty({ type: [DueFollowUpDto], description: 'CA-19: follow-ups due by the end of the day and not yet recorded; the report is complete when empty' }) followUpsOutstanding: DueFollowUpDto[];
  @ApiProperty({ description: 'CA-19: every follow-up of the day is done' }) complete: boolean;
}

export class FileDailyWorkDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ maxLength: 1000, example: '今日接待2组,1组有意向下周签约' }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class DailyWorkFilingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-03-04' }) date: string;
  @ApiProperty({ format: 'uuid' }) consultantId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: ConsultantFiguresDto, description: 'The figures when filed' }) figures: ConsultantFiguresDto;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiProperty() filedAt: Date;
  @ApiPropertyOptional({ enum: ['false', 'unfinished'], nullable: true, type: String, description: "CA-19: the supervisor's finding (a day's or half a day's absence); null as filed" }) verdict: 'false' | 'unfinished' | null;
  @ApiPropertyOptional({ nullable: true, type: String }) judgementReason: string | null;
}

/** CA-19: the supervisor finds a filed report false or unfinished. */
export class JudgeDailyWorkDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ enum: ['false', 'unfinished'], description: 'false: a day of absence; unfinished: half a day (002 篇七)' }) @IsIn(['false', 'unfinished']) verdict: 'false' | 'unfinished';
  @ApiProperty({ maxLength: 500, example: '汇报来访3组, 来访登记只有1组' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class DailyWorkStatusQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '2026-03-04' }) @IsCalendarDate() date: string;
}

export class DailyWorkStatusDto {
  @ApiProperty({ format: 'uuid' }) consultantId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['filed', 'not_filed'], description: 'CA-19: a day without a filed report is unfinished (half a day of absence, decided by the manager)' }) status: string;
  @ApiPropertyOptional({ type: DailyWorkFilingDto, nullable: true }) filing: DailyWorkFilingDto | null;
}
