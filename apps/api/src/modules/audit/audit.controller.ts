import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { AuditEvent } from '../../platform/audit/audit-event.entity.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf } from '../../platform/http/openapi.js';
import { page, PageQuery, paging } from '../../platform/http/paging.js';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Events of this site; without it, the events of every site you manage' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ example: 'user', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_.]{1,64}$/)
  entityType?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditEventDto {
  @ApiProperty({ example: '1042' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) siteId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorLogin: string | null;
  @ApiProperty({ example: 'role.granted' }) action: string;
  @ApiProperty({ example: 'user' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiPropertyOptional({ nullable: true, type: Object }) before: object | null;
  @ApiPropertyOptional({ nullable: true, type: Object }) after: object | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty() at: Date;
}

const MANAGERS = ['admin', 'director', 'manager'] as const;

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  @Get()
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'listAuditEvents', summary: 'The audit trail (GEN-3), newest first', description: 'Managers read their sites; organization admins also read organization-level events.' })
  @ApiOkResponse({ type: pageOf(AuditEventDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: AuditQuery) {
    const siteIds = q.siteId ? [(await this.access.requireSite(p, q.siteId, MANAGERS)).site.id] : await this.access.siteIds(p, MANAGERS);
    const qb = this.ds.getRepository(AuditEvent).createQueryBuilder('a').where('a.organization_id = :org', { org: p.organizationId });
    if (this.access.isOrgAdmin(p) && !q.siteId) qb.andWhere('(a.site_id IS NULL OR a.site_id = ANY(:siteIds))', { siteIds });
    else qb.andWhere('a.site_id = ANY(:siteIds)', { siteIds });
    if (q.entityType) qb.andWhere('a.entity_type = :t', { t: q.entityType });
    if (q.entityId) qb.andWhere('a.entity_id = :e', { e: q.entityId });
    if (q.from) qb.andWhere('a.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.at < :to', { to: q.to });
    const [items, total] = await qb.orderBy('a.id', 'DESC').skip(paging(q).skip).take(paging(q).take).getManyAndCount();
    return page(items.map(({ organizationId: _o, ...e }) => e), total, q);
  }
}
