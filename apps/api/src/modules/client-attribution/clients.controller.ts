import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { isInOpenPool, maskPhone, normalizePhone, STAFF_ROLES, type Role } from '@sitedesk/domain';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors/problem.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { page, PageQuery, paging } from '../../platform/http/paging.js';
import { IdPipe } from '../../platform/http/params.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { Customer, CustomerEvent, SmsMessage } from './client-attribution.entities.js';
import { CustomersService } from './customers.service.js';
import { VISIT_KINDS } from './rotation.controller.js';

const GRADES = ['A', 'B', 'C', 'D'] as const;
const PHONE = /^[0-9+\s()-]{7,20}$/;
const OVERSEERS: Role[] = ['supervisor', 'manager', 'director', 'admin'];
const STAFF = STAFF_ROLES as Role[];

export class RegisterCallDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '13812345678' }) @Matches(PHONE, { message: 'phone must be a phone number' }) phone: string;
  @ApiProperty({ example: '王先生', maxLength: 50, description: 'A caller who leaves a name gets the standard SMS (CA-13)' }) @IsString() @MaxLength(50) name: string;
  @ApiPropertyOptional({ enum: GRADES, description: 'A 意向 / B 潜在 / C 一般 / D 无效 (CA-1)' }) @IsOptional() @IsIn(GRADES) grade?: (typeof GRADES)[number];
  @ApiPropertyOptional({ example: '朋友介绍', maxLength: 30, description: 'How the caller heard of the site (媒体渠道), for the media report' }) @IsOptional() @IsString() @MaxLength(30) media?: string;
  @ApiPropertyOptional({ description: 'When the call came, if entered later (GEN-11 flags a later day)' }) @IsOptional() @IsISO8601({ strict: true, strictSeparator: true }) occurredAt?: string;
}

/** GEN-11: the receiving consultant completes the visit register after the reception. */
export class RecordVisitDto {
  @ApiPropertyOptional({ enum: GRADES, description: 'A 意向 / B 潜在 / C 一般 / D 无效 (CA-1)' }) @IsOptional() @IsIn(GRADES) grade?: (typeof GRADES)[number];
  @ApiPropertyOptional({ example: '户外广告', maxLength: 30, description: 'How the customer heard of the site (媒体渠道)' }) @IsOptional() @IsString() @MaxLength(30) media?: string;
  @ApiPropertyOptional({ example: '三房, 预算 200 万, 关注学区', maxLength: 500, description: "The customer's needs as heard in the reception" }) @IsOptional() @IsString() @MaxLength(500) needs?: string;
}

export class RegistrationOutcomeDto {
  @ApiProperty({ type: [String], example: ['media'], description: 'Fields of the register left blank (GEN-11)' }) blankFields: string[];
  @ApiProperty({ example: 1000, description: 'The fine the blanks cost the person who filled the form in, in fen (GEN-11; written to the discipline register)' }) fineFen: number;
}

export class VisitRecordOutcomeDto extends RegistrationOutcomeDto {
  @ApiProperty({ format: 'uuid' }) visitId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ description: 'Completed on a later day than the visit (GEN-11)' }) lateEntry: boolean;
}

export class RegisterVisitDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '13812345678' }) @Matches(PHONE, { message: 'phone must be a phone number' }) phone: string;
  @ApiProperty({ example: '王先生', maxLength: 50 }) @IsString() @MinLength(1) @MaxLength(50) name: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Who receives the customer (a returning customer\'s owner, CA-9); omitted: the reception line decides (CA-10)' })
  @IsOptional()
  @IsUUID()
  consultantId?: string;
  @ApiPropertyOptional({ enum: VISIT_KINDS, default: 'walk_in', description: 'Walk-ins and agency customers are counted turns; market research goes to the last in line (CA-10)' })
  @IsOptional()
  @IsIn(VISIT_KINDS)
  kind?: (typeof VISIT_KINDS)[number];
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Consultants in line who are busy now: the next free one receives, the busy keep their place' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  busy?: string[];
  @ApiPropertyOptional({ example: 'K7Q2M9XP', description: "The agency's visit code, scanned or typed (CA-16)" }) @IsOptional() @Matches(/^[A-Za-z0-9]{8}$/) visitCode?: string;
  @ApiProperty({ description: 'The customer mentioned an agency before reception began (CA-6)' }) @IsBoolean() mentionedAgency: boolean;
  @ApiPropertyOptional({ enum: GRADES }) @IsOptional() @IsIn(GRADES) grade?: (typeof GRADES)[number];
}

class JudgedReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['valid', 'natural', 'expired'] }) status: string;
  @ApiProperty({ example: 'report_too_late' }) reason: string;
  @ApiProperty({ type: [String], example: ['CA-6'] }) ruleIds: string[];
}

export class VisitOutcomeDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'uuid' }) receivedBy: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) ownerId: string | null;
  @ApiProperty({ type: [String], example: ['CA-18', 'CA-2'] }) ownerRuleIds: string[];
  @ApiPropertyOptional({ type: JudgedReportDto, nullable: true }) report: JudgedReportDto | null;
  @ApiProperty({ format: 'uuid', description: 'The visit register entry, completed later by the receiving consultant (POST /clients/visits/{id}/record)' }) visitId: string;
}

export class CallOutcomeDto extends RegistrationOutcomeDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The queued SMS (CA-13)' }) smsId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) ownerId: string | null;
  @ApiProperty({ type: [String] }) ownerRuleIds: string[];
  @ApiProperty({ description: 'Entered on a later day than it happened (GEN-11)' }) lateEntry: boolean;
}

export class LookupQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '13812345678' }) @Matches(PHONE, { message: 'phone must be a phone number' }) phone: string;
}

export class LookupDto {
  @ApiProperty() found: boolean;
  @ApiPropertyOptional({ enum: ['new', 'owned', 'open_pool'], type: String, nullable: true }) status: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '李顾问', description: 'Who to call (003 电转访); nothing else of the record' }) ownerName: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) protectedUntil: Date | null;
}

export class CustomersQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ description: 'Name or phone digits', maxLength: 50 }) @IsOptional() @IsString() @MaxLength(50) q?: string;
  @ApiPropertyOptional({ enum: ['mine', 'all', 'open_pool'], default: 'mine', description: 'all and open_pool: supervisors and managers' }) @IsOptional() @IsIn(['mine', 'all', 'open_pool']) scope?: 'mine' | 'all' | 'open_pool';
}

export class CustomerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '13812345678' }) phone: string;
  @ApiProperty({ enum: ['call', 'visit', 'channel', 'referral', 'employee_referral', 'relation'] }) source: string;
  @ApiProperty({ enum: GRADES }) grade: string;
  @ApiProperty({ enum: ['new', 'owned', 'open_pool'] }) status: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) ownerId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) ownerName: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) protectedUntil: Date | null;
  @ApiProperty({ type: [String] }) ownerRuleIds: string[];
  @ApiProperty() visited: boolean;
  @ApiProperty() createdAt: Date;
}

class CustomerEventDto {
  @ApiProperty() kind: string;
  @ApiProperty() at: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) consultantName: string | null;
  @ApiProperty({ type: Object }) details: Record<string, unknown>;
  @ApiProperty() lateEntry: boolean;
}

export class CustomerDetailDto extends CustomerDto {
  @ApiProperty({ type: [CustomerEventDto], description: 'Calls, visits, reports and ownership claims, oldest first' }) timeline: CustomerEventDto[];
}

export class SmsDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '138****5678' }) toPhoneMasked: string;
  @ApiProperty() body: string;
  @ApiProperty({ enum: ['queued', 'sent', 'failed'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) sentAt: Date | null;
  @ApiProperty() createdAt: Date;
}

/** The customer registry of a site (CA-1), calls and visits (CA-2, CA-6, CA-9, CA-13), lookups by phone (GEN-7). */
@ApiTags('clients')
@Controller('v1/clients')
export class ClientsController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly customers: CustomersService,
  ) {}

  @Post('calls')
  @Roles('consultant', 'supervisor', 'manager')
  @ApiOperation({ operationId: 'registerCall', summary: 'Register a call you took (CA-9); the standard SMS is queued when the caller left a name (CA-13)' })
  @ApiCreatedResponse({ type: CallOutcomeDto })
  @ApiProblems([...WRITE_PROBLEMS, 422])
  async call(@CurrentPrincipal() p: Principal, @Body() body: RegisterCallDto): Promise<CallOutcomeDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['consultant', 'supervisor', 'manager']);
    return this.customers.registerCall(p, site, body);
  }

  @Post('visits')
  @Roles('receptionist', 'supervisor', 'manager')
  @ApiOperation({
    operationId: 'registerVisit',
    summary: 'Register an arrival (receptionist): judges a pending agency report (CA-6, CA-16) and records who receives the customer',
  })
  @ApiCreatedResponse({ type: VisitOutcomeDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['ROTATION_NOT_PUBLISHED', 'NOBODY_AVAILABLE'], 422: ['VISIT_CODE_UNKNOWN'] })
  async visit(@CurrentPrincipal() p: Principal, @Body() body: RegisterVisitDto): Promise<VisitOutcomeDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['receptionist', 'supervisor', 'manager']);
    return this.customers.registerVisit(p, site, body);
  }

  @Post('visits/:id/record')
  @Roles('consultant', 'supervisor', 'manager')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'recordVisit',
    summary: 'The receiving consultant completes the visit register (GEN-11): grade, media, needs; once, the same day; each blank field is a fine',
  })
  @ApiOkResponse({ type: VisitRecordOutcomeDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['NOT_RECEIVING_CONSULTANT'], 409: ['VISIT_ALREADY_RECORDED'] })
  recordVisit(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: RecordVisitDto): Promise<VisitRecordOutcomeDto> {
    return this.customers.recordVisit(p, id, body);
  }

  @Get('lookup')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'lookupCustomer', summary: 'Who owns a phone number on the site (GEN-7): the owner to call, nothing else' })
  @ApiOkResponse({ type: LookupDto })
  @ApiProblems([400, 401, 403, 404])
  async lookup(@CurrentPrincipal() p: Principal, @Query() q: LookupQuery): Promise<LookupDto> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    const phone = normalizePhone(q.phone);
    if (!phone) throw validationFailed([{ field: 'phone', message: 'not a mobile number' }]);
    // One indexed statement, plain row: the desk asks this for every caller and every arrival.
    const [c]: { status: Customer['status']; protected_until: Date | null; owner_name: string | null }[] = await this.ds.query(
      `SELECT c.status, c.protected_until, u.display_name AS owner_name FROM customer c LEFT JOIN app_user u ON u.id = c.owner_id WHERE c.site_id = $1 AND c.phone = $2`,
      [site.id, phone],
    );
    if (!c) return { found: false, status: null, ownerName: null, protectedUntil: null };
    // CA-5: a window that ran out puts the customer in the open pool, whether or not the job has marked it yet (GEN-8).
    const status = isInOpenPool({ status: c.status, protectedUntil: c.protected_until }, new Date()) ? 'open_pool' : c.status;
    return { found: true, status, ownerName: status === 'owned' ? c.owner_name : null, protectedUntil: c.protected_until };
  }

  @Get('customers')
  @Roles('consultant', ...OVERSEERS)
  @ApiOperation({ operationId: 'listCustomers', summary: 'Your customers (consultants), or the site\'s and its open pool (supervisors and managers)' })
  @ApiOkResponse({ type: pageOf(CustomerDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: CustomersQuery) {
    const { site, roles } = await this.access.requireSite(p, q.siteId, ['consultant', ...OVERSEERS]);
    const overseer = roles.some((r) => OVERSEERS.includes(r));
    const scope = overseer ? (q.scope ?? 'all') : 'mine';
    const qb = this.ds.getRepository(Customer).createQueryBuilder('c').where('c.site_id = :site', { site: site.id });
    if (scope === 'mine') qb.andWhere('c.owner_id = :me', { me: p.userId });
    if (scope === 'open_pool') qb.andWhere(`c.status = 'open_pool'`);
    if (q.q) {
      // A name alone has no digits to match (a NUL placeholder is not valid text for PostgreSQL).
      const like = `%${q.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
      const digits = q.q.replace(/\D/g, '');
      if (digits) qb.andWhere('(c.name ILIKE :like OR c.phone LIKE :digits)', { like, digits: `%${digits}%` });
      else qb.andWhere('c.name ILIKE :like', { like });
    }
    const [rows, total] = await qb.orderBy('c.updated_at', 'DESC').skip(paging(q).skip).take(paging(q).take).getManyAndCount();
    const names = await userNames(this.ds.manager, rows.map((r) => r.ownerId));
    return page(rows.map((c) => this.dto(c, names)), total, q);
  }

  @Get('customers/:id')
  @Roles('consultant', ...OVERSEERS)
  @ApiOperation({ operationId: 'getCustomer', summary: "A customer's full record and timeline: the owner, supervisors and managers (GEN-7; others 404)" })
  @ApiOkResponse({ type: CustomerDetailDto })
  @ApiProblems([401, 403, 404])
  async get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<CustomerDetailDto> {
    const c = await this.ds.getRepository(Customer).findOneBy({ id });
    if (!c) throw notFound('customer');
    const { roles } = await this.access.requireSite(p, c.siteId).catch(() => {
      throw notFound('customer');
    });
    if (c.ownerId !== p.userId && !roles.some((r) => OVERSEERS.includes(r))) throw notFound('customer');
    const events = await this.ds.getRepository(CustomerEvent).find({ where: { customerId: c.id }, order: { at: 'ASC' } });
    const names = await userNames(this.ds.manager, [c.ownerId, ...events.map((e) => e.consultantId)]);
    return {
      ...this.dto(c, names),
      timeline: events.map((e) => ({ kind: e.kind, at: e.at, consultantName: e.consultantId ? (names.get(e.consultantId) ?? null) : null, details: e.details, lateEntry: e.lateEntry })),
    };
  }

  @Get('sms')
  @Roles(...OVERSEERS)
  @ApiOperation({ operationId: 'listSms', summary: "The site's SMS outbox, newest first: the manager reviews the day's SMS after the evening meeting (CA-13)" })
  @ApiOkResponse({ type: pageOf(SmsDto) })
  @ApiProblems([400, 401, 403, 404])
  async sms(@CurrentPrincipal() p: Principal, @Query() q: CustomersQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, OVERSEERS);
    const [rows, total] = await this.ds.getRepository(SmsMessage).findAndCount({ where: { siteId: site.id }, order: { createdAt: 'DESC' }, ...paging(q) });
    return page(rows.map((s) => ({ id: s.id, toPhoneMasked: maskPhone(s.toPhone), body: s.body, status: s.status, sentAt: s.sentAt, createdAt: s.createdAt })), total, q);
  }

  private dto(c: Customer, names: Map<string, string>): CustomerDto {
    return {
      id: c.id,
      name: c.name,
      phone: c.phone,
      source: c.source,
      grade: c.grade,
      status: c.status,
      ownerId: c.ownerId,
      ownerName: c.ownerId ? (names.get(c.ownerId) ?? null) : null,
      protectedUntil: c.protectedUntil,
      ownerRuleIds: c.ownerRuleIds,
      visited: c.visited,
      createdAt: c.createdAt,
    };
  }
}
