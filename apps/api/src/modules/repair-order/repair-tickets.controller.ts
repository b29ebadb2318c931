import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { fen, STAFF_ROLES, type Role, type TicketCommand } from '@sitedesk/domain';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { csvBuffer, sendFile, xlsxBuffer } from '../../platform/http/table-export.js';
import {
  CreateRepairTicketDto,
  FeeSummaryDto,
  FeeSummaryQuery,
  ListRepairTicketsQuery,
  RepairTicketDetailDto,
  RepairTicketDto,
  ReportDoneDto,
  TicketBookFollowUpDto,
  TicketDispatchDto,
  TicketHandOverDto,
  TicketRecordFollowUpDto,
  TicketCategoriesDto,
  TicketStatisticsDto,
} from './repair-ticket.dto.js';
import { RepairSiteQuery, RepairStatisticsQuery } from './repair-order.dto.js';
import { RepairPolicyService } from './policy.service.js';
import { REPAIR_STATISTICS_READERS } from './repair-orders.service.js';
import { RepairTicketsService, TICKET_FEE_READERS, TICKET_READERS } from './repair-tickets.service.js';

const STAFF = STAFF_ROLES as Role[];
const STATE = 'TICKET_TRANSITION_NOT_ALLOWED';
const ROLE = ['TICKET_ROLE_REQUIRED'];

/**
 * RO-11 property repair tickets (报修): the call centre's intake with read-back, the work ticket to the
 * department with its time limit, the fee ticket of a paid service and the week's fees for finance,
 * CMP-7's follow-up call. One route per command; the domain decides state (409) and role (403).
 */
@ApiTags('repair-order')
@Controller('v1/repair-tickets')
export class RepairTicketsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly tickets: RepairTicketsService,
    private readonly policies: RepairPolicyService,
  ) {}

  @Get('categories')
  @Roles(...TICKET_READERS)
  @ApiOperation({ operationId: 'getRepairTicketCategories', summary: "RO-11: the site's ticket categories and departments from the current policy, for the call-centre intake (the desk roles do not read the whole policy)" })
  @ApiOkResponse({ type: TicketCategoriesDto })
  @ApiProblems([400, 401, 403, 404])
  async categories(@CurrentPrincipal() p: Principal, @Query() q: RepairSiteQuery): Promise<TicketCategoriesDto> {
    const { site } = await this.access.requireSite(p, q.siteId, TICKET_READERS);
    const { version, policy } = await this.policies.current(site);
    return {
      policyVersion: version,
      departments: policy.tickets.departments.map((d) => ({ code: d.code, name: d.name, timeLimitMinutes: d.timeLimitMinutes })),
      categories: policy.tickets.categories.map((c) => ({ code: c.code, name: c.name, department: c.department, paid: c.paid })),
    };
  }

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'createRepairTicket', summary: 'Take a repair call (RO-11): problem, address, name and phone, each read back; the agent owns the ticket (GEN-10)' })
  @ApiCreatedResponse({ type: RepairTicketDetailDto })
  @ApiProblems(WRITE_PROBLEMS, { 400: ['VALIDATION_FAILED', 'TICKET_INTAKE_INVALID'], 403: ROLE })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateRepairTicketDto): Promise<RepairTicketDetailDto> {
    return this.tickets.create(p, body);
  }

  @Get()
  @Roles(...TICKET_READERS)
  @ApiOperation({ operationId: 'listRepairTickets', summary: 'Repair tickets, newest first, with the time limit read now (GEN-8)' })
  @ApiOkResponse({ type: pageOf(RepairTicketDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListRepairTicketsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, TICKET_READERS);
    return this.tickets.list(site, q);
  }

  @Get('fees')
  @Roles(...TICKET_FEE_READERS)
  @ApiOperation({ operationId: 'getRepairTicketFees', summary: "The week's fee tickets for finance (004 客服主管 每周汇总), by category and department" })
  @ApiOkResponse({ type: FeeSummaryDto })
  @ApiProblems([400, 401, 403, 404], { 400: ['VALIDATION_FAILED', 'TICKET_WEEK_START_INVALID'] })
  async fees(@CurrentPrincipal() p: Principal, @Query() q: FeeSummaryQuery): Promise<FeeSummaryDto> {
    const { site } = await this.access.requireSite(p, q.siteId, TICKET_FEE_READERS);
    return this.tickets.fees(site, q.weekStart);
  }

  @Get('statistics')
  @Roles(...REPAIR_STATISTICS_READERS)
  @ApiOperation({ operationId: 'getRepairTicketStatistics', summary: 'RO-11/RO-12: tickets per week or month of receipt and department — done, open, breached, time to done (calendar and business minutes) and to close' })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: TicketStatisticsDto })
  @ApiProblems([400, 401, 403, 404])
  async statistics(@CurrentPrincipal() p: Principal, @Query() q: RepairStatisticsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<TicketStatisticsDto | Buffer> {
    const { site } = await this.access.requireSite(p, q.siteId, REPAIR_STATISTICS_READERS);
    const stats = await this.tickets.statistics(site, q);
    if (!q.format || q.format === 'json') return stats;
    // Minutes to one decimal; an empty cell when there is nothing to summarize.
    const min = (v: number | null) => (v == null ? '' : Math.round(v * 10) / 10);
    const header = [
      '期间 period',
      '部门 department',
      '受理 received',
      '已完成 done',
      '未完成 open',
      '超时 breached',
      '完成用时中位数(分) time to done median (min)',
      '完成用时P90(分) time to done p90 (min)',
      '完成工作时中位数(分) business time to done median (min)',
      '完成工作时P90(分) business time to done p90 (min)',
      '关闭用时中位数(分) time to close median (min)',
      '关闭用时P90(分) time to close p90 (min)',
    ];
    const rows = stats.rows.map((r) => [r.period, r.department, r.received, r.done, r.open, r.breached, min(r.timeToDone.median), min(r.timeToDone.p90), min(r.businessTimeToDone.median), min(r.businessTimeToDone.p90), min(r.timeToClose.median), min(r.timeToClose.p90)]);
    return sendFile(reply, `repair-tickets-${site.code}-${q.from}-${q.to}.${q.format}`, q.format, { csv: () => csvBuffer(header, rows), xlsx: () => xlsxBuffer(`报修统计 ${q.period}`, `${site.name} 报修统计 Repair ticket statistics ${q.from} – ${q.to}`, header, rows) });
  }

  @Get(':id')
  @Roles(...TICKET_READERS)
  @ApiOperation({ operationId: 'getRepairTicket', summary: 'A repair ticket with its work tickets, fee ticket, follow-up and timeline' })
  @ApiOkResponse({ type: RepairTicketDetailDto })
  @ApiProblems([401, 403, 404])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<RepairTicketDetailDto> {
    return this.tickets.get(p, id);
  }

  private run(p: Principal, id: string, cmd: TicketCommand) {
    return this.tickets.command(p, id, cmd);
  }

  @Post(':id/dispatch')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'dispatchRepairTicket', summary: "A work ticket to the category's department (or a named one) with its time limit (RO-11)" })
  @ApiOkResponse({ type: RepairTicketDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: ['VALIDATION_FAILED', 'TICKET_DEPARTMENT_UNKNOWN'], 403: ROLE, 409: [STATE] })
  dispatch(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: TicketDispatchDto) {
    return this.run(p, id, { type: 'dispatch', department: b.department ?? null });
  }

  @Post(':id/report-done')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'reportRepairTicketDone', summary: 'The department returns the ticket (返单); a paid service with its fee ticket; the follow-up call is planned' })
  @ApiOkResponse({ type: RepairTicketDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: ['VALIDATION_FAILED', 'TICKET_DATA_REQUIRED', 'TICKET_FEE_REQUIRED'], 403: ROLE, 409: [STATE], 422: ['TICKET_NOT_PAID_SERVICE', 'FOLLOW_UP_NO_CALLABLE_TIME'] })
  done(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: ReportDoneDto) {
    return this.run(p, id, { type: 'report_done', report: b.report, fee: b.fee ? b.fee.map((x) => ({ description: x.description, amountFen: fen(x.amountFen) })) : null });
  }

  @Post(':id/record-fee-paid')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordRepairTicketFeePaid', summary: 'The fee ticket is paid (once)' })
  @ApiOkResponse({ type: RepairTicketDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ROLE, 409: [STATE, 'TICKET_NO_FEE', 'TICKET_FEE_ALREADY_PAID'] })
  paid(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.run(p, id, { type: 'record_fee_paid' });
  }

  @Post(':id/book-follow-up')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'bookRepairTicketFollowUp', summary: 'CMP-7: a busy customer books a later call' })
  @ApiOkResponse({ type: RepairTicketDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: ['VALIDATION_FAILED', 'FOLLOW_UP_TIME_INVALID'], 403: ROLE, 409: [STATE], 422: ['FOLLOW_UP_IN_PAST', 'FOLLOW_UP_IN_REST_HOURS', 'FOLLOW_UP_NO_CALLABLE_TIME'] })
  book(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: TicketBookFollowUpDto) {
    return this.run(p, id, { type: 'book_follow_up', at: new Date(b.at) });
  }

  @Post(':id/record-follow-up')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordRepairTicketFollowUp', summary: 'CMP-7 answers; not solved or a low score issues a new work ticket one level up (CMP-10)' })
  @ApiOkResponse({ type: RepairTicketDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: ['VALIDATION_FAILED', 'FOLLOW_UP_ANSWERS_INVALID'], 403: ROLE, 409: [STATE] })
  followUp(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: TicketRecordFollowUpDto) {
    const a = b.answers;
    return this.run(p, id, { type: 'record_follow_up', answers: { solved: a.solved, attitude: a.attitude, charged: a.charged, score: a.score, suggestions: a.suggestions } });
  }

  @Post(':id/close')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'closeRepairTicket', summary: 'Close a followed-up ticket (supervisor and above)' })
  @ApiOkResponse({ type: RepairTicketDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ROLE, 409: [STATE] })
  close(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.run(p, id, { type: 'close' });
  }

  @Post(':id/hand-over')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'handOverRepairTicket', summary: 'Hand the ticket to another staff member of the site, with the reason (GEN-10)' })
  @ApiOkResponse({ type: RepairTicketDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: ['VALIDATION_FAILED', 'HANDOVER_REASON_REQUIRED'], 403: [...ROLE, 'NOT_RESPONSIBLE'], 409: [STATE, 'HANDOVER_TO_OWNER'] })
  handOver(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: TicketHandOverDto) {
    return this.run(p, id, { type: 'hand_over', toUserId: b.toUserId.toLowerCase(), reason: b.reason });
  }
}
