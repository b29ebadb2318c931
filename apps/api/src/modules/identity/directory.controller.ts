import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource, In, IsNull } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { ApiKeysService } from '../../platform/auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { Agency, ApiKey, RoleAssignment, Site, User } from '../../platform/identity/identity.entities.js';
import { AgencyDto, ApiKeyDto, CreateAgencyDto, CreateApiKeyDto, CreatedApiKeyDto, CreateSiteDto, SiteDto, UpdateSiteDto } from './identity.dto.js';
import { pgCode } from '../../platform/errors/pg-errors.js';

const siteDto = (s: Site): SiteDto => ({ id: s.id, code: s.code, name: s.name, kind: s.kind, timeZone: s.timeZone });
const keyDto = (k: ApiKey): ApiKeyDto => ({ id: k.id, userId: k.userId, name: k.name, prefix: `sdk_${k.prefix}`, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt });

@ApiTags('directory')
@Controller('v1')
export class DirectoryController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
  ) {}

  @Get('sites')
  @Roles('*')
  @ApiOperation({ operationId: 'listSites', summary: 'The sites you hold a role on' })
  @ApiOkResponse({ type: [SiteDto] })
  @ApiProblems([401])
  async sites(@CurrentPrincipal() p: Principal): Promise<SiteDto[]> {
    const ids = await this.access.siteIds(p);
    const rows = await this.ds.getRepository(Site).find({ where: { id: In(ids) }, order: { code: 'ASC' } });
    return rows.map(siteDto);
  }

  @Post('sites')
  @Roles('admin')
  @ApiOperation({ operationId: 'createSite', summary: 'Open a site (sales office or service centre) in your organization' })
  @ApiCreatedResponse({ type: SiteDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['SITE_CODE_TAKEN'] })
  async createSite(@CurrentPrincipal() p: Principal, @Body() body: CreateSiteDto): Promise<SiteDto> {
    this.requireOrgAdmin(p);
    return this.ds.transaction(async (em) => {
      const taken = () => new ProblemException(409, 'SITE_CODE_TAKEN', 'a site with this code exists');
      if (await em.getRepository(Site).exists({ where: { code: body.code } })) throw taken();
      // Two admins opening the same code at once: the unique index decides, the loser hears the same answer.
      const site = await em
        .getRepository(Site)
        .save(em.getRepository(Site).create({ ...body, timeZone: body.timeZone ?? 'Asia/Shanghai', organizationId: p.organizationId }))
        .catch((e: unknown) => {
          throw pgCode(e) === '23505' ? taken() : e;
        });
      await this.audit.record(em, { organizationId: p.organizationId, siteId: site.id, action: 'site.created', entityType: 'site', entityId: site.id, after: siteDto(site) });
      return siteDto(site);
    });
  }

  @Patch('sites/:id')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateSite', summary: 'Rename a site or change its time zone', description: 'A time-zone change applies to days judged from then on; submitted months keep their figures.' })
  @ApiOkResponse({ type: SiteDto })
  @ApiProblems([...WRITE_PROBLEMS, 422])
  async updateSite(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: UpdateSiteDto): Promise<SiteDto> {
    this.requireOrgAdmin(p);
    const out = await this.ds.transaction(async (em) => {
      const site = await em.getRepository(Site).findOne({ where: { id, organizationId: p.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!site) throw notFound('site');
      const before = siteDto(site);
      Object.assign(site, body);
      await em.getRepository(Site).save(site);
      await this.audit.record(em, { organizationId: p.organizationId, siteId: site.id, action: 'site.updated', entityType: 'site', entityId: site.id, before, after: siteDto(site) });
      return siteDto(site);
    });
    this.access.forget(id);
    return out;
  }

  @Get('agencies')
  @Roles('admin', 'director', 'manager')
  @ApiOperation({ operationId: 'listAgencies', summary: 'The partner agencies of your organization' })
  @ApiOkResponse({ type: [AgencyDto] })
  @ApiProblems([401, 403])
  async agencies(@CurrentPrincipal() p: Principal): Promise<AgencyDto[]> {
    const rows = await this.ds.getRepository(Agency).find({ where: { organizationId: p.organizationId }, order: { name: 'ASC' } });
    return rows.map((a) => ({ id: a.id, name: a.name }));
  }

  @Post('agencies')
  @Roles('admin')
  @ApiOperation({ operationId: 'createAgency', summary: 'Register a partner channel agency (渠道)' })
  @ApiCreatedResponse({ type: AgencyDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['AGENCY_EXISTS'] })
  async createAgency(@CurrentPrincipal() p: Principal, @Body() body: CreateAgencyDto): Promise<AgencyDto> {
    this.requireOrgAdmin(p);
    const name = body.name.trim();
    return this.ds.transaction(async (em) => {
      // One agency per name in the organization (case-insensitive, a unique index): its reports and commissions stay together.
      const agency = await em
        .getRepository(Agency)
        .save(em.getRepository(Agency).create({ organizationId: p.organizationId, name }))
        .catch((e: unknown) => {
          throw pgCode(e) === '23505' ? new ProblemException(409, 'AGENCY_EXISTS', `the organization has an agency named ${name}`) : e;
        });
      await this.audit.record(em, { organizationId: p.organizationId, action: 'agency.created', entityType: 'agency', entityId: agency.id, after: { name: agency.name } });
      return { id: agency.id, name: agency.name };
    });
  }

  @Get('api-keys')
  @Roles('admin')
  @ApiOperation({ operationId: 'listApiKeys', summary: 'API keys of the organization (never the keys themselves)' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  @ApiProblems([401, 403])
  async listKeys(@CurrentPrincipal() p: Principal): Promise<ApiKeyDto[]> {
    this.requireOrgAdmin(p);
    const rows = await this.ds.getRepository(ApiKey).find({ where: { organizationId: p.organizationId }, order: { createdAt: 'DESC' } });
    return rows.map(keyDto);
  }

  @Post('api-keys')
  @Roles('admin')
  @ApiOperation({ operationId: 'createApiKey', summary: 'Issue an API key for a partner user', description: 'The response carries the key once; only its hash is stored.' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['NOT_A_PARTNER'] })
  async createKey(@CurrentPrincipal() p: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    this.requireOrgAdmin(p);
    return this.ds.transaction(async (em) => {
      const user = await em.getRepository(User).findOneBy({ id: body.userId, organizationId: p.organizationId });
      if (!user) throw notFound('user');
      const partner = await em.getRepository(RoleAssignment).exists({ where: { userId: user.id, role: 'partner', revokedAt: IsNull() } });
      if (!partner || !user.agencyId) throw new ProblemException(409, 'NOT_A_PARTNER', 'API keys are issued to partner agency users');
      const { row, key } = await this.apiKeys.create(em, { organizationId: p.organizationId, userId: user.id, name: body.name, createdBy: p.userId });
      await this.audit.record(em, { organizationId: p.organizationId, action: 'api_key.created', entityType: 'api_key', entityId: row.id, after: keyDto(row) });
      return { ...keyDto(row), key };
    });
  }

  @Post('api-keys/:id/revoke')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key at once' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiProblems([401, 403, 404, 409], { 409: ['ALREADY_REVOKED'] })
  async revokeKey(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<ApiKeyDto> {
    this.requireOrgAdmin(p);
    return this.ds.transaction(async (em) => {
      const row = await em.getRepository(ApiKey).findOne({ where: { id, organizationId: p.organizationId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound('API key');
      if (row.revokedAt) throw new ProblemException(409, 'ALREADY_REVOKED', 'the key is already revoked');
      row.revokedAt = new Date();
      await em.getRepository(ApiKey).save(row);
      await this.audit.record(em, { organizationId: p.organizationId, action: 'api_key.revoked', entityType: 'api_key', entityId: row.id, after: keyDto(row) });
      return keyDto(row);
    });
  }

  private requireOrgAdmin(p: Principal) {
    if (!this.access.isOrgAdmin(p)) throw new ProblemException(403, 'FORBIDDEN', 'this needs the organization-wide admin role');
  }
}
