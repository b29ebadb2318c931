import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors/problem.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { RateLimit } from '../../platform/http/rate-limit.js';
import { Customer } from './client-attribution.entities.js';
import { CommissionDto, CommissionsQuery, DealOutcomeDto, PartnerCommissionsQuery, RecordDealDto } from './commission.dto.js';
import { CommissionService } from './commission.service.js';

const LEDGER_READERS = ['manager', 'director', 'admin'] as const;

/** CA-17 the commission ledger of a site: deals recorded by the manager (until the Reservation module records them), the ledger read by managers. */
@ApiTags('clients')
@Controller('v1/clients')
export class CommissionController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly commission: CommissionService,
  ) {}

  @Post('customers/:id/deals')
  @Roles('manager', 'director')
  @ApiOperation({
    operationId: 'recordDeal',
    summary: "Record that a customer's deal reached a stage (subscription, contract, down payment): the agency's commission falls due at the site's policy stage (CA-17)",
    description: 'Until the Reservation module records deals itself, the manager records them here; the Reservation module will call the same service.',
  })
  @ApiCreatedResponse({ type: DealOutcomeDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['DEAL_STAGE_RECORDED'] })
  async deal(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: RecordDealDto): Promise<DealOutcomeDto> {
    const c = await this.ds.getRepository(Customer).findOne({ where: { id }, select: { id: true, siteId: true } });
    if (!c) throw notFound('customer');
    const { site } = await this.access.requireSite(p, c.siteId, ['manager', 'director']);
    return this.commission.recordDeal(p, site, id, body);
  }

  @Get('commissions')
  @Roles(...LEDGER_READERS)
  @ApiOperation({ operationId: 'listCommissions', summary: "The site's agency commission ledger: pending, due, forfeited (CA-17, CA-6)" })
  @ApiOkResponse({ type: pageOf(CommissionDto) })
  @ApiProblems([400, 401, 403, 404])
  async ledger(@CurrentPrincipal() p: Principal, @Query() q: CommissionsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, [...LEDGER_READERS]);
    return this.commission.ledger(site, q);
  }
}

/** CA-17 through the partner API: an agency reads its own commission ledger. */
@ApiTags('partner')
@Controller('v1/partner/commissions')
@Roles('partner')
@RateLimit(120, 60)
export class PartnerCommissionsController {
  constructor(private readonly commission: CommissionService) {}

  @Get()
  @ApiOperation({ operationId: 'listPartnerCommissions', summary: "Your agency's commissions: pending until the deal reaches the site's stage, then due; forfeited by a 撬单 finding (phones masked)" })
  @ApiOkResponse({ type: pageOf(CommissionDto) })
  @ApiProblems([400, 401, 403, 429])
  list(@CurrentPrincipal() p: Principal, @Query() q: PartnerCommissionsQuery) {
    return this.commission.partnerLedger(p, q);
  }
}
