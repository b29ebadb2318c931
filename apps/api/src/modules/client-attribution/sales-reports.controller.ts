import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { OVERSEERS } from './follow-ups.service.js';
import { ConversionQuery, DailyWorkFilingDto, DailyWorkQuery, DailyWorkReportDto, DailyWorkStatusDto, DailyWorkStatusQuery, FileDailyWorkDto, JudgeDailyWorkDto, SalesReportDto, SalesReportQuery } from './sales-reports.dto.js';
import { SalesReportsService } from './sales-reports.service.js';
import { sendFile } from '../../platform/http/table-export.js';

/** CA-14 conversion figures and the CA-19 reports (JSON, CSV, XLSX). */
@ApiTags('clients')
@Controller('v1/clients/reports')
export class SalesReportsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly reports: SalesReportsService,
  ) {}

  @Get('conversion')
  @Roles('consultant', ...OVERSEERS)
  @ApiOperation({
    operationId: 'getConversionFigures',
    summary: 'Conversion figures (CA-14): calls → visits and visits → deals, per consultant and for the site, by day, week or month',
    description: 'Consultants get their own row and the site figures; supervisors and managers every consultant.',
  })
  @ApiOkResponse({ type: SalesReportDto })
  @ApiProblems([400, 401, 403, 404])
  async conversion(@CurrentPrincipal() p: Principal, @Query() q: ConversionQuery): Promise<SalesReportDto> {
    const { site, roles } = await this.access.requireSite(p, q.siteId, ['consultant', ...OVERSEERS]);
    const overseer = roles.some((r) => OVERSEERS.includes(r));
    return this.reports.report(site, q.period, q.date, overseer ? undefined : p.userId);
  }

  @Get('sales')
  @Roles(...OVERSEERS)
  @ApiOperation({
    operationId: 'getSalesReport',
    summary: "The supervisor's daily, weekly, monthly or yearly sales report (CA-19): JSON, or a CSV / XLSX download",
    description: 'Per consultant: calls, visits, follow-ups, deals, conversion (CA-14), late entries (GEN-11), missed follow-ups and fines (CA-5).',
  })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: SalesReportDto })
  @ApiProblems([400, 401, 403, 404])
  async sales(@CurrentPrincipal() p: Principal, @Query() q: SalesReportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<SalesReportDto | Buffer> {
    const { site } = await this.access.requireSite(p, q.siteId, OVERSEERS);
    const report = await this.reports.report(site, q.period, q.date);
    if (!q.format || q.format === 'json') return report;
    return sendFile(reply, `sales-${site.code}-${q.period}-${report.from}.${q.format}`, q.format, { csv: () => this.reports.csv(report), xlsx: () => this.reports.xlsx(report, site.name) });
  }

  @Get('daily-work')
  @Roles('consultant', ...OVERSEERS)
  @ApiOperation({
    operationId: 'getDailyWorkReport',
    summary: "A consultant's daily work report (CA-19): the day's calls, visits, follow-ups and deals, and the follow-ups still due",
    description: 'Consultants get their own; supervisors and managers name the consultant (default: themselves).',
  })
  @ApiOkResponse({ type: DailyWorkReportDto })
  @ApiProblems([400, 401, 403, 404])
  async dailyWork(@CurrentPrincipal() p: Principal, @Query() q: DailyWorkQuery): Promise<DailyWorkReportDto> {
    const { site, roles } = await this.access.requireSite(p, q.siteId, ['consultant', ...OVERSEERS]);
    const overseer = roles.some((r) => OVERSEERS.includes(r));
    return this.reports.dailyWork(site, q.date, overseer ? (q.consultantId ?? p.userId) : p.userId);
  }

  @Post('daily-work')
  @Roles('consultant')
  @ApiOperation({
    operationId: 'fileDailyWorkReport',
    summary: "File today's work report before leaving (CA-19): once a day, after the day's follow-ups are all recorded",
    description: 'A follow-up still due today: 409 FOLLOW_UPS_OUTSTANDING (with the list in `outstanding`). Filed already: 409 DAILY_REPORT_FILED.',
  })
  @ApiCreatedResponse({ type: DailyWorkFilingDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['FOLLOW_UPS_OUTSTANDING', 'DAILY_REPORT_FILED'] })
  async file(@CurrentPrincipal() p: Principal, @Body() body: FileDailyWorkDto): Promise<DailyWorkFilingDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['consultant']);
    return this.reports.file(site, p.userId, body.note);
  }

  @Get('daily-work/filings')
  @Roles(...OVERSEERS)
  @ApiOperation({ operationId: 'listDailyWorkFilings', summary: "Who filed the day's work report and who did not (CA-19: an unfinished report is half a day's absence, for the manager to decide)" })
  @ApiOkResponse({ type: [DailyWorkStatusDto] })
  @ApiProblems([400, 401, 403, 404])
  async filings(@CurrentPrincipal() p: Principal, @Query() q: DailyWorkStatusQuery): Promise<DailyWorkStatusDto[]> {
    const { site } = await this.access.requireSite(p, q.siteId, OVERSEERS);
    return this.reports.filings(site, q.date);
  }

  @Post('daily-work/filings/:id/judgement')
  @Roles(...OVERSEERS)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'judgeDailyWorkReport',
    summary: "Find a filed daily work report false (a day's absence) or unfinished (half a day) — CA-19; the consultant's attendance day counts it",
  })
  @ApiOkResponse({ type: DailyWorkFilingDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['SELF_APPROVAL_FORBIDDEN'], 409: ['DAILY_REPORT_JUDGED'] })
  async judge(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: JudgeDailyWorkDto): Promise<DailyWorkFilingDto> {
    const { site } = await this.access.requireSite(p, body.siteId, OVERSEERS);
    return this.reports.judge(site, id, p.userId, body);
  }
}
