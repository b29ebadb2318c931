import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Role } from '@sitedesk/domain';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { AttendanceReportService, type MonthlyReport } from './report.service.js';
import { sendFile } from '../../platform/http/table-export.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const READERS: Role[] = ['supervisor', 'clerk', 'manager', 'director', 'admin'];
const SUBMITTERS: Role[] = ['clerk', 'manager', 'director', 'admin'];
const MANAGERS: Role[] = ['manager', 'director', 'admin'];

export class MonthlyReportQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '2026-03' }) @Matches(MONTH, { message: 'month must be YYYY-MM' }) month: string;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

export class OrganizationReportQuery {
  @ApiProperty({ example: '2026-03' }) @Matches(MONTH, { message: 'month must be YYYY-MM' }) month: string;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

export class SubmitMonthDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '2026-03' }) @Matches(MONTH, { message: 'month must be YYYY-MM' }) month: string;
}

export class ReviseMonthDto extends SubmitMonthDto {
  @ApiProperty({ maxLength: 500, example: '3月10日补卡经经理批准' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

class DisciplineLineDto {
  @ApiProperty() date: string;
  @ApiProperty({ enum: ['fine', 'warning_slip', 'violation_slip', 'bonus', 'deduction'] }) kind: string;
  @ApiProperty({ example: 'ATT-11' }) ruleId: string;
  @ApiProperty({ example: 5000 }) amountFen: number;
  @ApiProperty() evidence: string;
}

class MonthFlagDto {
  @ApiProperty({ enum: ['DISMISSAL_REVIEW', 'LEAVE_REVIEW', 'WRITTEN_EXPLANATION', 'WAGE_WITHHELD', 'SUSPENDED_UNTIL_RECOVERED'] }) code: string;
  @ApiProperty({ example: 'ATT-13' }) ruleId: string;
  @ApiProperty() detail: string;
}

class LeaveDaysDto {
  @ApiProperty() personal: number;
  @ApiProperty() annual: number;
  @ApiProperty() sick: number;
}

export class ReportRowDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() login: string;
  @ApiProperty() scheduledDays: number;
  @ApiProperty() presentDays: number;
  @ApiProperty() lateCount: number;
  @ApiProperty() lateMinutes: number;
  @ApiProperty() earlyCount: number;
  @ApiProperty() earlyMinutes: number;
  @ApiProperty() absenceDays: number;
  @ApiProperty({ type: LeaveDaysDto }) leaveDays: LeaveDaysDto;
  @ApiProperty() businessOutDays: number;
  @ApiProperty({ description: 'Days with a corrected punch (ATT-15)' }) correctedDays: number;
  @ApiProperty({ type: [DisciplineLineDto] }) fines: DisciplineLineDto[];
  @ApiProperty() finesFen: number;
  @ApiProperty() bonusEarnedFen: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'ATT-12; null when the wage is not known' }) deductionFen: number | null;
  @ApiProperty({ type: [MonthFlagDto] }) flags: MonthFlagDto[];
  @ApiProperty({ type: [Number] }) policyVersions: number[];
}

export class MonthlyReportDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ enum: ['draft', 'submitted'] }) status: string;
  @ApiProperty({ example: '2026-03-30', description: 'Submitted by the 30th (ATT-14)' }) dueDate: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) submittedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) submittedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean }) submittedLate: boolean | null;
  @ApiProperty({ description: '0 for a draft; 1 when submitted; +1 for each approved revision' }) revision: number;
  @ApiProperty({ type: [ReportRowDto] }) rows: ReportRowDto[];
}

export class SiteMonthlyReportDto extends MonthlyReportDto {
  @ApiProperty() siteCode: string;
  @ApiProperty() siteName: string;
}

export class OrganizationMonthlyReportDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ example: '2026-03' }) month: string;
  @ApiProperty({ type: [SiteMonthlyReportDto], description: "Each site's report as the site report gives it, by site code" }) sites: SiteMonthlyReportDto[];
}

/** Who reads the organization-wide report: directors and admins, over the sites where they hold that role. */
const ORGANIZATION_READERS: Role[] = ['director', 'admin'];

@ApiTags('attendance')
@Controller('v1/attendance/reports/monthly')
export class ReportController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly reports: AttendanceReportService,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getMonthlyAttendanceReport', summary: 'The monthly attendance report (考勤统计表, ATT-14): JSON, or a CSV / XLSX download', description: 'A submitted month answers its stored figures; a draft is computed now.' })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: MonthlyReportDto })
  @ApiProblems([400, 401, 403, 404])
  async get(@CurrentPrincipal() p: Principal, @Query() q: MonthlyReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<MonthlyReport | Buffer> {
    const { site } = await this.access.requireSite(p, q.siteId, READERS);
    const report = await this.reports.report(site, q.month);
    if (!q.format || q.format === 'json') return report;
    const name = `attendance-${site.code}-${q.month}${report.status === 'submitted' ? `-r${report.revision}` : '-draft'}.${q.format}`;
    return sendFile(reply, name, q.format, { csv: () => this.reports.csv(report), xlsx: () => this.reports.xlsx(report, site.name) });
  }

  @Get('organization')
  @Roles(...ORGANIZATION_READERS)
  @ApiOperation({
    operationId: 'getOrganizationAttendanceReport',
    summary: 'The monthly attendance report of every site the caller directs (ATT-14): JSON, or one CSV / XLSX table',
    description:
      "For directors and admins: the sites where they hold the director or admin role (an organization-wide grant: every site of the organization), each site's figures exactly as the site report gives them. A manager, clerk or supervisor gets 403: they read their site's report.",
  })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: OrganizationMonthlyReportDto })
  @ApiProblems([400, 401, 403])
  async organization(@CurrentPrincipal() p: Principal, @Query() q: OrganizationReportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const ids = await this.access.siteIds(p, ORGANIZATION_READERS);
    const sites = (await Promise.all(ids.map((id) => this.access.site(id))))
      .filter((s): s is SiteRef => !!s && s.organizationId === p.organizationId)
      .sort((a, b) => a.code.localeCompare(b.code));
    const reports = await this.reports.organization(sites, q.month);
    if (!q.format || q.format === 'json') return { organizationId: p.organizationId, month: q.month, sites: reports };
    return sendFile(reply, `attendance-organization-${q.month}.${q.format}`, q.format, { csv: () => this.reports.organizationCsv(reports), xlsx: () => this.reports.organizationXlsx(reports, q.month) });
  }

  @Post('submit')
  @Roles(...SUBMITTERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'submitMonthlyAttendanceReport', summary: "The clerk submits the month: figures locked, fines written to the discipline register (GEN-9)" })
  @ApiOkResponse({ type: MonthlyReportDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['MONTH_SUBMITTED', 'MONTH_NOT_STARTED'] })
  async submit(@CurrentPrincipal() p: Principal, @Body() body: SubmitMonthDto) {
    const { site } = await this.access.requireSite(p, body.siteId, SUBMITTERS);
    return this.reports.submit(site, body.month, p.userId);
  }

  @Post('revise')
  @Roles(...MANAGERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'reviseMonthlyAttendanceReport', summary: 'A manager takes later corrections into a submitted month (audited with before and after)' })
  @ApiOkResponse({ type: MonthlyReportDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['MONTH_NOT_SUBMITTED', 'NOTHING_TO_REVISE'] })
  async revise(@CurrentPrincipal() p: Principal, @Body() body: ReviseMonthDto) {
    const { site } = await this.access.requireSite(p, body.siteId, MANAGERS);
    return this.reports.revise(site, body.month, p.userId, body.reason);
  }
}
