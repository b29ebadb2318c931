import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { atOrAbove, ROLES, type ApprovalDecision, type Role } from '@sitedesk/domain';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { Approval, type ApprovalStatus } from '../../platform/approvals/approval.entity.js';
import { ApprovalsService } from '../../platform/approvals/approvals.service.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors/problem.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { page, PageQuery, paging } from '../../platform/http/paging.js';
import { IdPipe } from '../../platform/http/params.js';
import { userNames } from '../../platform/identity/user-names.js';

const STATUSES: ApprovalStatus[] = ['pending', 'approved', 'rejected', 'cancelled'];

export class ApprovalsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: STATUSES, default: 'pending' }) @IsOptional() @IsIn(STATUSES) status?: ApprovalStatus;
  @ApiPropertyOptional({ example: 'attendance.missed_punch', description: 'Only approvals of this type' })
  @IsOptional()
  @Matches(/^[a-z_.]{1,64}$/)
  type?: string;

  @ApiPropertyOptional({ enum: ['decide', 'mine'], default: 'decide', description: 'decide: what waits for you; mine: what you asked' })
  @IsOptional()
  @IsIn(['decide', 'mine'])
  box?: 'decide' | 'mine';
}

export class DecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected'] }) @IsIn(['approved', 'rejected']) decision: ApprovalDecision;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

export class ApprovalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: 'attendance.leave' }) type: string;
  @ApiProperty() subjectType: string;
  @ApiProperty() subjectId: string;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty() requestedAt: Date;
  @ApiProperty({ enum: ROLES }) approverRole: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ example: '李顾问' }) requestedByName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '王经理' }) decidedByName: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ type: Object }) payload: Record<string, unknown>;
}

const withNames = (a: Approval, names: Map<string, string>): ApprovalDto => ({
  id: a.id,
  siteId: a.siteId,
  type: a.type,
  subjectType: a.subjectType,
  subjectId: a.subjectId,
  requestedBy: a.requestedBy,
  requestedByName: names.get(a.requestedBy) ?? '',
  requestedAt: a.requestedAt,
  approverRole: a.approverRole,
  status: a.status,
  decidedBy: a.decidedBy,
  decidedByName: a.decidedBy ? (names.get(a.decidedBy) ?? null) : null,
  decidedAt: a.decidedAt,
  comment: a.comment,
  payload: a.payload,
});

/** GEN-6: the approval inbox. Modules create approvals; here people decide them. */
@ApiTags('approvals')
@Controller('v1/approvals')
export class ApprovalsController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly approvals: ApprovalsService,
  ) {}

  @Get()
  @Roles('*')
  @ApiOperation({ operationId: 'listApprovals', summary: 'Approvals waiting for you, or the ones you asked for' })
  @ApiOkResponse({ type: pageOf(ApprovalDto) })
  @ApiProblems([400, 401, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: ApprovalsQuery) {
    const { site, roles } = await this.access.requireSite(p, q.siteId);
    const qb = this.ds.getRepository(Approval).createQueryBuilder('a').where('a.site_id = :site', { site: site.id }).andWhere('a.status = :status', { status: q.status ?? 'pending' });
    if (q.type) qb.andWhere('a.type = :type', { type: q.type });
    if (q.box === 'mine') qb.andWhere('a.requested_by = :me', { me: p.userId });
    else {
      const decidable = ROLES.filter((r) => atOrAbove(roles, r as Role));
      qb.andWhere('a.approver_role = ANY(:decidable)', { decidable }).andWhere('a.requested_by <> :me', { me: p.userId });
    }
    const [rows, total] = await qb.orderBy('a.requested_at', 'ASC').skip(paging(q).skip).take(paging(q).take).getManyAndCount();
    const names = await userNames(this.ds.manager, rows.flatMap((r) => [r.requestedBy, r.decidedBy]));
    return page(rows.map((r) => withNames(r, names)), total, q);
  }

  @Post(':id/decision')
  @Roles('*')
  @HttpCode(200)
  @ApiOperation({ operationId: 'decideApproval', summary: 'Approve or reject (never your own request, GEN-6)' })
  @ApiOkResponse({ type: ApprovalDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 403: ['SELF_APPROVAL_FORBIDDEN', 'APPROVER_ROLE_REQUIRED'], 409: ['APPROVAL_ALREADY_DECIDED'] })
  async decide(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: DecisionDto) {
    const row = await this.ds.getRepository(Approval).findOneBy({ id });
    if (!row) throw notFound('approval');
    const { site, roles } = await this.access.requireSite(p, row.siteId).catch(() => {
      throw notFound('approval');
    });
    const decided = await this.ds.transaction((em) => this.approvals.decide(em, site, id, p, roles, body.decision, body.comment ?? null));
    return withNames(decided, await userNames(this.ds.manager, [decided.requestedBy, decided.decidedBy]));
  }
}
