import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { PageQuery } from '../../platform/http/paging.js';
import { IdPipe } from '../../platform/http/params.js';
import { ExemptMissDto, FollowUpDto, FollowUpMissDto, FollowUpOutcomeDto, MissesQuery, OverdueFollowUpDto, OverdueQuery, RecordClientFollowUpDto } from './follow-ups.dto.js';
import { FollowUpsService, MANAGERS, OVERSEERS } from './follow-ups.service.js';

/** CA-5 follow-up duty: records, overdue lists, missed follow-up fines and the manager's exemptions. */
@ApiTags('clients')
@Controller('v1/clients')
export class FollowUpsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly followUps: FollowUpsService,
  ) {}

  @Post('customers/:id/follow-ups')
  @Roles('consultant', ...OVERSEERS)
  @ApiOperation({
    operationId: 'recordFollowUp',
    summary: "The owner records a follow-up of their customer (CA-5): channel, content, intention grade, next step",
    description: 'Entered on a later day than it happened: flagged (GEN-11). Each blank form field (content, grade, nextStep) is fined at the site policy amount in the discipline register (GEN-11, GEN-9). Not the owner: 403 NOT_CUSTOMER_OWNER (a colleague consultant: 404). Window expired: 409 CUSTOMER_IN_OPEN_POOL.',
  })
  @ApiCreatedResponse({ type: FollowUpOutcomeDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['NOT_CUSTOMER_OWNER'], 409: ['CUSTOMER_IN_OPEN_POOL'] })
  record(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: RecordClientFollowUpDto): Promise<FollowUpOutcomeDto> {
    return this.followUps.record(p, id, body);
  }

  @Get('customers/:id/follow-ups')
  @Roles('consultant', ...OVERSEERS)
  @ApiOperation({ operationId: 'listFollowUps', summary: "A customer's follow-ups, newest first (the owner, supervisors and managers)" })
  @ApiOkResponse({ type: pageOf(FollowUpDto) })
  @ApiProblems([400, 401, 403, 404])
  list(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: PageQuery) {
    return this.followUps.list(p, id, q);
  }

  @Get('follow-ups/overdue')
  @Roles('consultant', ...OVERSEERS)
  @ApiOperation({
    operationId: 'listOverdueFollowUps',
    summary: 'Overdue follow-ups (CA-5: every 3 days, daily for callers who never visited), earliest due first',
    description: 'Consultants see their own customers; supervisors and managers the site, or one consultant. Derived from the records when read (GEN-8).',
  })
  @ApiOkResponse({ type: pageOf(OverdueFollowUpDto) })
  @ApiProblems([400, 401, 403, 404])
  async overdue(@CurrentPrincipal() p: Principal, @Query() q: OverdueQuery) {
    const { site, roles } = await this.access.requireSite(p, q.siteId, ['consultant', ...OVERSEERS]);
    const overseer = roles.some((r) => OVERSEERS.includes(r));
    return this.followUps.overdue(site, overseer ? (q.consultantId ?? null) : p.userId, q);
  }

  @Get('follow-ups/misses')
  @Roles('consultant', ...OVERSEERS)
  @ApiOperation({ operationId: 'listMissedFollowUps', summary: 'Missed follow-ups fined by the daily job (CA-5, GEN-9), newest first: your own, or the site\'s for supervisors and managers' })
  @ApiOkResponse({ type: pageOf(FollowUpMissDto) })
  @ApiProblems([400, 401, 403, 404])
  async misses(@CurrentPrincipal() p: Principal, @Query() q: MissesQuery) {
    const { site, roles } = await this.access.requireSite(p, q.siteId, ['consultant', ...OVERSEERS]);
    const overseer = roles.some((r) => OVERSEERS.includes(r));
    return this.followUps.misses(site, overseer ? (q.consultantId ?? null) : p.userId, q.status, q);
  }

  @Post('follow-ups/misses/:id/exemption')
  @Roles(...MANAGERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'exemptMissedFollowUp', summary: 'The manager exempts a missed follow-up with a reason: its fine is voided (CA-5), audited' })
  @ApiOkResponse({ type: FollowUpMissDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['SELF_APPROVAL_FORBIDDEN'], 409: ['ALREADY_EXEMPTED'] })
  exempt(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: ExemptMissDto): Promise<FollowUpMissDto> {
    return this.followUps.exempt(p, id, body.reason);
  }
}
