import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { localDate, localDateTime, STAFF_ROLES, type ComplaintCommand, type ComplaintPolicy, type Role } from '@sitedesk/domain';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { csvBuffer, sendFile, xlsxBuffer } from '../../platform/http/table-export.js';
import {
  ApproveDto,
  BookFollowUpDto,
  CommentDto,
  ComplaintDetailDto,
  ComplaintDto,
  ComplaintPolicyVersionDto,
  CreateComplaintDto,
  FollowUpTaskDto,
  HandOverDto,
  InvestigateDto,
  ExportComplaintsQuery,
  ListComplaintsQuery,
  ListFollowUpsQuery,
  ProposeDto,
  PutComplaintPolicyDto,
  ComplaintReasonDto,
  RecordFollowUpDto,
  ResolveDto,
  RespondDto,
  SettleDto,
  ShortReasonDto,
  SiteQuery,
  SummaryDto,
  TriageDto,
} from './complaint.dto.js';
import { COMPLAINT_EXPORT_LIMIT, COMPLAINT_READERS, COMPLAINT_SUPERVISORS, ComplaintsService } from './complaints.service.js';
import { ComplaintPolicyService } from './policy.service.js';

const STAFF = STAFF_ROLES as Role[];
const STATE = 'COMPLAINT_TRANSITION_NOT_ALLOWED';
const WHO = ['NOT_RESPONSIBLE', 'COMPLAINT_ROLE_REQUIRED'];
const DATA = ['VALIDATION_FAILED', 'COMPLAINT_DATA_REQUIRED'];
const date = (v: string | null | undefined) => (v == null ? null : new Date(v));

/**
 * Complaints (SPEC section 4): intake, the inbox, one complaint with its timeline, and the life cycle
 * of CMP-9 as one route per transition. A transition not allowed in the complaint's state is a 409
 * `COMPLAINT_TRANSITION_NOT_ALLOWED`; who may take it is decided by the domain (403).
 */
@ApiTags('complaint')
@Controller('v1/complaints')
export class ComplaintsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly complaints: ComplaintsService,
    private readonly policies: ComplaintPolicyService,
  ) {}

  // ---------- policy ----------

  @Get('policy')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'getComplaintPolicy', summary: "The site's current complaint policy (categories, business hours, SLA targets, escalation, follow-up)" })
  @ApiOkResponse({ type: ComplaintPolicyVersionDto })
  @ApiProblems([400, 401, 403, 404])
  async getPolicy(@CurrentPrincipal() p: Principal, @Query() q: SiteQuery): Promise<ComplaintPolicyVersionDto> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    const { version, policy, row } = await this.policies.current(site);
    return { version, policy: policy as unknown as Record<string, unknown>, createdBy: row.createdBy, createdAt: row.createdAt };
  }

  @Put('policy')
  @Roles('manager', 'director', 'admin')
  @ApiOperation({ operationId: 'publishComplaintPolicy', summary: 'Publish a new complaint policy version; complaints already received keep theirs' })
  @ApiOkResponse({ type: ComplaintPolicyVersionDto })
  @ApiProblems(WRITE_PROBLEMS)
  async putPolicy(@CurrentPrincipal() p: Principal, @Body() body: PutComplaintPolicyDto): Promise<ComplaintPolicyVersionDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['manager', 'director', 'admin']);
    const row = await this.policies.publish(site, p.userId, body.policy as unknown as ComplaintPolicy);
    return { version: row.version, policy: row.policy as unknown as Record<string, unknown>, createdBy: row.createdBy, createdAt: row.createdAt };
  }

  // ---------- intake and reads ----------

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'createComplaint', summary: 'Register a complaint in the complaint log at once (CMP-1); whoever registers it owns it (GEN-10), an online one waits unowned' })
  @ApiCreatedResponse({ type: ComplaintDetailDto })
  @ApiProblems(WRITE_PROBLEMS, { 400: ['VALIDATION_FAILED', 'COMPLAINT_INTAKE_INVALID'] })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateComplaintDto): Promise<ComplaintDetailDto> {
    return this.complaints.create(p, body);
  }

  @Get()
  @Roles(...COMPLAINT_READERS)
  @ApiOperation({ operationId: 'listComplaints', summary: 'The complaint inbox, newest first, with level and breaches read now (GEN-8)' })
  @ApiOkResponse({ type: pageOf(ComplaintDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListComplaintsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, COMPLAINT_READERS);
    return this.complaints.list(site, q);
  }

  @Get('export')
  @Roles(...COMPLAINT_READERS)
  @ApiOperation({
    operationId: 'exportComplaints',
    summary: 'The complaint register (投诉登记表) as CSV or XLSX: every complaint the inbox filters find, read now (GEN-8)',
    description: `The inbox's filters without paging, newest first; times in the site's zone. More than ${COMPLAINT_EXPORT_LIMIT} complaints is a 422 EXPORT_TOO_LARGE (choose a shorter period).`,
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file' })
  @ApiProblems([400, 401, 403, 404, 422], { 422: ['EXPORT_TOO_LARGE'] })
  async export(@CurrentPrincipal() p: Principal, @Query() q: ExportComplaintsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const { site } = await this.access.requireSite(p, q.siteId, COMPLAINT_READERS);
    const rows = await this.complaints.exportRows(site, q);
    const at = (d: Date | string | null) => (d ? localDateTime(new Date(d), site.timeZone) : '');
    const header = [
      '登记时间 received',
      '渠道 channel',
      '投诉人 complainant',
      '联系方式 contact',
      '内容 content',
      '性质 kind',
      '有效性 validity',
      '类别 category',
      '责任部门 department',
      '严重程度 severity',
      '状态 state',
      '处理层级 level',
      '负责人 owner',
      '已超时 breached',
      '下一时限 next deadline',
      '首次响应 first response',
      '解决 resolved',
      '重开次数 reopened',
    ];
    const body = rows.map(({ complaint: c, categoryName }) => [
      at(c.receivedAt),
      c.channel,
      c.complainantName,
      c.contact,
      c.content,
      c.classification?.kind ?? '',
      c.classification?.validity ?? '',
      categoryName ?? '',
      c.classification?.department ?? '',
      c.severity,
      c.state,
      c.levelRole,
      c.ownerName,
      c.breached ? '是 yes' : '',
      at(c.nextDueAt),
      at(c.firstRespondedAt),
      at(c.resolvedAt),
      c.reopenCount,
    ]);
    const name = `complaints-${site.code}-${q.from ?? 'all'}-${q.to ?? localDate(new Date(), site.timeZone)}.${q.format}`;
    return sendFile(reply, name, q.format, { csv: () => csvBuffer(header, body), xlsx: () => xlsxBuffer('投诉登记表', `${site.name} 投诉登记表 Complaint register`, header, body) });
  }

  @Get('follow-ups')
  @Roles(...COMPLAINT_SUPERVISORS)
  @ApiOperation({ operationId: 'listComplaintFollowUps', summary: 'Follow-up calls (回访, CMP-7): planned, due, overdue or done, read now' })
  @ApiOkResponse({ type: pageOf(FollowUpTaskDto) })
  @ApiProblems([400, 401, 403, 404])
  async followUps(@CurrentPrincipal() p: Principal, @Query() q: ListFollowUpsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, COMPLAINT_SUPERVISORS);
    return this.complaints.followUps(site, q);
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'getComplaint', summary: 'A complaint with its clocks, pauses, escalation steps, follow-up calls and timeline' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([401, 403, 404])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<ComplaintDetailDto> {
    return this.complaints.get(p, id);
  }

  // ---------- CMP-9 transitions ----------

  private run(p: Principal, id: string, cmd: ComplaintCommand) {
    return this.complaints.command(p, id, cmd);
  }

  @Post(':id/take')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'takeComplaint', summary: 'Take an unowned complaint: the first taker owns it until an explicit hand-over (GEN-10)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: WHO, 409: [STATE, 'COMPLAINT_ALREADY_OWNED'] })
  take(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.run(p, id, { type: 'take' });
  }

  @Post(':id/respond')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'respondToComplaint', summary: 'Answer the customer (CMP-3); a promised next reply time becomes a deadline of its own' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: [...DATA, 'COMPLAINT_PROMISE_IN_PAST'], 403: WHO, 409: [STATE] })
  respond(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: RespondDto) {
    return this.run(p, id, { type: 'respond', message: b.message, promisedReplyAt: date(b.promisedReplyAt) });
  }

  @Post(':id/triage')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'triageComplaint', summary: 'Classify: grumble or complaint, valid or invalid, category, severity, department (CMP-2); an invalid one ends rejected with the reply' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: [...DATA, 'COMPLAINT_CLASSIFICATION_INVALID'], 403: WHO, 409: [STATE] })
  triage(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: TriageDto) {
    return this.run(p, id, { type: 'triage', classification: { ...b.classification }, reply: b.reply ?? null });
  }

  @Post(':id/settle-on-the-spot')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'settleComplaintOnTheSpot', summary: 'Solved at once and accepted by the customer (CMP-3): resolved, follow-up call planned' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 403: WHO, 409: [STATE], 422: ['COMPLAINT_CUSTOMER_ACCEPTANCE_REQUIRED', 'FOLLOW_UP_NO_CALLABLE_TIME'] })
  settle(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: SettleDto) {
    return this.run(p, id, { type: 'settle_on_the_spot', resolution: b.resolution, customerAccepted: b.customerAccepted, signature: b.signature });
  }

  @Post(':id/investigate')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'investigateComplaint', summary: 'Hand the investigation to the responsible department and person (CMP-4)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: WHO, 409: [STATE] })
  investigate(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: InvestigateDto) {
    return this.run(p, id, { type: 'investigate', investigatorId: b.investigatorId.toLowerCase(), department: b.department ?? null });
  }

  @Post(':id/propose')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'proposeComplaintSolutions', summary: 'Findings, cause, 1–10 proposals and the staff found at fault (CMP-4, CMP-6)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: WHO, 409: [STATE] })
  propose(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: ProposeDto) {
    return this.run(p, id, {
      type: 'propose',
      findings: b.findings,
      cause: b.cause,
      proposals: b.proposals.map((x) => ({ id: x.id, text: x.text })),
      responsibleStaff: b.responsibleStaff.map((s) => ({ userId: s.userId.toLowerCase(), departmentHeadId: s.departmentHeadId?.toLowerCase() ?? null })),
    });
  }

  @Post(':id/approve')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'approveComplaintProposal', summary: 'The supervisor or manager approves one proposal (CMP-4, GEN-6); an upheld complaint against staff issues violation slips (CMP-6)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: [...DATA, 'COMPLAINT_PROPOSAL_UNKNOWN'], 403: ['APPROVER_ROLE_REQUIRED', 'SELF_APPROVAL_FORBIDDEN'], 409: [STATE] })
  approve(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: ApproveDto) {
    return this.run(p, id, { type: 'approve', proposalId: b.proposalId, comment: b.comment ?? null });
  }

  @Post(':id/send-back')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'sendBackComplaintProposals', summary: 'The approver sends the proposals back to the investigation (CMP-4)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['APPROVER_ROLE_REQUIRED', 'SELF_APPROVAL_FORBIDDEN'], 409: [STATE] })
  sendBack(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: CommentDto) {
    return this.run(p, id, { type: 'send_back', comment: b.comment });
  }

  @Post(':id/resolve')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'resolveComplaint', summary: 'Carried out, accepted and signed by the customer (CMP-4): resolved, follow-up call planned (CMP-7)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 403: WHO, 409: [STATE], 422: ['COMPLAINT_CUSTOMER_ACCEPTANCE_REQUIRED', 'FOLLOW_UP_NO_CALLABLE_TIME'] })
  resolve(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: ResolveDto) {
    return this.run(p, id, { type: 'resolve', implementation: b.implementation, customerAccepted: b.customerAccepted, signature: b.signature, feedback: b.feedback ?? null });
  }

  @Post(':id/customer-declined')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'complaintCustomerDeclined', summary: 'The customer does not accept the approved solution: back to the investigation (CMP-4)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: WHO, 409: [STATE] })
  declined(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: ComplaintReasonDto) {
    return this.run(p, id, { type: 'customer_declined', reason: b.reason });
  }

  @Post(':id/book-follow-up')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'bookComplaintFollowUp', summary: 'A busy customer books a later call (预约回访时间, CMP-7): future, outside their rest hours' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: [...DATA, 'FOLLOW_UP_TIME_INVALID'], 403: ['COMPLAINT_ROLE_REQUIRED'], 409: [STATE], 422: ['FOLLOW_UP_IN_PAST', 'FOLLOW_UP_IN_REST_HOURS', 'FOLLOW_UP_NO_CALLABLE_TIME'] })
  book(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: BookFollowUpDto) {
    return this.run(p, id, { type: 'book_follow_up', at: new Date(b.at), customerRestHours: b.customerRestHours?.map((w) => ({ start: w.start, end: w.end })) ?? null });
  }

  @Post(':id/record-follow-up')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordComplaintFollowUp', summary: "The follow-up call's answers (CMP-7); not solved or a low score reopens the complaint one level up (CMP-10)" })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: ['VALIDATION_FAILED', 'FOLLOW_UP_ANSWERS_INVALID'], 403: ['COMPLAINT_ROLE_REQUIRED'], 409: [STATE] })
  recordFollowUp(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: RecordFollowUpDto) {
    const a = b.answers;
    return this.run(p, id, { type: 'record_follow_up', answers: { solved: a.solved, attitude: a.attitude, charged: a.charged, score: a.score, suggestions: a.suggestions } });
  }

  @Post(':id/close')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'closeComplaint', summary: 'Close a followed-up complaint with a summary (CMP-9)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['COMPLAINT_ROLE_REQUIRED'], 409: [STATE] })
  close(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: SummaryDto) {
    return this.run(p, id, { type: 'close', summary: b.summary });
  }

  @Post(':id/reopen')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'reopenComplaint', summary: 'Reopen a finished complaint by hand (the customer called again): one level up, a new resolution clock (CMP-9)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['COMPLAINT_ROLE_REQUIRED'], 409: [STATE] })
  reopen(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: ComplaintReasonDto) {
    return this.run(p, id, { type: 'reopen', reason: b.reason });
  }

  @Post(':id/escalate')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'escalateComplaint', summary: 'What the handler cannot handle goes one level up (CMP-5)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: WHO, 409: [STATE, 'COMPLAINT_AT_TOP_LEVEL'] })
  escalate(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: ComplaintReasonDto) {
    return this.run(p, id, { type: 'escalate', reason: b.reason });
  }

  @Post(':id/hand-over')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'handOverComplaint', summary: 'Hand the complaint to another staff member of the site, with the reason (GEN-10)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: ['VALIDATION_FAILED', 'HANDOVER_REASON_REQUIRED'], 403: ['NOT_RESPONSIBLE'], 409: [STATE, 'HANDOVER_TO_OWNER'] })
  handOver(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: HandOverDto) {
    return this.run(p, id, { type: 'hand_over', toUserId: b.toUserId.toLowerCase(), reason: b.reason });
  }

  @Post(':id/wait-for-customer')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'waitForComplaintCustomer', summary: 'Waiting on the customer: the SLA clocks pause (recorded)' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: WHO, 409: [STATE, 'COMPLAINT_ALREADY_WAITING'] })
  wait(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: ShortReasonDto) {
    return this.run(p, id, { type: 'wait_for_customer', reason: b.reason });
  }

  @Post(':id/customer-responded')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'complaintCustomerResponded', summary: 'The customer answered: the SLA clocks run again' })
  @ApiOkResponse({ type: ComplaintDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: WHO, 409: [STATE, 'COMPLAINT_NOT_WAITING'] })
  responded(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.run(p, id, { type: 'customer_responded' });
  }
}
