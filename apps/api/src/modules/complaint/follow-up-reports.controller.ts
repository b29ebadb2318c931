import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Role } from '@sitedesk/domain';
import type { FastifyReply } from 'fastify';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { COMPLAINT_READERS } from './complaints.service.js';
import { FollowUpReportDto, FollowUpReportQuery, FollowUpReportSummaryDto, PublishedFollowUpReportsQuery, SaveFollowUpReportDto } from './follow-up-report.dto.js';
import { ComplaintFollowUpReportsService } from './follow-up-reports.service.js';
import { sendFile } from '../../platform/http/table-export.js';

/**
 * Who writes the follow-up summary report: 004 — the customer-service supervisor (客服主管) analyses the
 * call records and writes the report (最后分析结果并撰写《回访总结报告》); the department manager may too.
 */
export const REPORT_WRITERS: Role[] = ['supervisor', 'manager'];
/** Who reads it: everyone who reads the complaint inbox — the agents make the calls and carry out the improvements. */
export const REPORT_READERS: Role[] = COMPLAINT_READERS;

/** CMP-8: the follow-up summary report (回访总结报告) of a site-local week or month. */
@ApiTags('complaint')
@Controller('v1/complaints/follow-up-reports')
export class ComplaintFollowUpReportsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly reports: ComplaintFollowUpReportsService,
  ) {}

  @Get()
  @Roles(...REPORT_READERS)
  @ApiOperation({
    operationId: 'getComplaintFollowUpReport',
    summary: 'The follow-up summary report of a week or month (CMP-8): live figures, the draft, the published version (frozen); CSV or XLSX',
  })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: FollowUpReportDto })
  @ApiProblems([400, 401, 403, 404], { 400: ['VALIDATION_FAILED', 'FOLLOW_UP_REPORT_PERIOD_INVALID'] })
  async get(@CurrentPrincipal() p: Principal, @Query() q: FollowUpReportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const { site } = await this.access.requireSite(p, q.siteId, REPORT_READERS);
    const report = await this.reports.get(site, q.period, q.version);
    if (!q.format || q.format === 'json') return report;
    const version = report.published ? `-v${report.published.version}` : '-draft';
    return sendFile(reply, `follow-up-report-${site.code}-${report.period}${version}.${q.format}`, q.format, { csv: () => this.reports.csv(report, site.name), xlsx: () => this.reports.xlsx(report, site.name) });
  }

  @Get('published')
  @Roles(...REPORT_READERS)
  @ApiOperation({ operationId: 'listPublishedComplaintFollowUpReports', summary: 'Published follow-up summary reports, newest period first (every version)' })
  @ApiOkResponse({ type: pageOf(FollowUpReportSummaryDto) })
  @ApiProblems([400, 401, 403, 404])
  async published(@CurrentPrincipal() p: Principal, @Query() q: PublishedFollowUpReportsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, REPORT_READERS);
    return this.reports.listPublished(site, q);
  }

  @Put(':siteId/:period')
  @Roles(...REPORT_WRITERS)
  @ApiOperation({ operationId: 'saveComplaintFollowUpReport', summary: "Save the draft's causes (原因分析) and improvements (改进措施); after a publication this starts the next version" })
  @ApiOkResponse({ type: FollowUpReportDto })
  @ApiProblems(WRITE_PROBLEMS, { 400: ['VALIDATION_FAILED', 'FOLLOW_UP_REPORT_PERIOD_INVALID'] })
  async save(@CurrentPrincipal() p: Principal, @Param('siteId', IdPipe) siteId: string, @Param('period') period: string, @Body() body: SaveFollowUpReportDto): Promise<FollowUpReportDto> {
    const { site } = await this.access.requireSite(p, siteId, REPORT_WRITERS);
    return this.reports.save(site, period, p.userId, { causes: body.causes, improvements: body.improvements });
  }

  @Post(':siteId/:period/publish')
  @Roles(...REPORT_WRITERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'publishComplaintFollowUpReport', summary: 'Publish the draft once the period is over: the figures are frozen with the text (a new version)' })
  @ApiOkResponse({ type: FollowUpReportDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: ['FOLLOW_UP_REPORT_PERIOD_INVALID'], 409: ['FOLLOW_UP_REPORT_NO_DRAFT', 'FOLLOW_UP_REPORT_PERIOD_OPEN'], 422: ['FOLLOW_UP_REPORT_TEXT_REQUIRED'] })
  async publish(@CurrentPrincipal() p: Principal, @Param('siteId', IdPipe) siteId: string, @Param('period') period: string): Promise<FollowUpReportDto> {
    const { site } = await this.access.requireSite(p, siteId, REPORT_WRITERS);
    return this.reports.publish(site, period, p.userId);
  }
}
