import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags, OmitType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { AuditEvent } from '../../platform/audit/audit-event.entity.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ProblemException } from '../../platform/errors/problem.js';
import { ApiProblems, pageOf } from '../../platform/http/openapi.js';
import { csvBuffer, sendFile } from '../../platform/http/table-export.js';
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

/** The trail as a CSV file: the same filters, every event (up to AUDIT_EXPORT_LIMIT). */
export class AuditExportQuery extends OmitType(AuditQuery, ['page', 'pageSize'] as const) {
  @ApiProperty({ enum: ['csv'] }) @IsIn(['csv']) format: 'csv';
}

/** The most events one exported file holds: the rows and their JSON are built in memory, within the production heap limit (256 MB). */
export const AUDIT_EXPORT_LIMIT = 20_000;

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
    const [items, total] = await (await this.events(p, q)).skip(paging(q).skip).take(paging(q).take).getManyAndCount();
    return page(items.map(({ organizationId: _o, ...e }) => e), total, q);
  }

  @Get('export')
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'exportAuditEvents',
    summary: 'The audit trail (GEN-3) as CSV: the same filters, every event, newest first',
    description: `Times in UTC (ISO 8601), before/after as JSON. More than ${AUDIT_EXPORT_LIMIT} events is a 422 EXPORT_TOO_LARGE (choose a shorter period).`,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The file' })
  @ApiProblems([400, 401, 403, 404, 422], { 422: ['EXPORT_TOO_LARGE'] })
  async export(@CurrentPrincipal() p: Principal, @Query() q: AuditExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const qb = await this.events(p, q);
    const total = await qb.getCount();
    if (total > AUDIT_EXPORT_LIMIT) {
      throw new ProblemException(422, 'EXPORT_TOO_LARGE', `${total} events match; a file holds at most ${AUDIT_EXPORT_LIMIT}: choose a shorter period`, { total, limit: AUDIT_EXPORT_LIMIT });
    }
    const events = await qb.getMany();
    const codes = new Map<string, string>();
    for (const id of new Set(events.map((e) => e.siteId).filter((id): id is string => !!id))) codes.set(id, (await this.access.site(id))?.code ?? id);
    const json = (v: object | null) => (v ? JSON.stringify(v) : '');
    const header = ['时间(UTC) at', '项目 site', '操作人 actor', '操作 action', '对象类型 entity type', '对象 entity', '原因 reason', '变更前 before', '变更后 after', '请求 request'];
    const rows = events.map((e) => [e.at.toISOString(), e.siteId ? (codes.get(e.siteId) ?? e.siteId) : '', e.actorLogin ?? '', e.action, e.entityType, e.entityId, e.reason ?? '', json(e.before), json(e.after), e.requestId ?? '']);
    return sendFile(reply, `audit-${new Date().toISOString().slice(0, 10)}.csv`, q.format, { csv: () => csvBuffer(header, rows) });
  }

  /** The events the caller may read under the filters, newest first. */
  private async events(p: Principal, q: Omit<AuditQuery, 'page' | 'pageSize'>) {
    const siteIds = q.siteId ? [(await this.access.requireSite(p, q.siteId, MANAGERS)).site.id] : await this.access.siteIds(p, MANAGERS);
    const qb = this.ds.getRepository(AuditEvent).createQueryBuilder('a').where('a.organization_id = :org', { org: p.organizationId });
    if (this.access.isOrgAdmin(p) && !q.siteId) qb.andWhere('(a.site_id IS NULL OR a.site_id = ANY(:siteIds))', { siteIds });
    else qb.andWhere('a.site_id = ANY(:siteIds)', { siteIds });
    if (q.entityType) qb.andWhere('a.entity_type = :t', { t: q.entityType });
    if (q.entityId) qb.andWhere('a.entity_id = :e', { e: q.entityId });
    if (q.from) qb.andWhere('a.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.at < :to', { to: q.to });
    return qb.orderBy('a.id', 'DESC');
  }
}
