import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { RateLimit } from '../../platform/http/rate-limit.js';
import { CreatePartnerReportDto, ListPartnerReportsQuery, PartnerReportDto } from './partner-reports.dto.js';
import { PartnerReportsService } from './partner-reports.service.js';

/**
 * The partner API (渠道报备): agencies report customers before bringing them. Authenticate with a
 * partner login (`POST /api/v1/auth/login`) or an API key (`Authorization: Bearer sdk_…` or
 * `X-Api-Key`). At most 120 requests a minute per agent or key (429 with Retry-After; RateLimit-*
 * headers on every response). Send an `Idempotency-Key` with each report so that a retry after a
 * timeout cannot report twice.
 */
@ApiTags('partner')
@Controller('v1/partner/reports')
@Roles('partner')
@RateLimit(120, 60)
export class PartnerReportsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly reports: PartnerReportsService,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createPartnerReport',
    summary: 'Report a customer before bringing them (CA-6)',
    description:
      'Answers 201 with `pending` — or `duplicate` when the customer is already owned on the site or was reported earlier by another agency (who owns them is never disclosed, CA-7). Bring the customer at least 30 minutes after reporting, with the same name and phone, and show the visit code at arrival (CA-16). A pending report expires after 7 days without a visit.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string per report (e.g. your CRM id): a repeat replays the first answer' })
  @ApiBody({
    type: CreatePartnerReportDto,
    examples: {
      full: { summary: 'Full number', value: { siteId: '5b0c0a3e-8a6e-4a53-9d5e-3b8f1f0b2c11', customerName: '王先生', phone: '13812345678', expectedVisitAt: '2026-03-02T06:00:00Z' } },
      masked: { summary: 'Masked number (where the site allows it, CA-15)', value: { siteId: '5b0c0a3e-8a6e-4a53-9d5e-3b8f1f0b2c11', customerName: '王先生', phone: '138****5678', expectedVisitAt: '2026-03-02T06:00:00Z' } },
    },
  })
  @ApiCreatedResponse({ type: PartnerReportDto })
  @ApiProblems([...WRITE_PROBLEMS, 422, 429], { 403: ['AGENT_BARRED', 'NOT_A_PARTNER', 'FORBIDDEN'], 422: ['MASKED_REPORTING_OFF', 'IDEMPOTENCY_KEY_REUSED'] })
  async create(@CurrentPrincipal() p: Principal, @Body() body: CreatePartnerReportDto): Promise<PartnerReportDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['partner']);
    return this.reports.submit(p, site, body);
  }

  @Get()
  @ApiOperation({ operationId: 'listPartnerReports', summary: "Your agency's reports, newest first (phones masked, GEN-7)" })
  @ApiOkResponse({ type: pageOf(PartnerReportDto) })
  @ApiProblems([400, 401, 403, 429])
  list(@CurrentPrincipal() p: Principal, @Query() q: ListPartnerReportsQuery) {
    return this.reports.list(p, q);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getPartnerReport', summary: "One of your agency's reports (another agency's: 404)" })
  @ApiOkResponse({ type: PartnerReportDto })
  @ApiProblems([401, 403, 404, 429])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.reports.get(p, id);
  }
}
