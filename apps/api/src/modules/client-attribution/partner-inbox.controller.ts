import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { addDays, isCalendarDate, maskPhone, normalizePhone, patternKey, reportStatusAt, STAFF_ROLES, zonedTime, type Role } from '@sitedesk/domain';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DataSource, In, IsNull } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf } from '../../platform/http/openapi.js';
import { page, PageQuery, paging } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { Agency, RoleAssignment, User } from '../../platform/identity/identity.entities.js';
import { userNames } from '../../platform/identity/user-names.js';
import { PartnerReport } from './client-attribution.entities.js';

const STATUSES = ['pending', 'valid', 'natural', 'duplicate', 'expired', 'deal'] as const;
/** Who reads the site's partner reports: the desk that receives the customers, and those above it. */
const INBOX_ROLES: Role[] = ['receptionist', 'supervisor', 'manager', 'director', 'admin'];
const STAFF = STAFF_ROLES as Role[];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PartnerInboxQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: STATUSES, description: 'The status as read now: a pending report past its validity is expired (CA-7)' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agencyId?: string;
  @ApiPropertyOptional({ maxLength: 50, description: "The customer's name, or phone digits (a full number finds the reports whose number or pattern fits it, CA-15)" })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
  @ApiPropertyOptional({ example: '2026-03-02', description: 'Expected visit on or after this day (site time)' }) @IsOptional() @Matches(DATE) expectedFrom?: string;
  @ApiPropertyOptional({ example: '2026-03-02', description: 'Expected visit on or before this day (site time)' }) @IsOptional() @Matches(DATE) expectedTo?: string;
}

export class PartnerInboxItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ example: 'report_too_late', description: 'Why the report has its status (duplicate, natural …)' }) statusReason: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ example: 'North Channel' }) agencyName: string;
  @ApiProperty({ example: 'North Channel 经纪人' }) agentName: string;
  @ApiProperty({ example: '王先生' }) customerName: string;
  @ApiProperty({ example: '138****5678', description: 'Masked for everyone (GEN-7); the full number is asked at the arrival' }) phoneMasked: string;
  @ApiProperty() expectedVisitAt: Date;
  @ApiProperty() expiresAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) visitedAt: Date | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The customer the arrival matched' }) customerId: string | null;
  @ApiProperty() createdAt: Date;
}

export class UnrecordedVisitDto {
  @ApiProperty({ format: 'uuid', description: 'The visit register entry: complete it with POST /clients/visits/{id}/record' }) visitId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: '王先生' }) customerName: string;
  @ApiProperty({ example: '138****5678' }) phoneMasked: string;
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'walk_in' }) visitKind: string;
}

export class ConsultantsQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

export class ConsultantDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: '李顾问' }) displayName: string;
}

/**
 * Reads for the console's client-attribution pages: the site's partner reports for the reception desk and
 * the managers (the visit codes stay with the agencies: the code shown at the arrival is the agency's proof,
 * CA-16), the site's consultants for the reception line (CA-10), and a consultant's visits whose register
 * is still to be completed (GEN-11).
 */
@ApiTags('clients')
@Controller('v1/clients')
export class PartnerInboxController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  @Get('partner-reports')
  @Roles(...INBOX_ROLES)
  @ApiOperation({ operationId: 'listSitePartnerReports', summary: "The site's partner reports, newest first, filtered (reception and managers; phones masked, no visit codes)" })
  @ApiOkResponse({ type: pageOf(PartnerInboxItemDto) })
  @ApiProblems([400, 401, 403, 404])
  async inbox(@CurrentPrincipal() p: Principal, @Query() q: PartnerInboxQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, INBOX_ROLES);
    const now = new Date();
    const qb = this.ds.getRepository(PartnerReport).createQueryBuilder('r').where('r.site_id = :site', { site: site.id });
    if (q.status === 'expired') qb.andWhere(`(r.status = 'expired' OR (r.status = 'pending' AND r.expires_at <= :now))`, { now });
    else if (q.status === 'pending') qb.andWhere(`r.status = 'pending' AND r.expires_at > :now`, { now });
    else if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.agencyId) qb.andWhere('r.agency_id = :agency', { agency: q.agencyId });
    const text = q.q?.trim();
    if (text) {
      const full = normalizePhone(text);
      const digits = text.replace(/\D/g, '');
      if (full) qb.andWhere('r.phone_pattern = :key', { key: patternKey({ kind: 'full', phone: full }) });
      else if (digits.length >= 3 && digits.length === text.replace(/[\s-]/g, '').length) qb.andWhere('r.phone_pattern LIKE :digits', { digits: `%${digits}%` });
      else qb.andWhere('r.customer_name ILIKE :like', { like: `%${text.replace(/[\\%_]/g, (x) => `\\${x}`)}%` });
    }
    for (const [field, value] of [['expectedFrom', q.expectedFrom], ['expectedTo', q.expectedTo]] as const) {
      if (value && !isCalendarDate(value)) throw validationFailed([{ field, message: 'not a calendar date' }]);
    }
    if (q.expectedFrom) qb.andWhere('r.expected_visit_at >= :from', { from: zonedTime(q.expectedFrom, '00:00', site.timeZone) });
    if (q.expectedTo) qb.andWhere('r.expected_visit_at < :to', { to: zonedTime(addDays(q.expectedTo, 1), '00:00', site.timeZone) });
    const [rows, total] = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.sequence', 'DESC').skip(paging(q).skip).take(paging(q).take).getManyAndCount();
    const [agencies, names] = await Promise.all([
      rows.length ? this.ds.getRepository(Agency).find({ where: { id: In([...new Set(rows.map((r) => r.agencyId))]) }, select: { id: true, name: true } }) : [],
      userNames(this.ds.manager, rows.map((r) => r.agentId)),
    ]);
    const agencyName = new Map(agencies.map((a) => [a.id, a.name]));
    const items: PartnerInboxItemDto[] = rows.map((r) => ({
      id: r.id,
      status: reportStatusAt(r.status, r.expiresAt, now),
      statusReason: r.statusReason,
      agencyId: r.agencyId,
      agencyName: agencyName.get(r.agencyId) ?? '',
      agentName: names.get(r.agentId) ?? '',
      customerName: r.customerName,
      phoneMasked: r.phone ? maskPhone(r.phone) : r.phonePattern,
      expectedVisitAt: r.expectedVisitAt,
      expiresAt: r.expiresAt,
      visitedAt: r.visitedAt,
      customerId: r.customerId,
      createdAt: r.createdAt,
    }));
    return page(items, total, q);
  }

  @Get('visits/unrecorded')
  @Roles('consultant')
  @ApiOperation({
    operationId: 'listUnrecordedVisits',
    summary: 'The visits you received whose register you have not completed yet (GEN-11: grade, media, needs), newest first, the last 30 days',
  })
  @ApiOkResponse({ type: [UnrecordedVisitDto] })
  @ApiProblems([400, 401, 403, 404])
  async unrecorded(@CurrentPrincipal() p: Principal, @Query() q: ConsultantsQuery): Promise<UnrecordedVisitDto[]> {
    const { site } = await this.access.requireSite(p, q.siteId, ['consultant']);
    const rows: { id: string; customer_id: string; name: string; phone: string; at: Date; visit_kind: string | null }[] = await this.ds.query(
      `SELECT e.id, e.customer_id, c.name, c.phone, e.at, e.details->>'visitKind' AS visit_kind
         FROM customer_event e JOIN customer c ON c.id = e.customer_id
        WHERE e.site_id = $1 AND e.kind = 'visit' AND e.consultant_id = $2 AND NOT (e.details ? 'record') AND e.at > now() - interval '30 days'
        ORDER BY e.at DESC LIMIT 100`,
      [site.id, p.userId],
    );
    return rows.map((r) => ({ visitId: r.id, customerId: r.customer_id, customerName: r.name, phoneMasked: maskPhone(r.phone), at: r.at, visitKind: r.visit_kind ?? 'walk_in' }));
  }

  @Get('consultants')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listSiteConsultants', summary: "The site's consultants by name: for the day's reception order and a named consultant at an arrival (CA-9, CA-10)" })
  @ApiOkResponse({ type: [ConsultantDto] })
  @ApiProblems([400, 401, 403, 404])
  async consultants(@CurrentPrincipal() p: Principal, @Query() q: ConsultantsQuery): Promise<ConsultantDto[]> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    const assignments = await this.ds.getRepository(RoleAssignment).find({ where: { siteId: site.id, role: 'consultant', revokedAt: IsNull() }, select: { userId: true } });
    if (!assignments.length) return [];
    const users = await this.ds.getRepository(User).find({ where: { id: In([...new Set(assignments.map((a) => a.userId))]), active: true }, select: { id: true, displayName: true }, order: { displayName: 'ASC' } });
    return users.map((u) => ({ userId: u.id, displayName: u.displayName }));
  }
}
