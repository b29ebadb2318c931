import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { RateLimit } from '../../platform/http/rate-limit.js';
import { AppealDto, AppealInputDto, AppealsQuery, DecideAppealDto, DecideDisputeDto, DisputeDto, DisputesQuery, PartnerAppealDto, PartnerAppealsQuery, RaiseDisputeDto } from './disputes.dto.js';
import { DisputesService } from './disputes.service.js';

const READERS = ['consultant', 'manager', 'director', 'admin'] as const;
const APPEAL_READERS = ['consultant', 'manager', 'director', 'admin'] as const;

/** CA-12 disputes (判单) and CA-17 appeals (申诉) of the site's staff. */
@ApiTags('clients')
@Controller('v1/clients')
export class DisputesController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly disputes: DisputesService,
  ) {}

  @Post('disputes')
  @Roles('consultant')
  @ApiOperation({ operationId: 'raiseDispute', summary: 'Claim a customer owned by someone else (CA-12): visible only to the parties and the managers' })
  @ApiCreatedResponse({ type: DisputeDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['ALREADY_OWNER', 'CUSTOMER_NOT_OWNED', 'DISPUTE_OPEN'] })
  async raise(@CurrentPrincipal() p: Principal, @Body() body: RaiseDisputeDto): Promise<DisputeDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['consultant']);
    return this.disputes.raise(p, site, body);
  }

  @Get('disputes')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'listDisputes', summary: "The site's disputes (managers), or those you are a party to (consultants), newest first" })
  @ApiOkResponse({ type: pageOf(DisputeDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: DisputesQuery) {
    const { site, roles } = await this.access.requireSite(p, q.siteId, [...READERS]);
    return this.disputes.list(p, site, roles, q);
  }

  @Get('disputes/:id')
  @Roles(...READERS)
  @ApiOperation({ operationId: 'getDispute', summary: 'A dispute with its decision and appeal: the parties and the managers (others 404)' })
  @ApiOkResponse({ type: DisputeDto })
  @ApiProblems([401, 403, 404])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<DisputeDto> {
    return this.disputes.get(p, id);
  }

  @Post('disputes/:id/decision')
  @Roles('manager', 'director')
  @ApiOperation({ operationId: 'decideDispute', summary: 'Decide a dispute with reasons and rule ids (CA-12): the winner owns the customer; a second decision is a 409' })
  @ApiCreatedResponse({ type: DisputeDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: ['VALIDATION_FAILED', 'REASONS_REQUIRED', 'RULE_IDS_INVALID', 'WINNER_NOT_A_PARTY'], 403: ['FORBIDDEN', 'OWN_DISPUTE'], 409: ['DISPUTE_DECIDED'] })
  decide(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: DecideDisputeDto): Promise<DisputeDto> {
    return this.disputes.decide(p, id, body);
  }

  @Post('disputes/:id/appeals')
  @Roles('consultant')
  @ApiOperation({ operationId: 'appealDispute', summary: "Appeal a dispute's decision once, within 3 days (policy), with a statement and attachments (CA-17): the losing party only" })
  @ApiCreatedResponse({ type: AppealDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['FORBIDDEN', 'NOT_THE_LOSING_PARTY'], 409: ['DISPUTE_NOT_DECIDED', 'ALREADY_APPEALED', 'APPEAL_WINDOW_CLOSED'] })
  appeal(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: AppealInputDto): Promise<AppealDto> {
    return this.disputes.appealDispute(p, id, body);
  }

  @Get('appeals')
  @Roles('manager', 'director', 'admin')
  @ApiOperation({ operationId: 'listAppeals', summary: "The site's appeals, newest first (consultants' and agencies')" })
  @ApiOkResponse({ type: pageOf(AppealDto) })
  @ApiProblems([400, 401, 403, 404])
  async listAppeals(@CurrentPrincipal() p: Principal, @Query() q: AppealsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, ['manager', 'director', 'admin']);
    return this.disputes.listAppeals(site, q);
  }

  @Get('appeals/:id')
  @Roles(...APPEAL_READERS)
  @ApiOperation({ operationId: 'getAppeal', summary: "An appeal with its attachments' metadata: the appellant, the dispute's parties and the managers (others 404)" })
  @ApiOkResponse({ type: AppealDto })
  @ApiProblems([401, 403, 404])
  getAppeal(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<AppealDto> {
    return this.disputes.getAppeal(p, id);
  }

  @Get('appeals/:id/attachments/:attachmentId')
  @Roles(...APPEAL_READERS)
  @ApiOperation({ operationId: 'downloadAppealAttachment', summary: "An appeal's attachment, as stored (whoever may read the appeal)" })
  @ApiProduces('image/jpeg', 'image/png', 'application/pdf', 'text/plain')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiProblems([401, 403, 404])
  async download(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('attachmentId', IdPipe) attachmentId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const file = await this.disputes.attachment(p, id, attachmentId);
    void reply.type(file.contentType);
    void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    void reply.header('x-content-type-options', 'nosniff');
    return file.content;
  }

  @Post('appeals/:id/decision')
  @Roles('manager', 'director', 'admin')
  @ApiOperation({
    operationId: 'decideAppeal',
    summary: "Decide an appeal with reasons (CA-17), final: a dispute's appeal by the director (above the deciding manager), an agency's by the manager",
  })
  @ApiCreatedResponse({ type: AppealDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: ['VALIDATION_FAILED', 'REASONS_REQUIRED', 'RULE_IDS_INVALID'], 403: ['FORBIDDEN', 'OWN_APPEAL', 'OWN_DECISION_APPEALED'], 409: ['APPEAL_DECIDED'] })
  decideAppeal(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: DecideAppealDto): Promise<AppealDto> {
    return this.disputes.decideAppeal(p, id, body);
  }
}

/** CA-17 appeals through the partner API: an agency contests how one of its own reports was judged. */
@ApiTags('partner')
@Controller('v1/partner/appeals')
@Roles('partner')
@RateLimit(120, 60)
export class PartnerAppealsController {
  constructor(private readonly disputes: DisputesService) {}

  @Post()
  @ApiOperation({
    operationId: 'createPartnerAppeal',
    summary: 'Appeal how one of your reports was judged (natural, duplicate, expired), once, within 3 days (CA-17), with a statement and attachments',
    description: 'Attachments are sent inline as base64 (JPEG, PNG, PDF or plain text, at most 5 files of 128 KiB; the request body is limited to 256 KiB). The manager decides; an upheld appeal makes the report valid.',
  })
  @ApiCreatedResponse({ type: AppealDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 429], { 403: ['FORBIDDEN', 'NOT_A_PARTNER'], 409: ['NOTHING_TO_APPEAL', 'ALREADY_APPEALED', 'APPEAL_WINDOW_CLOSED'] })
  create(@CurrentPrincipal() p: Principal, @Body() body: PartnerAppealDto): Promise<AppealDto> {
    return this.disputes.appealReport(p, body);
  }

  @Get()
  @ApiOperation({ operationId: 'listPartnerAppeals', summary: "Your agency's appeals, newest first" })
  @ApiOkResponse({ type: pageOf(AppealDto) })
  @ApiProblems([400, 401, 403, 429])
  list(@CurrentPrincipal() p: Principal, @Query() q: PartnerAppealsQuery) {
    return this.disputes.listPartnerAppeals(p, q);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getPartnerAppeal', summary: "One of your agency's appeals and its decision (another agency's: 404)" })
  @ApiOkResponse({ type: AppealDto })
  @ApiProblems([401, 403, 404, 429])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<AppealDto> {
    return this.disputes.getAppeal(p, id);
  }
}
