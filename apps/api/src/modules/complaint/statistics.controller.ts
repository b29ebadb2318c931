import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Role } from '@sitedesk/domain';
import type { FastifyReply } from 'fastify';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors/problem.js';
import { ApiProblems } from '../../platform/http/openapi.js';
import { ComplaintStatisticsDto, StatisticsQuery } from './complaint.dto.js';
import { COMPLAINT_SUPERVISORS } from './complaints.service.js';
import { OrganizationComplaintStatisticsDto, OrganizationStatisticsQuery } from './statistics.dto.js';
import { ComplaintStatisticsService } from './statistics.service.js';
import { sendFile } from '../../platform/http/table-export.js';

/** The organization-wide statistics: directors and admins (an organization-wide grant reaches every site). */
const ORGANIZATION_READERS: Role[] = ['director', 'admin'];

/** CMP-8 statistics (顾客投诉分类统计表 …): one site's month or year, and a director's organization. */
@ApiTags('complaint')
@Controller('v1/complaints/statistics')
export class ComplaintStatisticsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly statistics: ComplaintStatisticsService,
  ) {}

  @Get()
  @Roles(...COMPLAINT_SUPERVISORS)
  @ApiOperation({ operationId: 'getComplaintStatistics', summary: 'Complaint statistics for a month or a year (CMP-8): classification tables, response and resolution times, SLA compliance, satisfaction; JSON, CSV or XLSX' })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: ComplaintStatisticsDto })
  @ApiProblems([400, 401, 403, 404])
  async stats(@CurrentPrincipal() p: Principal, @Query() q: StatisticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const { site } = await this.access.requireSite(p, q.siteId, COMPLAINT_SUPERVISORS);
    const stats = await this.statistics.statistics(site, q);
    if (!q.format || q.format === 'json') return stats;
    const by = q.by ?? 'category';
    return sendFile(reply, `complaints-${site.code}-${stats.period}${q.format === 'csv' ? `-${by}` : ''}.${q.format}`, q.format, { csv: () => this.statistics.csv(stats, by), xlsx: () => this.statistics.xlsx(stats, site.name) });
  }

  @Get('organization')
  @Roles(...ORGANIZATION_READERS)
  @ApiOperation({
    operationId: 'getOrganizationComplaintStatistics',
    summary: 'Complaint statistics of every site the caller directs for a month or a year (CMP-8): a row per site and the organization totals; JSON, CSV or XLSX',
    description:
      "For directors and admins: the sites where they hold the director or admin role (an organization-wide grant: every site of the organization), each in its own time zone; `siteIds` narrows them (a site not among them is a 404). The totals' medians and percentiles are over all the complaints together. A supervisor or manager gets 403: they read their site's statistics.",
  })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: OrganizationComplaintStatisticsDto })
  @ApiProblems([400, 401, 403, 404])
  async organization(@CurrentPrincipal() p: Principal, @Query() q: OrganizationStatisticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const ids = await this.access.siteIds(p, ORGANIZATION_READERS);
    let sites = (await Promise.all(ids.map((id) => this.access.site(id))))
      .filter((s): s is SiteRef => !!s && s.organizationId === p.organizationId)
      .sort((a, b) => a.code.localeCompare(b.code));
    if (q.siteIds) {
      const wanted = new Set(q.siteIds.toLowerCase().split(','));
      const held = new Set(sites.map((s) => s.id));
      if ([...wanted].some((id) => !held.has(id))) throw notFound('site');
      sites = sites.filter((s) => wanted.has(s.id));
    }
    const stats = await this.statistics.organization(sites, q);
    const body = { organizationId: p.organizationId, ...stats };
    if (!q.format || q.format === 'json') return body;
    return sendFile(reply, `complaints-organization-${stats.period}.${q.format}`, q.format, { csv: () => this.statistics.organizationCsv(body), xlsx: () => this.statistics.organizationXlsx(body) });
  }
}
