import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { addDays, DISCIPLINE_KINDS, fen, localDateTime, periodRange, zonedTime, type DisciplineKind } from '@sitedesk/domain';
import type { FastifyReply } from 'fastify';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { And, DataSource, IsNull, LessThan, MoreThanOrEqual } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { DisciplineEntry } from '../../platform/discipline/discipline-entry.entity.js';
import { DisciplineService } from '../../platform/discipline/discipline.service.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { page, PageQuery, paging } from '../../platform/http/paging.js';
import { csvBuffer, sendFile, xlsxBuffer } from '../../platform/http/table-export.js';
import { IdPipe } from '../../platform/http/params.js';
import { RoleAssignment } from '../../platform/identity/identity.entities.js';
import { userNames } from '../../platform/identity/user-names.js';

const MANAGERS = ['admin', 'director', 'manager'] as const;

export class DisciplineQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  siteId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Managers: one person. Others always see only their own.' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ description: 'Include voided entries', default: false })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeVoided?: 'true' | 'false';

  @ApiPropertyOptional({ example: '2026-11', description: 'Entries issued in this site-local month (for payroll)' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ enum: DISCIPLINE_KINDS })
  @IsOptional()
  @IsIn(DISCIPLINE_KINDS)
  kind?: DisciplineKind;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], description: 'A download of every matching entry (not paged) with the total, for payroll; JSON by default' })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

/** A download holds at most this many entries (a site's month is far below it). */
const EXPORT_LIMIT = 20_000;

export class IssueDisciplineDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ enum: DISCIPLINE_KINDS }) @IsIn(DISCIPLINE_KINDS) kind: DisciplineKind;
  @ApiProperty({ example: 'ATT-11', description: 'The SPEC rule the entry applies' })
  @Matches(/^[A-Z]{2,4}-\d{1,3}$/)
  ruleId: string;
  @ApiProperty({ example: 20000, description: 'Amount in fen (GEN-5); 0 for a slip without money' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  amountFen: number;
  @ApiProperty({ example: '值班时打瞌睡 (dozing on duty), seen 14:10 by the manager', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  evidence: string;
}

export class VoidDto {
  @ApiProperty({ maxLength: 500 }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class DisciplineEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: '李顾问' }) userName: string;
  @ApiProperty({ enum: DISCIPLINE_KINDS }) kind: string;
  @ApiProperty({ example: 'ATT-11' }) ruleId: string;
  @ApiProperty({ example: 5000 }) amountFen: number;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty() evidence: string;
  @ApiProperty({ example: 'attendance' }) sourceModule: string;
  @ApiPropertyOptional({ nullable: true, type: String }) sourceRef: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) issuedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '王经理' }) issuedByName: string | null;
  @ApiProperty() issuedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) voidedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) voidReason: string | null;
}

const dto = (e: DisciplineEntry, names: Map<string, string>): DisciplineEntryDto => ({
  id: e.id,
  siteId: e.siteId,
  userId: e.userId,
  userName: names.get(e.userId) ?? '',
  issuedByName: e.issuedBy ? (names.get(e.issuedBy) ?? null) : null,
  kind: e.kind,
  ruleId: e.ruleId,
  amountFen: e.amountFen,
  currency: e.currency,
  evidence: e.evidence,
  sourceModule: e.sourceModule,
  sourceRef: e.sourceRef,
  issuedBy: e.issuedBy,
  issuedAt: e.issuedAt,
  voidedAt: e.voidedAt,
  voidReason: e.voidReason,
});

/** GEN-9: the discipline register. The person sees their own; managers see their site's. */
@ApiTags('discipline')
@Controller('v1/discipline')
export class DisciplineController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly discipline: DisciplineService,
  ) {}

  @Get()
  @Roles('*')
  @ApiOperation({ operationId: 'listDiscipline', summary: 'Fines, warning and violation slips, bonuses (GEN-9); by person, kind and month; CSV or XLSX for payroll' })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: pageOf(DisciplineEntryDto) })
  @ApiProblems([400, 401, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: DisciplineQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const { site, roles } = await this.access.requireSite(p, q.siteId);
    const manager = roles.some((r) => (MANAGERS as readonly string[]).includes(r));
    const userId = manager ? q.userId : p.userId;
    const month = q.month ? periodRange('month', `${q.month}-01`) : null;
    const issuedAt = month ? And(MoreThanOrEqual(zonedTime(month.from, '00:00', site.timeZone)), LessThan(zonedTime(addDays(month.to, 1), '00:00', site.timeZone))) : undefined;
    const where = {
      siteId: site.id,
      ...(userId ? { userId } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(issuedAt ? { issuedAt } : {}),
      ...(q.includeVoided === 'true' ? {} : { voidedAt: IsNull() }),
    };
    const format = q.format === 'csv' || q.format === 'xlsx' ? q.format : null;
    const [rows, total] = await this.ds.getRepository(DisciplineEntry).findAndCount({ where, order: { issuedAt: 'DESC', id: 'ASC' }, ...(format ? { take: EXPORT_LIMIT } : paging(q)) });
    const names = await userNames(this.ds.manager, rows.flatMap((e) => [e.userId, e.issuedBy]));
    const entries = rows.map((e) => dto(e, names));
    if (!format) return page(entries, total, q);
    const header = ['登记时间 issued', '姓名 person', '类别 kind', '规则 rule', '金额(元) amount', '依据 evidence', '来源 source', '登记人 issued by', '作废 voided'];
    const local = (d: Date) => localDateTime(d, site.timeZone);
    const yuan = (f: number) => (f / 100).toFixed(2);
    const lines = entries.map((e) => [local(e.issuedAt), e.userName, e.kind, e.ruleId, yuan(e.amountFen), e.evidence, e.sourceModule, e.issuedByName ?? '', e.voidedAt ? `${local(e.voidedAt)} ${e.voidReason ?? ''}` : '']);
    const sum = entries.filter((e) => !e.voidedAt).reduce((n, e) => n + e.amountFen, 0);
    lines.push(['合计 total', `${entries.length}`, '', '', yuan(sum), '', '', '', '']);
    return sendFile(reply, `discipline-${site.code}${q.month ? `-${q.month}` : ''}.${format}`, format, { csv: () => csvBuffer(header, lines), xlsx: () => xlsxBuffer('奖惩登记', `${site.name} 奖惩登记 Discipline register${q.month ? ` ${q.month}` : ''}`, header, lines) });
  }

  @Post()
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'issueDiscipline', summary: 'Record an offence seen on site (e.g. ATT-11 dozing on duty: 200 yuan and a violation slip)' })
  @ApiCreatedResponse({ type: DisciplineEntryDto })
  @ApiProblems([...WRITE_PROBLEMS, 422], { 403: ['SELF_APPROVAL_FORBIDDEN', 'FORBIDDEN'] })
  async issue(@CurrentPrincipal() p: Principal, @Body() body: IssueDisciplineDto) {
    const { site } = await this.access.requireSite(p, body.siteId, MANAGERS);
    if (body.userId === p.userId) throw new ProblemException(403, 'SELF_APPROVAL_FORBIDDEN', 'nobody records an entry against themselves (GEN-6)');
    return this.ds.transaction(async (em) => {
      const onSite = await em.getRepository(RoleAssignment).exists({ where: [{ userId: body.userId, siteId: site.id, revokedAt: IsNull() }] });
      if (!onSite) throw notFound('person on this site');
      const entry = await this.discipline.issue(em, site, { ...body, amountFen: fen(body.amountFen), sourceModule: 'manual' }, p.userId);
      return dto(entry, await userNames(em, [entry.userId, entry.issuedBy]));
    });
  }

  @Post(':id/void')
  @Roles(...MANAGERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'voidDiscipline', summary: 'Void an entry with a reason (kept, marked void)' })
  @ApiOkResponse({ type: DisciplineEntryDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['ALREADY_VOIDED'] })
  async void(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: VoidDto) {
    const entry = await this.ds.getRepository(DisciplineEntry).findOneBy({ id });
    if (!entry) throw notFound('discipline entry');
    const { site } = await this.access.requireSite(p, entry.siteId, MANAGERS).catch(() => {
      throw notFound('discipline entry');
    });
    return this.ds.transaction(async (em) => {
      const entry = await this.discipline.void(em, site, id, p.userId, body.reason);
      return dto(entry, await userNames(em, [entry.userId, entry.issuedBy]));
    });
  }
}
