import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { Role } from '@sitedesk/domain';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DataSource, In, IsNull } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { validationFailed } from '../../platform/http/validation.js';
import { RoleAssignment, User } from '../../platform/identity/identity.entities.js';
import { userNames } from '../../platform/identity/user-names.js';
import { SiteQuery } from './attendance.dto.js';
import { AttendanceWage } from './attendance.entities.js';

const MANAGERS: Role[] = ['manager', 'director', 'admin'];
/** 10 million yuan: far above any wage, far below what a JavaScript number holds exactly. */
const MAX_FEN = 1_000_000_000;

export class PutWageDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 600000, description: 'Monthly wage in fen (on-site deductions: wage ÷ days worked × days, ATT-12)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  monthlyFen?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number, example: 20000, description: "Daily wage in fen (trampoline deductions: shares of the day's wage, ATT-12)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  dailyFen?: number | null;
}

export class WageDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: '李顾问' }) displayName: string;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 600000 }) monthlyFen: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 20000 }) dailyFen: number | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) updatedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) updatedBy: string | null;
}

/** ATT-12: the wages the pay deductions need, kept by the manager; every change is audited. */
@ApiTags('attendance')
@Controller('v1/attendance/wages')
export class WagesController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'listAttendanceWages', summary: "The wages of the site's staff (ATT-12), for the deductions of the monthly report; null where none is kept" })
  @ApiOkResponse({ type: [WageDto] })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: SiteQuery): Promise<WageDto[]> {
    const { site } = await this.access.requireSite(p, q.siteId, MANAGERS);
    const members = await this.ds.getRepository(RoleAssignment).find({ where: { siteId: site.id, revokedAt: IsNull() } });
    const ids = [...new Set(members.filter((m) => m.role !== 'partner').map((m) => m.userId))];
    if (!ids.length) return [];
    const [users, wages] = await Promise.all([
      this.ds.getRepository(User).find({ where: { id: In(ids) }, order: { displayName: 'ASC' } }),
      this.ds.getRepository(AttendanceWage).find({ where: { siteId: site.id, userId: In(ids) } }),
    ]);
    const of = new Map(wages.map((w) => [w.userId, w]));
    return users.map((u) => {
      const w = of.get(u.id);
      return { userId: u.id, displayName: u.displayName, monthlyFen: w?.monthlyFen ?? null, dailyFen: w?.dailyFen ?? null, updatedAt: w?.updatedAt ?? null, updatedBy: w?.updatedBy ?? null };
    });
  }

  @Put()
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'putAttendanceWage',
    summary: "Set a person's wage (ATT-12): monthly, daily or both, in fen",
    description: 'Audited with the wage before and after. Drafts of the monthly report use it at once; a submitted month keeps its figures until a manager revises it. Nobody sets their own wage (GEN-6).',
  })
  @ApiOkResponse({ type: WageDto })
  @ApiProblems([...WRITE_PROBLEMS], { 403: ['SELF_APPROVAL_FORBIDDEN'] })
  async put(@CurrentPrincipal() p: Principal, @Body() body: PutWageDto): Promise<WageDto> {
    const { site } = await this.access.requireSite(p, body.siteId, MANAGERS);
    const monthlyFen = body.monthlyFen ?? null;
    const dailyFen = body.dailyFen ?? null;
    if (monthlyFen === null && dailyFen === null) throw validationFailed([{ field: 'monthlyFen', message: 'a monthly or a daily wage is required' }]);
    if (body.userId === p.userId) throw new ProblemException(403, 'SELF_APPROVAL_FORBIDDEN', 'nobody sets their own wage (GEN-6)');
    return this.ds.transaction(async (em) => {
      const member = await em.getRepository(RoleAssignment).exists({ where: { siteId: site.id, userId: body.userId, revokedAt: IsNull() } });
      if (!member) throw notFound('person on this site');
      // The row of the person is locked while it changes, so that the audit's "before" is the wage replaced.
      const before = await em.getRepository(AttendanceWage).findOne({ where: { siteId: site.id, userId: body.userId }, lock: { mode: 'pessimistic_write' } });
      const now = new Date();
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(AttendanceWage)
        .values({ siteId: site.id, userId: body.userId, monthlyFen, dailyFen, updatedBy: p.userId, updatedAt: now })
        .orUpdate(['monthly_fen', 'daily_fen', 'updated_by', 'updated_at'], ['site_id', 'user_id'])
        .returning(['id'])
        .execute();
      const id = inserted.raw[0].id as string;
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'attendance.wage_set',
        entityType: 'attendance_wage',
        entityId: id,
        before: before ? { userId: body.userId, monthlyFen: before.monthlyFen, dailyFen: before.dailyFen } : null,
        after: { userId: body.userId, monthlyFen, dailyFen },
      });
      const names = await userNames(em, [body.userId]);
      return { userId: body.userId, displayName: names.get(body.userId) ?? '', monthlyFen, dailyFen, updatedAt: now, updatedBy: p.userId };
    });
  }
}
