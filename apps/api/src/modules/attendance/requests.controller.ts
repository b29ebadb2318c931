import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES, type Role } from '@sitedesk/domain';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { page, paging } from '../../platform/http/paging.js';
import { IdPipe } from '../../platform/http/params.js';
import { LeaveRequest, SwapRequest } from './attendance.entities.js';
import { PunchDto } from './attendance.dto.js';
import { CertificateDto, CorrectionDto, CreateLeaveDto, CreateSwapDto, LeaveDto, ListRequestsQuery, MissedPunchDto, MissedPunchResultDto, SwapDto } from './requests.dto.js';
import { AttendancePolicyService } from './policy.service.js';
import { AttendanceRequestsService, leaveDto, swapDto } from './requests.service.js';

const STAFF = STAFF_ROLES as Role[];
const OVERSEERS: Role[] = ['supervisor', 'clerk', 'manager', 'director', 'admin'];
const MANAGERS: Role[] = ['manager', 'director', 'admin'];
const LEAVE_CODES = ['LEAVE_ON_BLACKOUT_DAY', 'LEAVE_NOTICE_TOO_SHORT', 'LEAVE_AFTER_THE_FACT', 'LEAVE_NO_WORKING_DAY', 'SICK_REPORTED_TOO_LATE'];

/** Leave and sick reports (ATT-7, ATT-8), swaps (ATT-9), missed punches and corrections (ATT-15). Decisions go through /approvals. */
@ApiTags('attendance')
@Controller('v1/attendance')
export class RequestsController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly requests: AttendanceRequestsService,
    private readonly policies: AttendancePolicyService,
  ) {}

  @Post('leave-requests')
  @Roles(...STAFF)
  @ApiOperation({
    operationId: 'requestLeave',
    summary: 'Ask for personal or annual leave, or report sick',
    description: 'Judged at server time by the site policy: notice (ATT-7), emergencies, the 07:30 sick rule (ATT-8), blackout days (ATT-3). The approval then waits in /approvals for the roles the policy names, in order.',
  })
  @ApiCreatedResponse({ type: LeaveDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['LEAVE_OVERLAP'], 422: LEAVE_CODES })
  async requestLeave(@CurrentPrincipal() p: Principal, @Body() body: CreateLeaveDto): Promise<LeaveDto> {
    const { site } = await this.access.requireSite(p, body.siteId, STAFF);
    return this.requests.createLeave(p, site, body);
  }

  @Get('leave-requests')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listLeaveRequests', summary: 'Leave requests: your own, or the site\'s for supervisors, clerks and managers' })
  @ApiOkResponse({ type: pageOf(LeaveDto) })
  @ApiProblems([400, 401, 403, 404])
  async listLeave(@CurrentPrincipal() p: Principal, @Query() q: ListRequestsQuery) {
    const { site, roles } = await this.access.requireSite(p, q.siteId, STAFF);
    const userId = roles.some((r) => OVERSEERS.includes(r)) ? q.userId : p.userId;
    const [rows, total] = await this.ds.getRepository(LeaveRequest).findAndCount({
      where: { siteId: site.id, ...(userId ? { userId } : {}), ...(q.status ? { status: q.status as LeaveRequest['status'] } : {}) },
      order: { fromAt: 'DESC' },
      ...paging(q),
    });
    const { on } = await this.policies.resolver(site);
    const now = new Date();
    return page(rows.map((l) => leaveDto(l, site, now, on(l.firstDayBack ?? '2000-01-01').policy.sick.convertTo)), total, q);
  }

  @Post('leave-requests/:id/cancel')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'cancelLeave', summary: 'Withdraw your pending leave, or approved leave that has not begun' })
  @ApiOkResponse({ type: LeaveDto })
  @ApiProblems([401, 403, 404, 409], { 409: ['REQUEST_NOT_CANCELLABLE'] })
  cancelLeave(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.requests.cancelLeave(p, id);
  }

  @Post('leave-requests/:id/certificate')
  @Roles('clerk', 'manager', 'director', 'admin')
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordMedicalCertificate', summary: 'Record that the medical certificate arrived (ATT-8), at server time' })
  @ApiOkResponse({ type: LeaveDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['NOT_SICK_LEAVE', 'CERTIFICATE_RECORDED'] })
  async certificate(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() _body: CertificateDto) {
    const leave = await this.ds.getRepository(LeaveRequest).findOneBy({ id });
    if (!leave) throw notFound('leave request');
    const { site } = await this.access.requireSite(p, leave.siteId, ['clerk', ...MANAGERS]).catch(() => {
      throw notFound('leave request');
    });
    return this.requests.recordCertificate(p, site, id);
  }

  @Post('leave-requests/:id/certificate/submit')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'submitMedicalCertificate',
    summary: 'Hand in the medical certificate of your sick report (ATT-8), at server time',
    description: 'The clerk confirms it in /approvals (nobody records their own, GEN-6). Handed in before the deadline (the end of the first working day back), the leave stays sick while the clerk decides; a refused certificate counts as never handed in.',
  })
  @ApiOkResponse({ type: LeaveDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['NOT_SICK_LEAVE', 'CERTIFICATE_RECORDED', 'CERTIFICATE_SUBMITTED', 'CERTIFICATE_OVERDUE'] })
  submitCertificate(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: CertificateDto) {
    return this.requests.submitCertificate(p, id, body.note?.trim() || null);
  }

  @Post('swap-requests')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'requestSwap', summary: 'Ask a colleague to swap a working day (ATT-9): the colleague accepts, then the manager approves, before the first swapped shift' })
  @ApiCreatedResponse({ type: SwapDto })
  @ApiProblems([...WRITE_PROBLEMS, 422], { 422: ['SWAP_WITH_SELF', 'SWAP_TOO_LATE', 'SWAP_ON_BLACKOUT_DAY', 'SWAP_NOT_WORKING'] })
  async requestSwap(@CurrentPrincipal() p: Principal, @Body() body: CreateSwapDto): Promise<SwapDto> {
    const { site } = await this.access.requireSite(p, body.siteId, STAFF);
    return this.requests.createSwap(p, site, body);
  }

  @Get('swap-requests')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listSwapRequests', summary: 'Swaps you asked or were asked for; the site\'s for supervisors, clerks and managers', description: 'status=pending lists the swaps waiting for the colleague or the approver.' })
  @ApiOkResponse({ type: pageOf(SwapDto) })
  @ApiProblems([400, 401, 403, 404])
  async listSwaps(@CurrentPrincipal() p: Principal, @Query() q: ListRequestsQuery) {
    const { site, roles } = await this.access.requireSite(p, q.siteId, STAFF);
    const overseer = roles.some((r) => OVERSEERS.includes(r));
    const qb = this.ds.getRepository(SwapRequest).createQueryBuilder('s').where('s.site_id = :site', { site: site.id });
    const who = overseer ? q.userId : p.userId;
    if (who) qb.andWhere('(s.requester_id = :who OR s.colleague_id = :who)', { who });
    // A swap is pending while it waits for the colleague or the approver.
    if (q.status === 'pending') qb.andWhere("s.status IN ('awaiting_colleague', 'awaiting_manager')");
    else if (q.status) qb.andWhere('s.status = :status', { status: q.status });
    const [rows, total] = await qb.orderBy('s.requested_at', 'DESC').skip(paging(q).skip).take(paging(q).take).getManyAndCount();
    return page(rows.map(swapDto), total, q);
  }

  @Post('swap-requests/:id/accept')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'acceptSwap', summary: 'The colleague accepts; the swap then waits for the manager' })
  @ApiOkResponse({ type: SwapDto })
  @ApiProblems([401, 403, 404, 409], { 409: ['REQUEST_NOT_PENDING'] })
  acceptSwap(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.requests.answerSwap(p, id, true);
  }

  @Post('swap-requests/:id/decline')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'declineSwap', summary: 'The colleague declines' })
  @ApiOkResponse({ type: SwapDto })
  @ApiProblems([401, 403, 404, 409], { 409: ['REQUEST_NOT_PENDING'] })
  declineSwap(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.requests.answerSwap(p, id, false);
  }

  @Post('missed-punches')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'requestMissedPunch', summary: 'Ask for a missed clock-in or clock-out to be entered (补卡, ATT-15); a manager approves in /approvals' })
  @ApiCreatedResponse({ type: MissedPunchResultDto })
  @ApiProblems([...WRITE_PROBLEMS, 422], { 422: ['NO_SHIFT_THEN'] })
  async missedPunch(@CurrentPrincipal() p: Principal, @Body() body: MissedPunchDto): Promise<MissedPunchResultDto> {
    const { site } = await this.access.requireSite(p, body.siteId, STAFF);
    return this.requests.requestMissedPunch(p, site, body);
  }

  @Post('corrections')
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'correctPunch', summary: "Correct someone else's record directly, with a reason (ATT-15); never your own (GEN-6)" })
  @ApiCreatedResponse({ type: PunchDto })
  @ApiProblems([...WRITE_PROBLEMS, 422], { 403: ['SELF_APPROVAL_FORBIDDEN'], 422: ['NO_SHIFT_THEN'] })
  async correct(@CurrentPrincipal() p: Principal, @Body() body: CorrectionDto): Promise<PunchDto> {
    const { site } = await this.access.requireSite(p, body.siteId, MANAGERS);
    if (!body.reason.trim()) throw new ProblemException(400, 'VALIDATION_FAILED', 'reason: required');
    return this.requests.correct(p, site, body.userId, body);
  }
}
